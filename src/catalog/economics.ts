/**
 * Sourced economics facts (`data/catalog/economics.json`): PUE, average load, server overhead,
 * electricity price, data-center capex, depreciation lives, cost of capital, household electricity
 * use, accelerator prices and reference frontier training runs. Each fact is a sourced value;
 * `economics()` gives them in SI base units beside their entries.
 */
import { z } from "zod";
import economicsData from "../../data/catalog/economics.json" with { type: "json" };
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { refineSourced, type Source, Sourced, SourcedFields, Source as SourceSchema } from "./schema.js";

const J_PER_KWH = 3.6e6;

/** SI factor of each unit the economics file uses. */
const UNIT_FACTORS: Record<string, number> = {
  ratio: 1,
  fraction: 1,
  "fraction per year": 1,
  "USD/kWh": 1 / J_PER_KWH, // US$ per J
  "USD million per MW": 1, // US$ per W
  "USD billion per GW": 1, // US$ per W
  years: SECONDS_PER_YEAR,
  "kWh per year": J_PER_KWH, // J per year
  USD: 1,
  FLOP: 1,
  "x per year": 1,
  "USD billion per GW-year": 1, // US$ per W-year
  "USD billion per year": 1e9,
  "USD per chip-hour": 1,
};

const FactKey = z.enum([
  "pue",
  "averageLoad",
  "serverOverheadFraction",
  "electricityPrice",
  "facilityCapexPerMw",
  "otherServerCostFraction",
  "networkShareOfCluster",
  "allInCostPerGw",
  "acceleratorShareOfCapex",
  "serverLife",
  "facilityLife",
  "costOfCapital",
  "usHomeEnergyPerYear",
  "euHomeEnergyPerYear",
  "trainingMfu",
  "opexShareOfCapex",
  "frontierComputeGrowth",
]);
export type FactKey = z.infer<typeof FactKey>;

const unitChecked = Sourced.refine((v) => v.unit in UNIT_FACTORS, {
  message: `unit must be one of ${Object.keys(UNIT_FACTORS).join(", ")}`,
});

/**
 * What an accelerator price covers: the bare chip (the rest of the server is added on top), or a
 * whole server's cost divided by its accelerators (Epoch's HGX/DGX prices), which is not marked
 * up again.
 */
export const PriceLevel = z.enum(["chip", "server"]);
export type PriceLevel = z.infer<typeof PriceLevel>;

/** A frontier training run: its compute and when it trained. */
const FrontierRun = z.strictObject({ ...SourcedFields, year: z.number() }).superRefine(refineSourced);

/** A market price of capacity (per GW-year) read off a published deal, with what it buys. */
const MarketPrice = z
  .strictObject({
    ...SourcedFields,
    /** Chip families the anchor speaks for ("trainium", "nvidia-blackwell", ...). */
    families: z.array(z.string()).min(1),
    /** The deal it is read from, when in deals.json. */
    deal: z.string().optional(),
  })
  .superRefine(refineSourced);

/** A priced funding round of a lab, in US$ billion. */
const LabRound = z.strictObject({
  date: z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
  name: z.string(),
  raised: z.number().positive(),
  postMoney: z.number().positive(),
  sources: z.array(z.string()).min(1),
  note: z.string().optional(),
});

/** A lab: its funding rounds, revenue (run-rate at a date) and gross margin, for stakes and "can the lab pay?". */
const Lab = z.strictObject({
  name: z.string(),
  rounds: z.array(LabRound).default([]),
  revenue: z.array(z.strictObject({ date: z.string(), ...SourcedFields }).superRefine(refineSourced)).min(1),
  grossMargin: unitChecked,
  /** Yearly growth of revenue after the last reading, until the end of the forecast it comes from. */
  revenueGrowth: unitChecked,
  revenueGrowthUntil: z.number().int(),
});

