/**
 * The field types requests are built from, the same vocabulary as scenario files
 * (src/scenario/fields.ts): quantities through src/units, where only counts, tokens and fractions
 * may be written as bare numbers; whole numbers such as "16k"; catalog names with did-you-mean;
 * every value within its bound of src/units/limits.ts. Each accepts what a CLI flag gives (text)
 * and what a JSON body gives (text, numbers, booleans, lists).
 */
import { z } from "zod";
import { count, type Limits, quantity } from "../scenario/fields.js";
import { type Bound, LIMITS } from "../units/limits.js";
import type { QuantityKind } from "../units/quantity.js";

export { catalogRef } from "../scenario/fields.js";

/** A whole number above 0 ("8", 8, "16k"), at most `max`. */
export function whole(max: Bound = LIMITS.degree) {
  return count({ zero: false, max });
}

/** A quantity of `kind` ("5GW", "$2.5/h"), within `limits`. */
export function amount(kind: QuantityKind, limits: Limits = {}) {
  return quantity(kind, limits);
}

/** true or false; a CLI switch (`--search`) gives true. */
export const flag = z.boolean();

/** One of `values`, given as text or as a number ("3" or 3 for a ZeRO stage). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.enum(values, { error: `must be one of ${values.join(", ")}` }));
}

/** Text of at most LIMITS.text characters. */
export const text = z.string().max(LIMITS.text.max, `longer than ${LIMITS.text.max} characters`);

/**
 * A list of names: a JSON array or the CLI's comma-separated "h200,trainium2"; empty names are
 * dropped, at most LIMITS.listItems of them.
 */
export const names = z
  .union([z.string().max(LIMITS.text.max), z.array(z.string().max(200)).max(LIMITS.listItems.max)])
  .transform((v) => (typeof v === "string" ? v.split(",") : v).map((x) => x.trim()).filter((x) => x !== ""))
  .pipe(
    z
      .array(z.string())
      .min(1, "no names given")
      .max(LIMITS.listItems.max, `more than ${LIMITS.listItems.max} names (${LIMITS.listItems.why})`),
  );
