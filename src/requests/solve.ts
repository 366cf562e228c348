/**
 * The solve request (`gigawatt solve [FILE]`, POST /v1/solve): the value of one scenario input
 * that makes one output hit a target, through the whole chain.
 */
import { z } from "zod";
import { anyQuantity } from "../scenario/fields.js";
import { LIMITS } from "../units/limits.js";
import { text } from "./fields.js";

/**
 * A pair written as text ("OUTPUT=VALUE", "LOW,HIGH") or given as an object; routed by shape
 * rather than with a union, so the error says what is wrong with the text.
 */
function pair<A extends string, B extends string>(keys: [A, B], sep: string, example: string) {
  return z.unknown().transform((v, ctx): Record<A | B, unknown> => {
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<A | B, unknown>;
    const t = String(v);
    const i = t.indexOf(sep);
    if (i > 0 && t.indexOf(sep, i + 1) < 0 && t.length <= 400)
      return { [keys[0]]: t.slice(0, i).trim(), [keys[1]]: t.slice(i + 1).trim() } as Record<A | B, unknown>;
    ctx.addIssue({
      code: "custom",
      message: `"${t.slice(0, 80)}" is not ${keys[0].toUpperCase()}${sep}${keys[1].toUpperCase()}`,
      params: { hint: `e.g. ${example}` },
    });
    return z.NEVER;
  });
}

const target = pair(["output", "value"], "=", "deal.providerMargin=$0 or deal.providerMarginShare=35%").pipe(
  z.strictObject({ output: z.string().min(1).max(200), value: anyQuantity }),
);

const between = pair(["low", "high"], ",", "$1B,$20B").pipe(
  z.strictObject({ low: anyQuantity, high: anyQuantity }),
);

export const SolveRequest = z.strictObject({
  scenario: z
    .string()
    .max(LIMITS.scenario.max, `longer than ${LIMITS.scenario.max} characters (${LIMITS.scenario.why})`)
    .optional()
    .describe("a scenario (YAML or JSON text); default: the default scenario"),
  vary: text.describe("the input to vary, by its scenario path, e.g. deal.pricePerGwYear or capacity.power"),
  target: target.describe("OUTPUT=VALUE, e.g. deal.providerMargin=$0"),
  between: between.optional().describe("the range to search, LOW,HIGH, e.g. $1B,$20B"),
});
export type SolveRequest = z.output<typeof SolveRequest>;
