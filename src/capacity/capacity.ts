/**
 * Capacity: facility power <-> chips for one chip generation or a mix, with what the fleet
 * delivers (FLOP/s, HBM), what it draws (energy, electricity cost, homes equivalent) and what it
 * costs (capex, opex, depreciation, cost of capital, TCO per chip-hour beside cloud prices).
 */
import type { Catalog, ChipHourPrice, ChipSpec } from "../catalog/catalog.js";
import type { Economics } from "../catalog/economics.js";
import type { Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { formatNumber } from "../units/format.js";
import { LIMITS } from "../units/limits.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { fmt, type InputValue, stated, type Traced, traced, type ValueKind } from "../units/traced.js";
import { type ChipEconomics, chipEconomics } from "./chip.js";
import { type EconomicsOverrides, type Params, resolveParams } from "./params.js";

/** One generation of a fleet. */
export interface MixEntry {
  chip: ChipSpec;
  /** Share of the facility power (sizing by power) or of the chips (sizing by count); shares sum to 1. */
  share: number;
  /** TDP override, W (for chips whose TDP the catalog lacks). */
  tdpW?: number;
}

/** What sizes a fleet: a power ceiling, a chip count, or a budget. */
export type SizingBasis = "power" | "chips" | "budget";

/** Options of `capacity()`. Give one of `powerW`, `chips` or `budgetUsd`, and `chip` or `mix`. */
export interface CapacityOptions extends EconomicsOverrides {
  /**
   * Facility power, W: by default the ceiling at full load (what a facility is built for, every
   * chip at TDP); with `powerBasis: "average"`, the average draw.
   */
  powerW?: number;
  powerBasis?: "full-load" | "average";
  /** Number of accelerators. */
  chips?: number;
  /**
   * Money to spend, US$: on capex (chips, servers, network, building) or, with `budgetYears`,
   * on the fleet's full cost of ownership over that many years.
   */
  budgetUsd?: number;
  budgetYears?: number;
  /** Price per chip (a server's cost per accelerator), US$, by chip id: sourced estimates or a scenario's. */
  chipPricesUsd?: Record<string, number>;
  /** TDP by chip id, W, where the catalog's is an estimate the caller varies. */
  chipTdpW?: Record<string, number>;
  /** A single chip generation (same as a mix of one). */
  chip?: ChipSpec;
  tdpW?: number;
  mix?: MixEntry[];
  /** For cloud prices beside the TCO (systems built on each chip). */
  catalog?: Catalog;
  economics?: Economics;
  /** Prefix of error locations ("capacity" in a scenario; flags in the CLI map to it). */
  location?: string;
}

/** A cloud price beside the TCO. */
export interface CloudPrice extends ChipHourPrice {
  system: string;
}

/** One generation's share of the fleet. */
export interface GenerationResult {
  chip: string;
  name: string;
  share: number;
  chips: Traced;
  power: Traced;
  unit: ChipEconomics;
  peakFlops: Partial<Record<Precision, Traced>>;
  hbmBytes?: Traced;
  cloudPrices: CloudPrice[];
}

/** The result of `capacity()`. */
export interface CapacityResult {
  basis: SizingBasis;
  /** What limits the fleet's size, in words. */
  limitedBy: string;
  inputs: Record<string, InputValue>;
  generations: GenerationResult[];
  chips: Traced;
  /** Facility power at full load: what is built (the sizing basis of a power ceiling). */
  power: Traced;
  /** Facility power drawn on average (average load). */
  averagePower: Traced;
  /** Energy drawn per year, at average load. */
  energyPerYear: Traced;
  electricityPerYear: Traced;
  /** US homes whose yearly electricity equals the energy drawn. */
  homesUS: Traced;
  homesEU: Traced;
  /** US homes equal to the facility power running at full load all year (the press's equivalence). */
  homesUSAtFullPower: Traced;
  peakFlops: Partial<Record<Precision, Traced>>;
  deliveredFlops: Partial<Record<Precision, Traced>>;
  hbmBytes?: Traced;
  capex: { accelerators: Traced; servers: Traced; network: Traced; facility: Traced; total: Traced };
  perYear: { electricity: Traced; opex: Traced; depreciation: Traced; costOfCapital: Traced; total: Traced };
  tcoPerChipHour: Traced;
  /** Full cost of ownership per GW-year of facility power at full load. */
  tcoPerGwYear: Traced;
  /** Lines a reader should know (estimated prices, missing data). */
  notes: string[];
}

const PRECISIONS: Precision[] = ["fp4", "fp8", "int8", "bf16", "fp16", "tf32", "fp32"];

function sumTraced(parts: Traced[], kind: Traced["kind"], what: () => string): Traced {
  const value = parts.reduce((s, p) => s + p.value, 0);
  const formula = () => (parts.length === 1 ? what() : parts.map((p) => fmt(p.value, kind)).join(" + "));
  return traced(value, kind, formula, parts);
}

/** Checks the sizing options and the mix; throws an InputError naming the field. */
function checkOptions(opts: CapacityOptions, mix: MixEntry[], loc: (k: string) => string): SizingBasis {
  const given = (["powerW", "chips", "budgetUsd"] as const).filter((k) => opts[k] !== undefined);
  if (given.length !== 1) {
    throw new InputError(
      given.length === 0
        ? "give a facility power, a number of chips or a budget"
        : `give one of a facility power, a number of chips or a budget, not ${given.length}`,
      {
        location: loc(given[1] === "budgetUsd" ? "budget" : given[1] === "chips" ? "chips" : "power"),
        hint: "e.g. --power 5GW, --chips 1M or --budget $100B",
      },
    );
  }
  const positive = (v: number | undefined, k: string, kind: ValueKind, max: number, hint: string) => {
    if (v !== undefined && !(v > 0 && v <= max))
      throw new InputError(`${k} is ${fmt(v, kind)}`, {
        location: loc(k),
        hint: `${hint}, at most ${fmt(max, kind)}`,
      });
  };
  positive(opts.powerW, "power", "power", LIMITS.power.max, "give a power above 0, e.g. 5GW");
  positive(opts.chips, "chips", "count", LIMITS.fleetChips.max, "give a count above 0, e.g. 1M");
  positive(opts.budgetUsd, "budget", "money", LIMITS.money.max, "give a budget above $0, e.g. $100B");
  if (opts.budgetYears !== undefined && !(opts.budgetYears >= 1 && opts.budgetYears <= 50))
    throw new InputError(`a budget over ${opts.budgetYears} years`, {
      location: loc("years"),
      hint: "1 to 50 years",
    });
  if (mix.length === 0)
    throw new InputError("no chip given", {
      location: loc("chip"),
      hint: "e.g. --chip trainium2 or --mix trainium2:0.6,trainium3:0.4",
    });
  mix.forEach((m, i) => {
    if (!(m.share > 0 && m.share <= 1))
      throw new InputError(`share of ${m.chip.id} is ${m.share}`, {
        location: loc(`mix[${i}].share`),
        hint: "a share is above 0 and at most 1",
      });
  });
  const shareSum = mix.reduce((s, m) => s + m.share, 0);
  if (Math.abs(shareSum - 1) > 1e-6)
    throw new InputError(`mix shares add up to ${shareSum.toFixed(4)}`, {
      location: loc("mix"),
      hint: "shares must add up to 1",
    });
  return opts.chips !== undefined ? "chips" : opts.budgetUsd !== undefined ? "budget" : "power";
}

/**
 * Sizes a fleet under a facility power ceiling, for a number of chips or for a budget, and costs
 * it. A power ceiling holds every chip at full load (TDP plus server, times PUE): that is what
 * the building and grid connection are built for; the fleet draws less on average.
 *
 * @example capacity({ powerW: 1e9, chip: catalog().chip("trainium2") }).chips.value // ~0.97 million
 */
export function capacity(opts: CapacityOptions): CapacityResult {
  const loc = (k: string) => (opts.location ? `${opts.location}.${k}` : k);
  const mix: MixEntry[] = opts.mix ?? (opts.chip ? [{ chip: opts.chip, share: 1, tdpW: opts.tdpW }] : []);
  const basis = checkOptions(opts, mix, loc);
  const params: Params = resolveParams(opts, { economics: opts.economics, location: opts.location });
  const notes: string[] = [];
  const units = mix.map((m, i) =>
    chipEconomics(m.chip, params, {
      tdpW: m.tdpW ?? opts.chipTdpW?.[m.chip.id],
      priceUsd: opts.chipPricesUsd?.[m.chip.id],
      location: loc(opts.mix ? `mix[${i}].chip` : "chip"),
    }),
  );
  // Shares are of power for a ceiling or a budget, and of chips for a count.
  const years = opts.budgetYears;
  const perW = (pick: (u: ChipEconomics) => number) =>
    mix.reduce((s, m, i) => s + (m.share * pick(units[i]!)) / units[i]!.facilityPeakW.value, 0);
  let totalW = 0;
  let sizing = "";
  if (basis === "power") {
    const average = opts.powerBasis === "average";
    // An average draw sizes the fleet as if at full load by the ratio of the two.
    totalW = average ? opts.powerW! / params.averageLoad.value : opts.powerW!;
    sizing = average
      ? `${fmt(opts.powerW!, "power")} drawn on average / load ${fmt(params.averageLoad.value, "fraction")}`
      : `power ceiling ${fmt(opts.powerW!, "power")} at full load`;
  } else if (basis === "budget") {
    const costPerW = years ? perW((u) => u.perYear.total.value) * years : perW((u) => u.capex.total.value);
    totalW = opts.budgetUsd! / costPerW;
    sizing = years
      ? `${fmt(opts.budgetUsd!, "money")} / (${fmt(costPerW / years, "usdPerW")} a year of full cost x ${years} years)`
      : `${fmt(opts.budgetUsd!, "money")} / ${fmt(costPerW, "usdPerW")} of capex`;
  }
  const generations: GenerationResult[] = mix.map((m, i) => {
    const unit = units[i]!;
    let chips: Traced;
    let power: Traced;
    if (basis === "chips") {
      const n = Math.round(opts.chips! * m.share);
      chips = traced(
        n,
        "count",
        () => `${fmt(opts.chips!, "count")} x share ${fmt(m.share, "fraction")}`,
        [],
      );
      power = traced(
        n * unit.facilityPeakW.value,
        "power",
        () => `${fmt(n, "count")} chips x ${fmt(unit.facilityPeakW.value, "power")} at full load`,
        [unit.facilityPeakW],
      );
    } else {
      const p = totalW * m.share;
      power = traced(p, "power", () => `${sizing} x share ${fmt(m.share, "fraction")}`, [
        stated(totalW, "power"),
      ]);
      chips = traced(
        Math.floor(p / unit.facilityPeakW.value),
        "count",
        () => `${fmt(p, "power")} / ${fmt(unit.facilityPeakW.value, "power")} per chip at full load`,
        [power, unit.facilityPeakW],
      );
    }
    const peakFlops: Partial<Record<Precision, Traced>> = {};
    for (const p of PRECISIONS) {
      const f = m.chip.peakFlops[p];
      if (f === undefined) continue;
      const src = m.chip.entry.flops[p]?.sources ?? [];
      peakFlops[p] = traced(
        chips.value * f,
        "computeRate",
        () => `${fmt(chips.value, "count")} x ${fmt(f, "computeRate")}`,
        [chips, { sources: src }],
      );
    }
    const hbmBytes =
      m.chip.memoryBytes !== undefined
        ? traced(
            chips.value * m.chip.memoryBytes,
            "bytes",
            () => `${fmt(chips.value, "count")} x ${fmt(m.chip.memoryBytes!, "bytes")}`,
            [chips, { sources: m.chip.entry.memory?.sources ?? [] }],
          )
        : undefined;
    if (unit.price.from === "estimate") notes.push(`${m.chip.id}: ${unit.price.note}`);
    const cloudPrices: CloudPrice[] = [];
    for (const sys of opts.catalog?.systems.entries ?? []) {
      if (sys.chip.id !== m.chip.id) continue;
      for (const pr of sys.prices) cloudPrices.push({ ...pr, system: sys.id });
    }
    return {
      chip: m.chip.id,
      name: m.chip.name,
      share: m.share,
      chips,
      power,
      unit,
      peakFlops,
      hbmBytes,
      cloudPrices,
    };
  });
  return fleetTotals({ basis, generations, params, notes, opts, limitedBy: limitOf(basis, opts, params) });
}

function limitOf(basis: SizingBasis, opts: CapacityOptions, params: Params): string {
  if (basis === "chips") return "the chip count given";
  if (basis === "budget")
    return opts.budgetYears
      ? `the budget: ${fmt(opts.budgetUsd!, "money")} of full cost over ${opts.budgetYears} years`
      : `the budget: ${fmt(opts.budgetUsd!, "money")} of capex`;
  return opts.powerBasis === "average"
    ? `the average draw given (${fmt(opts.powerW!, "power")} at load ${fmt(params.averageLoad.value, "fraction")})`
    : `the power ceiling: ${fmt(opts.powerW!, "power")} with every chip at full load`;
}

/** The fleet's totals from its generations. */
function fleetTotals(a: {
  basis: SizingBasis;
  generations: GenerationResult[];
  params: Params;
  notes: string[];
  opts: CapacityOptions;
  limitedBy: string;
}): CapacityResult {
  const { generations, params, notes } = a;
  const chips = sumTraced(
    generations.map((g) => g.chips),
    "count",
    () => generations[0]!.chips.formula.replace(/ = .*$/, ""),
  );
  const power = sumTraced(
    generations.map((g) => g.power),
    "power",
    () => generations[0]!.power.formula.replace(/ = .*$/, ""),
  );
  const averagePower = traced(
    generations.reduce((s, g) => s + g.chips.value * g.unit.facilityW.value, 0),
    "power",
    () =>
      generations
        .map((g) => `${fmt(g.chips.value, "count")} x ${fmt(g.unit.facilityW.value, "power")}`)
        .join(" + ") + " at average load",
    generations.flatMap((g) => [g.chips, g.unit.facilityW]),
  );
  const energyPerYear = traced(
    averagePower.value * SECONDS_PER_YEAR,
    "energy",
    () => `${fmt(averagePower.value, "power")} drawn on average x 8,766 h`,
    [averagePower],
  );
  const electricityPerYear = traced(
    energyPerYear.value * params.electricityUsdPerJ.value,
    "money",
    () => `${fmt(energyPerYear.value, "energy")} x ${fmt(params.electricityUsdPerJ.value, "usdPerJ")}`,
    [energyPerYear, params.electricityUsdPerJ],
  );
  const homes = (energy: Traced, h: InputValue, where: string) =>
    traced(
      energy.value / h.value,
      "count",
      () =>
        `${fmt(energy.value, "energy")} / ${formatNumber(h.value / 3.6e6, 5)} kWh per ${where} home per year`,
      [energy, h],
    );
  const homesUS = homes(energyPerYear, params.usHomeJPerYear, "US");
  const homesEU = homes(energyPerYear, params.euHomeJPerYear, "EU");
  const fullYear = traced(
    power.value * SECONDS_PER_YEAR,
    "energy",
    () => `${fmt(power.value, "power")} at full load x 8,766 h`,
    [power],
  );
  const homesUSAtFullPower = homes(fullYear, params.usHomeJPerYear, "US");

  const peakFlops: Partial<Record<Precision, Traced>> = {};
  const deliveredFlops: Partial<Record<Precision, Traced>> = {};
  for (const p of PRECISIONS) {
    const parts = generations.map((g) => g.peakFlops[p]).filter((x): x is Traced => x !== undefined);
    if (parts.length === 0) continue;
    if (parts.length < generations.length)
      notes.push(
        `${p}: only ${generations
          .filter((g) => g.peakFlops[p])
          .map((g) => g.chip)
          .join(", ")} list it; the total counts those`,
      );
    const peak = sumTraced(parts, "computeRate", () => parts[0]!.formula.replace(/ = .*$/, ""));
    peakFlops[p] = peak;
    deliveredFlops[p] = traced(
      peak.value * params.mfu.value,
      "computeRate",
      () => `${fmt(peak.value, "computeRate")} x MFU ${fmt(params.mfu.value, "fraction")}`,
      [peak, params.mfu],
    );
  }
  const hbmParts = generations.map((g) => g.hbmBytes).filter((x): x is Traced => x !== undefined);
  const hbmBytes = hbmParts.length
    ? sumTraced(hbmParts, "bytes", () => hbmParts[0]!.formula.replace(/ = .*$/, ""))
    : undefined;

  const fleet = (pick: (u: ChipEconomics) => Traced, what: string): Traced =>
    traced(
      generations.reduce((s, g) => s + g.chips.value * pick(g.unit).value, 0),
      "money",
      () =>
        generations
          .map((g) => `${fmt(g.chips.value, "count")} x ${fmt(pick(g.unit).value, "money")}`)
          .join(" + ") + ` ${what}`,
      generations.flatMap((g) => [g.chips, pick(g.unit)]),
    );
  const capex = {
    accelerators: fleet((u) => u.capex.accelerator, "per accelerator"),
    servers: fleet((u) => u.capex.servers, "other server parts per chip"),
    network: fleet((u) => u.capex.network, "network per chip"),
    facility: fleet((u) => u.capex.facility, "facility per chip"),
    total: fleet((u) => u.capex.total, "per chip"),
  };
  const perYear = {
    electricity: fleet((u) => u.perYear.electricity, "electricity per chip-year"),
    opex: fleet((u) => u.perYear.opex, "other opex per chip-year"),
    depreciation: fleet((u) => u.perYear.depreciation, "depreciation per chip-year"),
    costOfCapital: fleet((u) => u.perYear.costOfCapital, "cost of capital per chip-year"),
    total: fleet((u) => u.perYear.total, "per chip-year"),
  };
  const chipHours = (chips.value * SECONDS_PER_YEAR) / 3600;
  const tcoPerChipHour = traced(
    chipHours > 0 ? perYear.total.value / chipHours : 0,
    "money",
    () => `${fmt(perYear.total.value, "money")} per year / (${fmt(chips.value, "count")} chips x 8,766 h)`,
    [perYear.total, chips],
  );
  const tcoPerGwYear = traced(
    power.value > 0 ? (perYear.total.value / power.value) * 1e9 : 0,
    "money",
    () => `${fmt(perYear.total.value, "money")} per year / ${fmt(power.value, "power")} at full load, per GW`,
    [perYear.total, power],
  );
  if (chips.value === 0) notes.push("the power or budget is below one chip's: no chip fits");
  const inputs: Record<string, InputValue> = {
    averageLoad: params.averageLoad,
    pue: params.pue,
    electricityPrice: params.electricityUsdPerJ,
    facilityCapexPerW: params.facilityCapexUsdPerW,
    otherServerCostFraction: params.otherServerCostFraction,
    networkShareOfCluster: params.networkShareOfCluster,
    opexShareOfCapex: params.opexShareOfCapex,
    serverLife: params.serverLifeS,
    facilityLife: params.facilityLifeS,
    costOfCapital: params.costOfCapital,
    usHomeEnergyPerYear: params.usHomeJPerYear,
    euHomeEnergyPerYear: params.euHomeJPerYear,
    mfu: params.mfu,
  };
  return {
    basis: a.basis,
    limitedBy: a.limitedBy,
    inputs,
    generations,
    chips,
    power,
    averagePower,
    energyPerYear,
    electricityPerYear,
    homesUS,
    homesEU,
    homesUSAtFullPower,
    peakFlops,
    deliveredFlops,
    hbmBytes,
    capex,
    perYear,
    tcoPerChipHour,
    tcoPerGwYear,
    notes,
  };
}
