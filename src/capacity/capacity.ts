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
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { type ChipEconomics, chipEconomics } from "./chip.js";
import { type EconomicsOverrides, type Params, resolveParams } from "./params.js";
import { fmt, type InputValue, stated, type Traced, traced } from "./traced.js";

/** One generation of a fleet. */
export interface MixEntry {
  chip: ChipSpec;
  /** Share of the facility power (sizing by power) or of the chips (sizing by count); shares sum to 1. */
  share: number;
  /** TDP override, W (for chips whose TDP the catalog lacks). */
  tdpW?: number;
}

/** Options of `capacity()`. Give `powerW` or `chips`, and `chip` or `mix`. */
export interface CapacityOptions extends EconomicsOverrides {
  /** Facility power drawn on average, W. */
  powerW?: number;
  /** Number of accelerators. */
  chips?: number;
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
  basis: "power" | "chips";
  inputs: Record<string, InputValue>;
  generations: GenerationResult[];
  chips: Traced;
  /** Facility power at average load. */
  power: Traced;
  /** Facility power with every chip at full TDP. */
  peakPower: Traced;
  energyPerYear: Traced;
  electricityPerYear: Traced;
  homesUS: Traced;
  homesEU: Traced;
  peakFlops: Partial<Record<Precision, Traced>>;
  deliveredFlops: Partial<Record<Precision, Traced>>;
  hbmBytes?: Traced;
  capex: { accelerators: Traced; servers: Traced; network: Traced; facility: Traced; total: Traced };
  perYear: { electricity: Traced; depreciation: Traced; costOfCapital: Traced; total: Traced };
  tcoPerChipHour: Traced;
  /** Lines a reader should know (estimated prices, missing data). */
  notes: string[];
}

const PRECISIONS: Precision[] = ["fp4", "fp8", "int8", "bf16", "fp16", "tf32", "fp32"];

function sumTraced(parts: Traced[], kind: Traced["kind"], what: () => string): Traced {
  const value = parts.reduce((s, p) => s + p.value, 0);
  const formula = () => (parts.length === 1 ? what() : parts.map((p) => fmt(p.value, kind)).join(" + "));
  return traced(value, kind, formula, parts);
}

/**
 * Sizes a fleet under a facility power or for a number of chips, and costs it.
 *
 * @example capacity({ powerW: 5e9, chip: catalog().chip("trainium2") }).homesUS.value // ~4.1e6
 */
export function capacity(opts: CapacityOptions): CapacityResult {
  const loc = (k: string) => (opts.location ? `${opts.location}.${k}` : k);
  if ((opts.powerW === undefined) === (opts.chips === undefined)) {
    throw new InputError("give either a facility power or a number of chips", {
      location: loc(opts.powerW === undefined ? "power" : "chips"),
      hint: "e.g. --power 5GW or --chips 1M",
    });
  }
  if (opts.powerW !== undefined && !(opts.powerW > 0 && Number.isFinite(opts.powerW)))
    throw new InputError(`power is ${fmt(opts.powerW, "power")}`, {
      location: loc("power"),
      hint: "give a power above 0, e.g. 5GW",
    });
  if (opts.chips !== undefined && !(opts.chips > 0 && Number.isFinite(opts.chips)))
    throw new InputError(`chips is ${fmt(opts.chips, "count")}`, {
      location: loc("chips"),
      hint: "give a count above 0, e.g. 1M",
    });
  const mix: MixEntry[] = opts.mix ?? (opts.chip ? [{ chip: opts.chip, share: 1, tdpW: opts.tdpW }] : []);
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

  const params: Params = resolveParams(opts, { economics: opts.economics, location: opts.location });
  const basis = opts.powerW !== undefined ? "power" : "chips";
  const notes: string[] = [];
  const generations: GenerationResult[] = mix.map((m, i) => {
    const unit = chipEconomics(m.chip, params, {
      tdpW: m.tdpW,
      location: loc(opts.mix ? `mix[${i}].chip` : "chip"),
    });
    let chips: Traced;
    let power: Traced;
    if (basis === "power") {
      const p = opts.powerW! * m.share;
      const given = stated(p, "power");
      power = traced(p, "power", () => `${fmt(opts.powerW!, "power")} x share ${fmt(m.share, "fraction")}`, [
        given,
      ]);
      chips = traced(
        Math.floor(p / unit.facilityW.value),
        "count",
        () => `${fmt(p, "power")} / ${fmt(unit.facilityW.value, "power")} facility power per chip`,
        [power, unit.facilityW],
      );
    } else {
      const n = Math.round(opts.chips! * m.share);
      chips = traced(
        n,
        "count",
        () => `${fmt(opts.chips!, "count")} x share ${fmt(m.share, "fraction")}`,
        [],
      );
      power = traced(
        n * unit.facilityW.value,
        "power",
        () => `${fmt(n, "count")} chips x ${fmt(unit.facilityW.value, "power")}`,
        [unit.facilityW],
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
  const peakPower = traced(
    generations.reduce((s, g) => s + g.chips.value * g.unit.itPeakW.value * params.pue.value, 0),
    "power",
    () =>
      generations
        .map((g) => `${fmt(g.chips.value, "count")} x ${fmt(g.unit.itPeakW.value, "power")}`)
        .join(" + ") + ` x PUE ${fmt(params.pue.value, "ratio")}`,
    [...generations.map((g) => g.unit.itPeakW), params.pue],
  );
  const energyPerYear = traced(
    power.value * SECONDS_PER_YEAR,
    "energy",
    () => `${fmt(power.value, "power")} x 8,766 h`,
    [power],
  );
  const electricityPerYear = traced(
    energyPerYear.value * params.electricityUsdPerJ.value,
    "money",
    () => `${fmt(energyPerYear.value, "energy")} x ${fmt(params.electricityUsdPerJ.value, "usdPerJ")}`,
    [energyPerYear, params.electricityUsdPerJ],
  );
  const homes = (h: InputValue, where: string) =>
    traced(
      energyPerYear.value / h.value,
      "count",
      () =>
        `${fmt(energyPerYear.value, "energy")} / ${formatNumber(h.value / 3.6e6, 5)} kWh per ${where} home per year`,
      [energyPerYear, h],
    );
  const homesUS = homes(params.usHomeJPerYear, "US");
  const homesEU = homes(params.euHomeJPerYear, "EU");

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
  if (chips.value === 0) notes.push("the power is below one chip's draw: no chip fits");
  const inputs: Record<string, InputValue> = {
    averageLoad: params.averageLoad,
    pue: params.pue,
    electricityPrice: params.electricityUsdPerJ,
    facilityCapexPerW: params.facilityCapexUsdPerW,
    otherServerCostFraction: params.otherServerCostFraction,
    networkShareOfCluster: params.networkShareOfCluster,
    serverLife: params.serverLifeS,
    facilityLife: params.facilityLifeS,
    costOfCapital: params.costOfCapital,
    usHomeEnergyPerYear: params.usHomeJPerYear,
    euHomeEnergyPerYear: params.euHomeJPerYear,
    mfu: params.mfu,
  };
  return {
    basis,
    inputs,
    generations,
    chips,
    power,
    peakPower,
    energyPerYear,
    electricityPerYear,
    homesUS,
    homesEU,
    peakFlops,
    deliveredFlops,
    hbmBytes,
    capex,
    perYear,
    tcoPerChipHour,
    notes,
  };
}
