/**
 * The scenario file: one shape for the whole chain. Each section is optional; a scenario fills
 * the ones it asks about. Quantities are written as people write them ("5 GW", "$100B",
 * "15T tokens") and any numeric input of the deal, capacity and economics may be uncertain.
 */
import { z } from "zod";
import { Model, Precision, Source } from "../catalog/schema.js";
import { catalogRef, count, jsonSchemas, quantity, uncertain } from "./fields.js";

/** Where the chips are: a catalog system (or a chip with its catalog defaults) and how many. */
export const HardwareSection = z.strictObject({
  system: catalogRef("systemOrChip").describe("catalog system or chip, e.g. p5.48xlarge or trainium2"),
  chips: count().describe("number of chips"),
  /** Price per chip-hour, overriding the catalog's. */
  pricePerChipHour: uncertain("moneyRate").optional(),
});

/** A catalog model id, or an inline architecture. */
export const ModelRef = z.union([
  catalogRef("models"),
  Model.partial({ id: true, sources: true, aliases: true }),
]);

/** A fixed parallel strategy; fields left out are searched. */
export const Strategy = z.strictObject({
  tp: z.number().int().positive().optional(),
  pp: z.number().int().positive().optional(),
  vp: z.number().int().positive().optional(),
  dp: z.number().int().positive().optional(),
  cp: z.number().int().positive().optional(),
  ep: z.number().int().positive().optional(),
  microBatch: z.number().int().positive().optional(),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  recompute: z.enum(["none", "selective", "full"]).optional(),
});

export const TrainingSection = z.strictObject({
  precision: Precision.default("bf16"),
  seq: count().describe("sequence length in tokens"),
  /** Global batch in tokens ("16M") or sequences ("1536 seqs" is written as batchSeqs). */
  batch: quantity("tokens", { zero: false }).optional(),
  batchSeqs: count().optional(),
  tokens: uncertain("tokens", { zero: false }).describe("training tokens, e.g. 15T tokens"),
  strategy: Strategy.optional(),
  search: z.boolean().default(true),
  top: z.number().int().positive().default(5),
});

const Length = uncertain("tokens", { zero: false });

export const ServingSection = z.strictObject({
  weights: Precision.default("bf16"),
  activations: Precision.optional(),
  kvCache: Precision.optional(),
  input: Length.describe("input (prompt) tokens per request"),
  output: Length.describe("output tokens per request"),
  batch: count().optional(),
  concurrency: count().optional(),
  rate: quantity("count", { zero: false }).optional().describe("requests per second"),
  slo: z
    .strictObject({
      ttft: quantity("time", { zero: false }).optional(),
      tpot: quantity("time", { zero: false }).optional(),
      percentile: z.enum(["p50", "p90", "p99"]).default("p50"),
    })
    .optional(),
  layout: z
    .strictObject({
      tp: z.number().int().positive().optional(),
      pp: z.number().int().positive().optional(),
      ep: z.number().int().positive().optional(),
    })
    .optional(),
  compare: z.array(catalogRef("systemOrChip")).optional(),
});

/** A share of a fleet on one chip generation. */
export const MixEntry = z.strictObject({
  chip: catalogRef("chips"),
  share: uncertain("fraction", { max: 1 }),
});

export const CapacitySection = z.strictObject({
  power: uncertain("power", { zero: false }).optional().describe("facility power, e.g. 5 GW"),
  chips: uncertain("count", { zero: false }).optional(),
  chip: catalogRef("chips").optional(),
  mix: z.array(MixEntry).optional(),
  averageLoad: uncertain("fraction", { max: 1 }).optional(),
  pue: uncertain("count").optional(),
  serverOverhead: uncertain("fraction").optional(),
  electricityPrice: uncertain("moneyPerToken").optional(),
});

export const DealSection = z.strictObject({
  /** A deal from the catalog, whose terms the fields below may override. */
  id: z.string().optional(),
  investment: uncertain("money").optional(),
  commitment: uncertain("money").optional(),
  years: uncertain("count").optional(),
  power: uncertain("power").optional(),
  discountRate: uncertain("fraction").optional(),
});

export const UncertaintySection = z.strictObject({
  samples: z.number().int().positive().default(1000),
  seed: z.number().int().default(1),
  sensitivity: z.array(z.string()).default([]),
});

/** A quantitative claim from a report, checked against an output. */
export const Claim = z.strictObject({
  id: z.string(),
  text: z.string(),
  sources: z.array(z.string()).min(1),
  /** The output it is checked against, e.g. "capacity.homesUS". */
  output: z.string(),
  expected: uncertain("count", { negative: true }),
  tolerance: z.number().nonnegative().default(0.1),
});

export const Scenario = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  sources: z.record(z.string(), Source).default({}),
  hardware: HardwareSection.optional(),
  model: ModelRef.optional(),
  training: TrainingSection.optional(),
  serving: ServingSection.optional(),
  capacity: CapacitySection.optional(),
  deal: DealSection.optional(),
  uncertainty: UncertaintySection.optional(),
  claims: z.array(Claim).default([]),
});
export type Scenario = z.output<typeof Scenario>;

/** The scenario schema as JSON Schema (draft 2020-12), for editor completion. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(Scenario, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const replacement = jsonSchemas.get(ctx.zodSchema as unknown as z.ZodType);
      if (replacement) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
        Object.assign(ctx.jsonSchema, replacement);
      }
    },
  });
}