export const EconomicsFile = z.strictObject({
  sources: z.record(z.string(), SourceSchema),
  facts: z.record(FactKey, unitChecked),
  /** Server power beyond the chip, as a fraction of chip TDP, per chip id. */
  serverOverhead: z.record(z.string(), unitChecked).default({}),
  /** Purchase price of one accelerator (or its share of a server), per chip id. */
  acceleratorPrices: z
    .record(z.string(), z.strictObject({ ...SourcedFields, level: PriceLevel }).superRefine(refineSourced))
    .default({}),
  /** Training compute of reference frontier runs, by run id. */
  frontierRuns: z.record(z.string(), FrontierRun).default({}),
  /** Market prices of capacity, by anchor id. */
  marketPrices: z.record(z.string(), MarketPrice).default({}),
  /** AI labs' revenue and margins, by lab id. */
  labs: z.record(z.string(), Lab).default({}),
  /** Cloud providers' reported operating margins, by provider id, to set a deal's margin beside. */
  providers: z
    .record(
      z.string(),
      z.strictObject({ name: z.string(), segment: z.string(), operatingMargin: unitChecked }),
    )
    .default({}),
});
export type EconomicsFile = z.infer<typeof EconomicsFile>;

/** A sourced economics fact in SI units, with the entry it comes from. */
export interface Fact {
  /** Value in SI base units (US$/J for prices of energy, US$/W for capex per power, s for lives, J/year for homes). */
  value: number;
  entry: Sourced;
  /** Where the fact lives, e.g. "economics.pue" or "economics.acceleratorPrices.h100-sxm". */
  id: string;
}

/** The economics catalog, parsed. */
export class Economics {
  readonly file: EconomicsFile;
  readonly sources: ReadonlyMap<string, Source>;

  constructor(raw: unknown) {
    this.file = EconomicsFile.parse(raw);
    this.sources = new Map(Object.entries(this.file.sources));
  }

  /** A general fact (PUE, average load, electricity price, ...). */
  fact(key: FactKey): Fact {
    const entry = this.file.facts[key];
    if (!entry) throw new Error(`economics: missing fact "${key}"`);
    return { value: toSI(entry), entry, id: `economics.${key}` };
  }

  /** Server overhead fraction for a chip, falling back to the default. */
  serverOverhead(chipId: string): Fact {
    const entry = this.file.serverOverhead[chipId];
    if (entry) return { value: toSI(entry), entry, id: `economics.serverOverhead.${chipId}` };
    return this.fact("serverOverheadFraction");
  }

  /** Purchase price of one accelerator, if published. */
  acceleratorPrice(chipId: string): Fact | undefined {
    const entry = this.file.acceleratorPrices[chipId];
    return entry ? { value: toSI(entry), entry, id: `economics.acceleratorPrices.${chipId}` } : undefined;
  }

  /** A market price of capacity by anchor id. */
  marketPrice(id: string): Fact | undefined {
    const entry = this.file.marketPrices[id];
    return entry ? { value: toSI(entry), entry, id: `economics.marketPrices.${id}` } : undefined;
  }

  /** A lab by its name or id ("Anthropic", "anthropic"). */
  lab(name: string): (EconomicsFile["labs"][string] & { id: string }) | undefined {
    const key = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const l = this.file.labs[key];
    return l ? { ...l, id: key } : undefined;
  }

  /** A cloud provider by name or id ("Amazon"), with its reported operating margin. */
  provider(name: string): (EconomicsFile["providers"][string] & { id: string }) | undefined {
    const key = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const p = this.file.providers[key];
    return p ? { ...p, id: key } : undefined;
  }

  /** Training FLOP of a reference frontier run. */
  frontierRun(runId: string): Fact | undefined {
    const entry = this.file.frontierRuns[runId];
    return entry ? { value: toSI(entry), entry, id: `economics.frontierRuns.${runId}` } : undefined;
  }

  /** Every source id behind a fact (its own and its alternatives'). */
  sourceIds(entry: Sourced): string[] {
    return [...new Set([...entry.sources, ...(entry.alternatives ?? []).flatMap((a) => a.sources)])];
  }
}

/** A sourced economics value in SI base units. */
export function toSI(v: Sourced): number {
  const f = UNIT_FACTORS[v.unit];
  if (f === undefined) throw new Error(`economics: unknown unit "${v.unit}"`);
  return v.value * f;
}

let shared: Economics | undefined;

/** The economics facts shipped with gigawatt, parsed once. */
export function economics(): Economics {
  shared ??= new Economics(economicsData);
  return shared;
}
