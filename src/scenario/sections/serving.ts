/** The `serving:` section of scenario files (see src/serve). */
import { z } from "zod";
import { Precision } from "../../catalog/schema.js";
import { catalogRef, count, quantity, uncertain } from "../fields.js";

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
