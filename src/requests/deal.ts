/**
 * The deal request (`gigawatt deal`, `gigawatt deals compare`, POST /v1/deal): a catalog deal, a
 * scenario's deal: section (evaluated with the rest of the scenario), or deals side by side.
 */
import { z } from "zod";
import type { DealOptions } from "../deal/index.js";
import { LIMITS } from "../units/limits.js";
import { amount, catalogRef, flag, names } from "./fields.js";
import type { EngineNames } from "./read.js";

const rate = amount("fraction", {
  max: { max: 1, why: "a rate per year is a fraction of 1 or less: write 8% or 0.08 for eight percent" },
});

export const DealRequest = z
  .strictObject({
    deal: z.string().max(200).optional().describe("catalog deal id, e.g. amazon-anthropic"),
    scenario: z
      .string()
      .max(LIMITS.scenario.max, `longer than ${LIMITS.scenario.max} characters (${LIMITS.scenario.why})`)
      .optional()
      .describe("a scenario (YAML or JSON text) with a deal: section"),
    compare: names.optional().describe("catalog deal ids to compare side by side"),
    discountRate: rate.optional().describe("discount rate for NPV, e.g. 8% (default: the cost of capital)"),
    contingent: flag.optional().describe("count milestone tranches as paid"),
    trainingShare: amount("fraction", { max: 1 })
      .optional()
      .describe("share of the FLOP used for training, e.g. 50% (the default)"),
    run: z
      .string()
      .max(200)
      .optional()
      .describe("reference frontier run: grok-3, gpt-4.5, gpt-4o, llama-3.1-405b, claude-3.7-sonnet, gpt-4"),
    model: catalogRef("models").optional().describe("catalog model served (default llama-3.1-405b)"),
  })
  .superRefine((r, ctx) => {
    const given = (["deal", "scenario", "compare"] as const).filter((k) => r[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: [given[1] ?? "deal"],
        message: given.length
          ? `give one of ${given.map((g) => `{${g}}`).join(" and ")}, not both`
          : "which deal?",
        params: { hint: "a catalog deal id such as amazon-anthropic, a scenario, or deals to compare" },
      });
  });
export type DealRequest = z.output<typeof DealRequest>;

/** Engine options named otherwise in the request; the engine's "deal." prefix is dropped. */
export const DEAL_NAMES: EngineNames = {
  deal: "",
  frontierRun: "run",
  servedModel: "model",
  includeContingent: "contingent",
};

/** The deal options a request sets. */
export function dealOptions(r: DealRequest): DealOptions {
  return {
    discountRate: r.discountRate,
    includeContingent: r.contingent,
    trainingShare: r.trainingShare,
    frontierRun: r.run,
    servedModel: r.model,
  };
}
