/**
 * The scenario file: one shape for the whole chain. Each section is optional; a scenario fills
 * the ones it asks about. Quantities are written as people write them ("5 GW", "$100B",
 * "15T tokens") and any numeric input of the deal, capacity and economics may be uncertain.
 */
import { z } from "zod";
import { Model, Source } from "../catalog/schema.js";
import { LIMITS } from "../units/limits.js";
import { anyQuantity, catalogRef, count, jsonSchemas, uncertain } from "./fields.js";
import { CapacitySection } from "./sections/capacity.js";
import { DealSection } from "./sections/deal.js";
import { ServingSection } from "./sections/serving.js";
import { SolveEntry } from "./sections/solve.js";
import { TrainingSection } from "./sections/training.js";

/** Where the chips are: a catalog system (or a chip with its catalog defaults) and how many. */
export const HardwareSection = z.strictObject({
  system: catalogRef("systemOrChip").describe("catalog system or chip, e.g. p5.48xlarge or trainium2"),
  chips: count({ zero: false, max: LIMITS.chips }).describe("number of chips"),
  /** Price per chip-hour, overriding the catalog's. */
  pricePerChipHour: uncertain("moneyRate").optional(),
});

/** A catalog model id, or an inline architecture. */
export const ModelRef = z.union([
  catalogRef("models"),
  Model.partial({ id: true, sources: true, aliases: true }),
]);

export const UncertaintySection = z.strictObject({
  samples: count({ zero: false, max: LIMITS.samples }).default(1000),
  seed: z.number().int().default(1),
  sensitivity: z.array(z.string()).default([]),
});

/**
 * What a claim expects: a quantity ("$13B", "4M"), a range of them, a floor (`{low: $100B}`: "more
 * than $100B") or a ceiling (`{high: 5 GW}`: "up to 5 GW"), or a date ("2023-12").
 */
const Expected = z.union([
  z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date is written YYYY, YYYY-MM or YYYY-MM-DD"),
  z
    .strictObject({ low: anyQuantity.optional(), high: anyQuantity.optional() })
    .refine((r) => r.low !== undefined || r.high !== undefined, {
      message: "a range needs low:, high: or both",
      params: { hint: "low: alone is a floor, high: alone a ceiling" },
    })
    .refine((r) => !r.low || !r.high || r.low.value <= r.high.value, {
      message: "high is below low",
      params: { hint: "swap low and high" },
    }),
  anyQuantity,
]);

/**
 * A quantitative claim from a report, checked against an output of the scenario's evaluation
 * (`output: capacity.homesUS`) or a catalog fact (`catalog: trainium3.available`).
 */
export const Claim = z
  .strictObject({
    id: z.string().min(1),
    text: z.string().min(1),
    sources: z.array(z.string()).min(1),
    output: z.string().optional(),
    catalog: z
      .string()
      .regex(/^[a-z0-9.-]+\.(announced|available)$/, "write CHIP.announced or CHIP.available")
      .optional(),
    expected: Expected,
    /** Relative difference that still counts as holding (default 5%). */
    tolerance: z.number().nonnegative().default(0.05),
  })
  .refine((c) => (c.output === undefined) !== (c.catalog === undefined), {
    message: "a claim is checked against either an output or a catalog fact",
    params: { hint: "give exactly one of output: or catalog:" },
  });
export type Claim = z.output<typeof Claim>;

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
  /** Questions for the solver: the input value that makes an output hit a target. */
  solve: z.array(SolveEntry).max(32).default([]),
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
