/**
 * The unit economics of one accelerator in a fleet: its power (src/power), its share of capex
 * (chip, rest of server, network, building) and its yearly cost of ownership.
 */
import type { ChipSpec, SystemSpec } from "../catalog/catalog.js";
import type { PriceLevel } from "../catalog/economics.js";
import { type ChipPower, chipPower } from "../power/index.js";
import { SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "../units/quantity.js";
import { fmt, type InputValue, stated, type Traced, traced } from "../units/traced.js";
import type { Params } from "./params.js";

/** An accelerator's price as used: what it covers, and where it came from. */
export interface PriceInput extends InputValue {
  /** "chip": the bare accelerator (the rest of the server is added); "server": a server's cost per accelerator. */
  level: PriceLevel;
}

/** Per-chip figures, each traced. Money in US$, power in W, per year = per 365.25 days. */
export interface ChipEconomics extends ChipPower {
  price: PriceInput;
  capex: { accelerator: Traced; servers: Traced; network: Traced; facility: Traced; total: Traced };
  perYear: {
    electricity: Traced;
    /** Maintenance, staff, insurance and property tax. */
    opex: Traced;
    depreciation: Traced;
    costOfCapital: Traced;
    total: Traced;
  };
  tcoPerChipHour: Traced;
}

/** Capital recovery factor: the yearly payment that repays 1 over `n` years at rate `r`. */
export function capitalRecoveryFactor(r: number, n: number): number {
  // Below ~1e-9 the closed form loses all precision; the limit is straight-line repayment.
  if (Math.abs(r) < 1e-9) return 1 / n;
  return r / (1 - (1 + r) ** -n);
}

/**
 * The price of one chip: the fleet-wide override, the caller's price for this chip, the
 * catalog's published price or sourced estimate (at the level its source states), or, for a chip
 * nobody has priced, a flat share of the all-in cost per watt (said in a note).
 */
function priceOf(chip: ChipSpec, params: Params, power: ChipPower, priceUsd?: number): PriceInput {
  const given = params.acceleratorPriceUsd ?? priceUsd;
  if (given !== undefined) return { ...stated(given, "money"), level: "server" };
  const entry = params.economics.file.acceleratorPrices[chip.id];
  if (entry)
    return {
      value: entry.value,
      kind: "money",
      from: `economics.acceleratorPrices.${chip.id}`,
      sources: entry.sources,
      note: entry.note,
      level: entry.level,
    };
  const { allInUsdPerW: allIn, acceleratorShareOfCapex: share } = params;
  return {
    value: allIn.value * share.value * power.facilityPeakW.value,
    kind: "money",
    from: "estimate",
    sources: [...allIn.sources, ...share.sources],
    note: `no published price or estimate for ${chip.name}: all-in ${fmt(allIn.value, "usdPerW")} x accelerators' share ${fmt(share.value, "fraction")} x ${fmt(power.facilityPeakW.value, "power")} facility power per chip`,
    level: "chip",
  };
}

/**
 * Unit economics of one chip of `chip` under `params`. `tdpW` overrides the catalog's TDP,
 * `priceUsd` its price (a server's cost per accelerator); `location` names the chip in errors.
 */
export function chipEconomics(
  chip: ChipSpec,
  params: Params,
  opts: { tdpW?: number; priceUsd?: number; system?: SystemSpec; location?: string } = {},
): ChipEconomics {
  const power = chipPower(chip, params, opts);
  const price = priceOf(chip, params, power, opts.priceUsd);
  const accelerator = traced(
    price.value,
    "money",
    () =>
      `price ${fmt(price.value, "money")}${price.level === "server" ? " (a server's cost per accelerator)" : ""}`,
    [price],
  );
  const other = price.level === "chip" ? params.otherServerCostFraction.value : 0;
  const servers = traced(
    price.value * other,
    "money",
    () =>
      price.level === "chip"
        ? `${fmt(price.value, "money")} x other server parts ${fmt(other, "fraction")}`
        : "in the server price",
    price.level === "chip" ? [price, params.otherServerCostFraction] : [price],
  );
  const s = params.networkShareOfCluster.value;
  const network = traced(
    ((price.value + servers.value) * s) / (1 - s),
    "money",
    () =>
      `(${fmt(price.value, "money")} + ${fmt(servers.value, "money")}) x ${fmt(s, "fraction")} / (1 - ${fmt(s, "fraction")})`,
    [price, servers, params.networkShareOfCluster],
  );
  const facility = traced(
    power.itPeakW.value * params.facilityCapexUsdPerW.value,
    "money",
    () =>
      `IT at full load ${fmt(power.itPeakW.value, "power")} x ${fmt(params.facilityCapexUsdPerW.value, "usdPerW")}`,
    [power.itPeakW, params.facilityCapexUsdPerW],
  );
  const total = traced(
    accelerator.value + servers.value + network.value + facility.value,
    "money",
    () =>
      `${fmt(accelerator.value, "money")} + ${fmt(servers.value, "money")} + ${fmt(network.value, "money")} + ${fmt(facility.value, "money")}`,
    [accelerator, servers, network, facility],
  );

  const opex = traced(
    total.value * params.opexShareOfCapex.value,
    "money",
    () => `capex ${fmt(total.value, "money")} x ${fmt(params.opexShareOfCapex.value, "fraction")} a year`,
    [total, params.opexShareOfCapex],
  );
  const hw = accelerator.value + servers.value + network.value;
  const nS = params.serverLifeS.value / SECONDS_PER_YEAR;
  const nF = params.facilityLifeS.value / SECONDS_PER_YEAR;
  const r = params.costOfCapital.value;
  const depreciation = traced(
    hw / nS + facility.value / nF,
    "money",
    () =>
      `IT hardware ${fmt(hw, "money")} / ${fmt(nS, "count")} years + facility ${fmt(facility.value, "money")} / ${fmt(nF, "count")} years`,
    [accelerator, servers, network, facility, params.serverLifeS, params.facilityLifeS],
  );
  const costOfCapital = traced(
    hw * (capitalRecoveryFactor(r, nS) - 1 / nS) + facility.value * (capitalRecoveryFactor(r, nF) - 1 / nF),
    "money",
    () => `annuity at ${fmt(r, "percentPerYear")} over each life, less depreciation`,
    [depreciation, params.costOfCapital],
  );
  const electricity = power.electricityPerYear;
  const perYearTotal = traced(
    electricity.value + opex.value + depreciation.value + costOfCapital.value,
    "money",
    () =>
      `electricity ${fmt(electricity.value, "money")} + other opex ${fmt(opex.value, "money")} + depreciation ${fmt(depreciation.value, "money")} + cost of capital ${fmt(costOfCapital.value, "money")}`,
    [electricity, opex, depreciation, costOfCapital],
  );
  const hoursPerYear = SECONDS_PER_YEAR / SECONDS_PER_HOUR;
  const tcoPerChipHour = traced(
    perYearTotal.value / hoursPerYear,
    "money",
    () => `${fmt(perYearTotal.value, "money")} per chip-year / 8,766 h`,
    [perYearTotal],
  );
  return {
    ...power,
    price,
    capex: { accelerator, servers, network, facility, total },
    perYear: { electricity, opex, depreciation, costOfCapital, total: perYearTotal },
    tcoPerChipHour,
  };
}
