/**
 * The catalog of real compute deals (`data/catalog/deals.json`): investments, spend
 * commitments, capacity ramps and pricing, every term a sourced value. Terms that sources
 * disagree on keep `alternatives`; terms the sources do not give are `derived` stated
 * assumptions whose note says so. `src/deal` turns an entry into the engine's Deal.
 */
import { z } from "zod";
import dealsData from "../../data/catalog/deals.json" with { type: "json" };
import { Index } from "./lookup.js";
import { type Source, Sourced, Source as SourceSchema } from "./schema.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "ids are lower-case letters, digits, '.' and '-'");
const date = z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date is YYYY, YYYY-MM or YYYY-MM-DD");
const unit = (units: string[]) =>
  Sourced.refine((v) => units.includes(v.unit), { message: `unit must be one of ${units.join(", ")}` });
const money = unit(["USD billion", "USD million"]);
const power = unit(["GW", "MW"]);

const status = z.enum(["binding", "option", "estimate"]);

export const DealTranche = z.strictObject({
  date,
  amount: money,
  /** Post-money valuation the tranche was priced at. */
  valuation: money.optional(),
  /** "note": a convertible note that turns into shares at the lab's next priced round. */
  instrument: z.enum(["equity", "note"]).default("equity"),
  discount: unit(["fraction"]).optional(),
  /** The investor's whole stake after the tranche, as the sources report it. */
  stake: unit(["fraction"]).optional(),
  contingent: z.boolean().default(false),
  conditions: z.string().optional(),
  /** Who pays, when not the deal's investor. */
  investor: z.string().optional(),
  note: z.string().optional(),
});

export const DealCommitment = z.strictObject({
  amount: money,
  start: z.number().int(),
  years: unit(["years"]),
  shape: z.enum(["flat", "linear", "follow-capacity"]).default("follow-capacity"),
  takeOrPay: unit(["fraction"]),
  /** The most the lab spends under it ("up to $X"). */
  cap: money.optional(),
  /** Binding commitment, option, or a vendor's sales estimate. */
  status,
  note: z.string().optional(),
});

export const DealRampPoint = z.strictObject({
  date,
  /** Cumulative facility power online at `date`. */
  power,
  chip: z.string(),
  tdp: unit(["W", "kW"]).optional(),
  /** Online before the deal. */
  existing: z.boolean().optional(),
  note: z.string().optional(),
});

export const DealOption = z.strictObject({
  chip: z.string(),
  from: date,
  exercised: z.boolean().default(false),
  sources: z.array(z.string()).min(1),
  note: z.string().optional(),
});

/**
 * What the lab pays: a price per GW-year or per chip-hour, the deal's own or (where its sources
 * give none) a market anchor of economics.json named by `anchor`.
 */
export const DealPricing = z.discriminatedUnion("basis", [
  z.strictObject({ basis: z.literal("commitment"), note: z.string().optional() }),
  z.strictObject({
    basis: z.literal("gw-year"),
    price: unit(["USD billion per GW-year"]).optional(),
    anchor: z.string().optional(),
    declinePerGeneration: z.number().min(0).max(1).default(0),
    declinePerYear: z.number().min(0).max(1).default(0),
  }),
  z.strictObject({
    basis: z.literal("chip-hour"),
    price: unit(["USD per chip-hour"]).optional(),
    anchor: z.string().optional(),
    declinePerGeneration: z.number().min(0).max(1).default(0),
    declinePerYear: z.number().min(0).max(1).default(0),
  }),
]);

export const DealEntry = z.strictObject({
  id,
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  lab: z.string(),
  provider: z.string(),
  investor: z.string().optional(),
  providerRole: z.enum(["cloud", "vendor"]).default("cloud"),
  start: z.number().int(),
  end: z.number().int(),
  tranches: z.array(DealTranche).default([]),
  commitments: z.array(DealCommitment).default([]),
  committedPower: power.optional(),
  ramp: z.array(DealRampPoint).default([]),
  options: z.array(DealOption).default([]),
  /** Retire cohorts after the server life and refresh them with the generation available then. */
  refresh: z.boolean().default(true),
  pricing: DealPricing,
  notes: z.array(z.string()).default([]),
});
export type DealEntry = z.infer<typeof DealEntry>;

export const DealsFile = z
  .strictObject({
    sources: z.record(z.string(), SourceSchema),
    deals: z.array(DealEntry),
  })
  .superRefine((f, ctx) => {
    f.deals.forEach((d, i) => {
      if (d.pricing.basis !== "commitment" && !d.pricing.price === !d.pricing.anchor)
        ctx.addIssue({
          code: "custom",
          path: ["deals", i, "pricing"],
          message: "give the deal's own price or the market anchor that stands in, not both",
        });
    });
  });
export type DealsFile = z.infer<typeof DealsFile>;

/** SI factor of a deal unit. */
export function dealUnitFactor(u: string): number {
  const f: Record<string, number> = {
    "USD billion": 1e9,
    "USD million": 1e6,
    GW: 1e9,
    MW: 1e6,
    W: 1,
    kW: 1e3,
    years: 1,
    fraction: 1,
    "USD billion per GW-year": 1, // US$ per W-year
    "USD per chip-hour": 1,
  };
  const x = f[u];
  if (x === undefined) throw new Error(`deals: unknown unit "${u}"`);
  return x;
}

/** A sourced deal value in SI units (years stay years). */
export function dealSI(v: Sourced): number {
  return v.value * dealUnitFactor(v.unit);
}

/** The deals catalog, parsed and indexed. */
export class DealsCatalog {
  readonly file: DealsFile;
  readonly deals: Index<DealEntry>;
  readonly sources: ReadonlyMap<string, Source>;

  constructor(raw: unknown) {
    this.file = DealsFile.parse(raw);
    this.deals = new Index("deal", this.file.deals);
    this.sources = new Map(Object.entries(this.file.sources));
  }

  /** A deal by id or alias; an InputError with "did you mean" when there is none. */
  deal(name: string, location?: string): DealEntry {
    return this.deals.get(name, location);
  }
}

let shared: DealsCatalog | undefined;

/** The deals shipped with gigawatt, parsed once. */
export function dealsCatalog(): DealsCatalog {
  shared ??= new DealsCatalog(dealsData);
  return shared;
}
