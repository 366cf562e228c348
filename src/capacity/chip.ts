/**
 * The unit economics of one accelerator in a fleet: its share of facility power, its share of
 * capex (chip, rest of server, network, building), and its yearly cost of ownership.
 */
import type { ChipSpec } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "../units/quantity.js";
import type { Params } from "./params.js";
import { fmt, type InputValue, stated, type Traced, traced } from "./traced.js";

/** Per-chip figures, each traced. Money in US$, power in W, per year = per 365.25 days. */
export interface ChipEconomics {
  chip: ChipSpec;
  tdpW: InputValue;
  overheadW: InputValue;
  /** IT power per chip at average load: TDP x load + overhead. */
  itW: Traced;
  /** IT power per chip at full load (what the facility is built for). */
  itPeakW: Traced;
  /** Facility power per chip at average load: IT x PUE. */
  facilityW: Traced;
  price: InputValue;
  capex: { accelerator: Traced; servers: Traced; network: Traced; facility: Traced; total: Traced };
  perYear: { electricity: Traced; depreciation: Traced; costOfCapital: Traced; total: Traced };
  tcoPerChipHour: Traced;
}

/** Capital recovery factor: the yearly payment that repays 1 over `n` years at rate `r`. */
export function capitalRecoveryFactor(r: number, n: number): number {
  // Below ~1e-9 the closed form loses all precision; the limit is straight-line repayment.
  if (Math.abs(r) < 1e-9) return 1 / n;
  return r / (1 - (1 + r) ** -n);
}

/** The chip's TDP, or an InputError when the catalog has none and none is given. */
function tdpOf(chip: ChipSpec, tdpW: number | undefined, location: string): InputValue {
  if (tdpW !== undefined) {
    if (!(tdpW > 0))
      throw new InputError(`TDP of ${chip.id} is ${tdpW} W`, { location, hint: "give a TDP above 0 W" });
    return stated(tdpW, "power");
  }
  if (chip.tdpW === undefined || !(chip.tdpW > 0)) {
    throw new InputError(`chip "${chip.id}" has no TDP in the catalog`, {
      location,
      hint: `state one (e.g. tdp: 1000 W) or use another generation`,
    });
  }
  const e = chip.entry.tdp;
  return {
    value: chip.tdpW,
    kind: "power",
    from: `chips.${chip.id}.tdp`,
    sources: e?.sources ?? [],
    note: e?.note,
  };
}

/**
 * Unit economics of one chip of `chip` under `params`. `tdpW` overrides the catalog's TDP;
 * `location` names the chip in errors ("mix[1].chip").
 */
export function chipEconomics(
  chip: ChipSpec,
  params: Params,
  opts: { tdpW?: number; location?: string } = {},
): ChipEconomics {
  const location = opts.location ?? "chip";
  const tdp = tdpOf(chip, opts.tdpW, location);
  const eco = params.economics;
  let overhead: InputValue;
  if (params.serverOverheadW !== undefined) overhead = stated(params.serverOverheadW, "power");
  else {
    const frac =
      params.serverOverheadFraction !== undefined
        ? stated(params.serverOverheadFraction, "fraction")
        : (() => {
            const f = eco.serverOverhead(chip.id);
            return {
              value: f.value,
              kind: "fraction" as const,
              from: f.id,
              sources: f.entry.sources,
              note: f.entry.note,
            };
          })();
    overhead = {
      value: frac.value * tdp.value,
      kind: "power",
      from: frac.from,
      sources: frac.sources,
      note: `${fmt(frac.value, "fraction")} of TDP${frac.note ? ` (${frac.note})` : ""}`,
    };
  }
  const { averageLoad: load, pue } = params;
  const itW = traced(
    tdp.value * load.value + overhead.value,
    "power",
    () =>
      `TDP ${fmt(tdp.value, "power")} x load ${fmt(load.value, "fraction")} + server overhead ${fmt(overhead.value, "power")}`,
    [tdp, load, overhead],
  );
  const itPeakW = traced(
    tdp.value + overhead.value,
    "power",
    () => `TDP ${fmt(tdp.value, "power")} + server overhead ${fmt(overhead.value, "power")}`,
    [tdp, overhead],
  );
  const facilityW = traced(
    itW.value * pue.value,
    "power",
    () => `IT ${fmt(itW.value, "power")} x PUE ${fmt(pue.value, "ratio")}`,
    [itW, pue],
  );

  // Price: given, published, or estimated from the all-in cost per GW.
  let price: InputValue;
  const published = eco.acceleratorPrice(chip.id);
  if (params.acceleratorPriceUsd !== undefined) price = stated(params.acceleratorPriceUsd, "money");
  else if (published)
    price = {
      value: published.value,
      kind: "money",
      from: published.id,
      sources: published.entry.sources,
      note: published.entry.note,
    };
  else {
    const { allInUsdPerW: allIn, acceleratorShareOfCapex: share } = params;
    price = {
      value: allIn.value * share.value * facilityW.value,
      kind: "money",
      from: "estimate",
      sources: [...allIn.sources, ...share.sources],
      note: `no published price: all-in ${fmt(allIn.value, "usdPerW")} x accelerators' share ${fmt(share.value, "fraction")} x ${fmt(facilityW.value, "power")} facility power per chip`,
    };
  }
  const accelerator = traced(price.value, "money", () => `price ${fmt(price.value, "money")}`, [price]);
  const servers = traced(
    price.value * params.otherServerCostFraction.value,
    "money",
    () =>
      `${fmt(price.value, "money")} x other server parts ${fmt(params.otherServerCostFraction.value, "fraction")}`,
    [price, params.otherServerCostFraction],
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
    itPeakW.value * params.facilityCapexUsdPerW.value,
    "money",
    () =>
      `IT at full load ${fmt(itPeakW.value, "power")} x ${fmt(params.facilityCapexUsdPerW.value, "usdPerW")}`,
    [itPeakW, params.facilityCapexUsdPerW],
  );
  const total = traced(
    accelerator.value + servers.value + network.value + facility.value,
    "money",
    () =>
      `${fmt(accelerator.value, "money")} + ${fmt(servers.value, "money")} + ${fmt(network.value, "money")} + ${fmt(facility.value, "money")}`,
    [accelerator, servers, network, facility],
  );

  const electricity = traced(
    facilityW.value * SECONDS_PER_YEAR * params.electricityUsdPerJ.value,
    "money",
    () => `${fmt(facilityW.value, "power")} x 8,766 h x ${fmt(params.electricityUsdPerJ.value, "usdPerJ")}`,
    [facilityW, params.electricityUsdPerJ],
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
  const perYearTotal = traced(
    electricity.value + depreciation.value + costOfCapital.value,
    "money",
    () =>
      `electricity ${fmt(electricity.value, "money")} + depreciation ${fmt(depreciation.value, "money")} + cost of capital ${fmt(costOfCapital.value, "money")}`,
    [electricity, depreciation, costOfCapital],
  );
  const hoursPerYear = SECONDS_PER_YEAR / SECONDS_PER_HOUR;
  const tcoPerChipHour = traced(
    perYearTotal.value / hoursPerYear,
    "money",
    () => `${fmt(perYearTotal.value, "money")} per chip-year / 8,766 h`,
    [perYearTotal],
  );
  return {
    chip,
    tdpW: tdp,
    overheadW: overhead,
    itW,
    itPeakW,
    facilityW,
    price,
    capex: { accelerator, servers, network, facility, total },
    perYear: { electricity, depreciation, costOfCapital, total: perYearTotal },
    tcoPerChipHour,
  };
}
