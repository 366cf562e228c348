/**
 * The `training:` section of scenario files (see src/train). With the scenario's `hardware:`
 * ({system, chips, pricePerChipHour}) and `model:` sections it gives the options of
 * `estimateTraining` / `searchTraining`: fields of `strategy` are held fixed, the rest searched.
 */
import { z } from "zod";
import { Precision } from "../../catalog/schema.js";
import { LIMITS } from "../../units/limits.js";
import { count, quantity, uncertain } from "../fields.js";

const degree = count({ zero: false, max: LIMITS.degree }).optional();

/** A fixed parallel strategy; fields left out are searched. */
export const Strategy = z.strictObject({
  tp: degree,
  pp: degree,
  vp: degree,
  dp: degree,
  cp: degree,
  ep: degree,
  microBatch: degree,
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  recompute: z.enum(["none", "selective", "partial", "full"]).optional(),
});

export const TrainingSection = z.strictObject({
  precision: Precision.default("bf16"),
  seq: count({ zero: false, max: LIMITS.sequence }).describe("sequence length in tokens"),
  /** Global batch in tokens ("16M") or sequences ("1536 seqs" is written as batchSeqs). */
  batch: quantity("tokens", { zero: false, max: LIMITS.batchTokens }).optional(),
  batchSeqs: count({ zero: false, max: LIMITS.batchSeqs }).optional(),
  tokens: uncertain("tokens", { zero: false, max: LIMITS.trainingTokens }).describe(
    "training tokens, e.g. 15T tokens",
  ),
  strategy: Strategy.optional(),
  search: z.boolean().default(true),
  top: count({ zero: false, max: LIMITS.top }).default(5),
  /** Datacenter PUE for the energy estimate (default 1.2). */
  pue: z.number().min(1).max(10).optional(),
  /** How pipeline stages may split the layers (default "embedding": layers or layers + 2). */
  pipelineSplit: z.enum(["even", "embedding", "any"]).optional(),
  /**
   * Multiplies the planner's training throughput: 1 is the model as calibrated. Made uncertain
   * (e.g. lognormal, median 1), it carries the planner's error against published runs into
   * every training output and into what a deal's compute buys.
   */
  modelError: uncertain("count", { zero: false })
    .optional()
    .describe("factor on the planner's training throughput, e.g. {dist: lognormal, median: 1, sigma: 0.2}"),
});
