/**
 * The `serving:` section of scenario files (see src/serve). The model comes from the scenario's
 * `model:` and the chips from `hardware: {system, chips, pricePerChipHour}`; `servingOptions`
 * turns the three into the options of `estimateServing`, `searchServing` and `simulateServing`.
 */
import { z } from "zod";
import type { SystemSpec } from "../../catalog/catalog.js";
import type { Model } from "../../catalog/schema.js";
import type { SimulationOptions } from "../../serve/simulate.js";
import { LIMITS } from "../../units/limits.js";
import { catalogRef, count, quantity, uncertain } from "../fields.js";

const Length = uncertain("tokens", { zero: false, max: LIMITS.sequence });
const degree = count({ zero: false, max: LIMITS.degree }).optional();
const ServingPrecision = z.enum(["bf16", "fp16", "fp8", "int8", "fp4"]);

export const ServingSection = z.strictObject({
  weights: ServingPrecision.default("bf16").describe("weight precision"),
  activations: ServingPrecision.optional().describe("compute precision (default: the weights', else bf16)"),
  kvCache: ServingPrecision.optional().describe("KV cache precision (default: the activations')"),
  input: Length.describe("input (prompt) tokens per request"),
  output: Length.describe("output tokens per request"),
  batch: count({ zero: false, max: LIMITS.batchSeqs }).optional().describe("sequences per replica"),
  concurrency: count({ zero: false, max: LIMITS.batchSeqs })
    .optional()
    .describe("requests in flight over the system"),
  rate: quantity("count", { zero: false, max: LIMITS.rate }).optional().describe("requests per second"),
  slo: z
    .strictObject({
      ttft: quantity("time", { zero: false, max: LIMITS.duration }).optional(),
      tpot: quantity("time", { zero: false, max: LIMITS.duration }).optional(),
      percentile: z.enum(["p50", "p90", "p99"]).default("p50"),
    })
    .optional(),
  layout: z
    .strictObject({
      tp: degree,
      pp: degree,
      ep: degree,
    })
    .optional(),
  /** Search the best layout and batch under the targets instead of estimating one. */
  search: z.boolean().default(false),
  compare: z.array(catalogRef("systemOrChip")).optional(),
  /**
   * Multiplies the planner's serving throughput (latencies and cost per token by its inverse):
   * 1 is the model as calibrated; made uncertain, it carries the planner's error against
   * published runs into the outputs.
   */
  modelError: uncertain("count", { zero: false })
    .optional()
    .describe("factor on the planner's serving throughput, e.g. {dist: lognormal, median: 1, sigma: 0.15}"),
  simulate: z
    .strictObject({
      duration: quantity("time", { zero: false, max: LIMITS.duration }).default(600),
      seed: z.number().int().default(1),
    })
    .optional()
    .describe("discrete-event simulation at `rate`"),
});
export type ServingSection = z.output<typeof ServingSection>;

/** The serving options of a scenario: its serving section on its model and hardware. */
export function servingOptions(
  s: ServingSection,
  ctx: { model: Model; system: SystemSpec; chips: number; priceUsdPerChipHour?: number },
): SimulationOptions {
  return {
    model: ctx.model,
    system: ctx.system,
    chips: ctx.chips,
    weights: s.weights,
    activations: s.activations,
    kvCache: s.kvCache,
    input: s.input,
    output: s.output,
    batch: s.batch,
    concurrency: s.concurrency,
    rate: s.rate,
    targets: s.slo ? { ttftS: s.slo.ttft, tpotS: s.slo.tpot, percentile: s.slo.percentile } : undefined,
    layout: s.layout,
    priceUsdPerChipHour: ctx.priceUsdPerChipHour,
    durationS: s.simulate?.duration,
    seed: s.simulate?.seed,
  };
}
