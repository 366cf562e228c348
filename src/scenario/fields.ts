/**
 * Zod field types for scenario files: quantities written as people write them, uncertain
 * quantities, and references to catalog entries. Errors carry a hint in `params.hint`.
 */
import { z } from "zod";
import { catalog } from "../catalog/catalog.js";
import type { Index } from "../catalog/lookup.js";
import { InputError } from "../errors.js";
import type { Uncertain } from "../uncertainty/value.js";
import type { Bound } from "../units/limits.js";
import { describe, example, parseQuantity, type QuantityKind } from "../units/quantity.js";

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string, hint?: string): typeof z.NEVER {
  ctx.addIssue({ code: "custom", message, params: hint ? { hint } : undefined });
  return z.NEVER;
}

/** Limits on a quantity's value. */
export interface Limits {
  /** Allow zero (default true). */
  zero?: boolean;
  /** Allow negative values (default false). */
  negative?: boolean;
  /** Smallest allowed value, with the reason (PUE: 1, facility power over IT power). */
  min?: { min: number; why: string };
  /** Largest allowed value: a plain one (1 for fractions), or a bound of src/units/limits.ts with its reason. */
  max?: number | Bound;
}

function within(v: number, kind: QuantityKind, limits: Limits, ctx: Ctx, text: string): number {
  if (!limits.negative && v < 0)
    return fail(ctx, `${text} is negative`, `a ${describe(kind)} must be 0 or more`);
  if (limits.zero === false && v === 0)
    return fail(ctx, `${text} is zero`, `a ${describe(kind)} here must be above 0`);
  if (limits.min !== undefined && v < limits.min.min)
    return fail(ctx, `${text} is below ${limits.min.min}`, limits.min.why);
  const max = typeof limits.max === "number" ? { max: limits.max, why: `at most ${limits.max}` } : limits.max;
  if (max !== undefined && v > max.max)
    return fail(ctx, `${text} is above ${max.max.toLocaleString("en-US")}`, max.why);
  return v;
}

function parseIn(input: string | number, kind: QuantityKind, ctx: Ctx): number {
  try {
    return parseQuantity(input, kind).value;
  } catch (e) {
    if (e instanceof InputError) return fail(ctx, e.message, e.hint);
    throw e;
  }
}

const raw = z.union([z.string(), z.number()]);

/**
 * A quantity such as "5 GW" or "$2.35/h", parsed to its SI value. A bare number is read in the
 * kind's base unit.
 */
export function quantity(kind: QuantityKind, limits: Limits = {}) {
  return raw
    .transform((v, ctx) => {
      const n = parseIn(v, kind, ctx);
      return typeof n === "number" ? within(n, kind, limits, ctx, `"${v}"`) : n;
    })
    .describe(`a ${describe(kind)}, e.g. "${example(kind)}"`);
}

/** A quantity of any kind ("$13B", "4M", "5 GW"), kept with its kind. */
export const anyQuantity = raw.transform((v, ctx) => {
  try {
    return parseQuantity(v);
  } catch (e) {
    if (e instanceof InputError) return fail(ctx, e.message, e.hint);
    throw e;
  }
});

/** A whole number such as 16384, "16k" or "1M". */
export function count(limits: Limits = { zero: false }) {
  return raw
    .transform((v, ctx) => {
      const n = parseIn(v, "count", ctx);
      if (typeof n !== "number") return n;
      if (!Number.isInteger(n)) return fail(ctx, `"${v}" is not a whole number`, "e.g. 16384 or 1M");
      return within(n, "count", limits, ctx, `"${v}"`);
    })
    .describe('a whole number, e.g. 16384 or "1M"');
}

/** Where a range or distribution comes from: the sources that bound it and why. */
const provenance = { sources: z.array(z.string()).optional(), note: z.string().optional() };

/** The provenance fields a range or distribution was given, without empty ones. */
function from(p: { sources?: string[]; note?: string }): { sources?: string[]; note?: string } {
  return { ...(p.sources ? { sources: p.sources } : {}), ...(p.note ? { note: p.note } : {}) };
}

const sourcedOption = (kind: QuantityKind, limits: Limits) =>
  z.strictObject({
    value: quantity(kind, limits),
    weight: z.number().positive().default(1),
    sources: z.array(z.string()).min(1),
    note: z.string().optional(),
  });

/**
 * An uncertain quantity: a point ("5 GW"), a range (`{low, high}`, or `{low, mode, high}` for a
 * triangle), a distribution (`{dist: normal, mean, sd}`, `{dist: lognormal, median, sigma}`,
 * `{dist: uniform|triangular, ...}`), or conflicting sourced values (`{values: [{value,
 * sources}]}`, the first preferred).
 */
export function uncertain(kind: QuantityKind, limits: Limits = {}) {
  const q = quantity(kind, limits);
  const spread = quantity(kind, { ...limits, negative: false, min: undefined });
  const range = z
    .strictObject({ low: q, high: q, mode: q.optional(), ...provenance })
    .transform((r, ctx): Uncertain => {
      if (r.high < r.low) return fail(ctx, "high is below low", "swap low and high");
      if (r.mode !== undefined) {
        if (r.mode < r.low || r.mode > r.high)
          return fail(ctx, "mode is outside [low, high]", "put mode between low and high");
        return { type: "triangular", low: r.low, mode: r.mode, high: r.high, ...from(r) };
      }
      return { type: "uniform", low: r.low, high: r.high, ...from(r) };
    });
  const normal = z
    .strictObject({ dist: z.literal("normal"), mean: q, sd: spread, ...provenance })
    .transform((d): Uncertain => ({ type: "normal", mean: d.mean, sd: d.sd, ...from(d) }));
  const lognormal = z
    .strictObject({ dist: z.literal("lognormal"), median: q, sigma: z.number().nonnegative(), ...provenance })
    .transform((d): Uncertain => ({ type: "lognormal", median: d.median, sigma: d.sigma, ...from(d) }));
  const uniform = z
    .strictObject({ dist: z.literal("uniform"), low: q, high: q, ...provenance })
    .transform(
      (d, ctx): Uncertain =>
        d.high < d.low
          ? fail(ctx, "high is below low", "swap low and high")
          : { type: "uniform", low: d.low, high: d.high, ...from(d) },
    );
  const triangular = z
    .strictObject({ dist: z.literal("triangular"), low: q, mode: q, high: q, ...provenance })
    .transform(
      (d, ctx): Uncertain =>
        d.low <= d.mode && d.mode <= d.high
          ? { type: "triangular", low: d.low, mode: d.mode, high: d.high, ...from(d) }
          : fail(ctx, "needs low <= mode <= high", "check the three values"),
    );
  const choice = z
    .strictObject({ values: z.array(sourcedOption(kind, limits)).min(1) })
    .transform((c): Uncertain => ({ type: "choice", options: c.values }));
  const point = q.transform((value): Uncertain => ({ type: "point", value }));
  const byDist: Record<string, z.ZodType<Uncertain>> = { normal, lognormal, uniform, triangular };
  // Route by shape rather than with z.union, so that an error names the field that is wrong
  // instead of "no option matched".
  const schema = z.unknown().transform((v, ctx): Uncertain => {
    let s: z.ZodType<Uncertain> | undefined;
    if (typeof v === "string" || typeof v === "number") s = point;
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      if ("values" in v) s = choice;
      else if ("dist" in v) {
        s = byDist[String((v as { dist: unknown }).dist)];
        if (!s)
          return fail(
            ctx,
            `unknown distribution "${(v as { dist: unknown }).dist}"`,
            "use normal, lognormal, uniform or triangular",
          );
      } else s = range;
    }
    if (!s)
      return fail(
        ctx,
        `expected ${describe(kind)}`,
        `write "${example(kind)}", {low, high}, {dist: ...} or {values: [...]}`,
      );
    const r = s.safeParse(v);
    if (r.success) return { ...r.data, kind };
    for (const issue of r.error.issues) ctx.addIssue({ ...(issue as z.core.$ZodRawIssue), path: issue.path });
    return z.NEVER;
  });
  jsonSchemas.set(schema, {
    description: `a ${describe(kind)} (e.g. "${example(kind)}"), a range {low, high[, mode]}, a distribution {dist: normal|lognormal|uniform|triangular, ...} or conflicting sourced values {values: [{value, sources}]}`,
    anyOf: [
      { type: ["string", "number"] },
      { type: "object", properties: { low: {}, high: {}, mode: {} }, required: ["low", "high"] },
      {
        type: "object",
        properties: { dist: { enum: ["normal", "lognormal", "uniform", "triangular"] } },
        required: ["dist"],
      },
      { type: "object", properties: { values: { type: "array" } }, required: ["values"] },
    ],
  });
  return schema;
}

/** JSON Schemas of fields whose zod form cannot describe their input (see `scenarioJsonSchema`). */
export const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** A reference to a catalog entry by id or alias; unknown names get "did you mean". */
export function catalogRef(which: "chips" | "systems" | "models" | "systemOrChip") {
  return z.string().superRefine((name, ctx) => {
    const cat = catalog();
    if (which === "systemOrChip") {
      if (cat.systems.find(name) || cat.chips.find(name)) return;
      fail(
        ctx,
        `unknown system or chip "${name}"`,
        cat.systems.suggest(name) ?? cat.chips.suggest(name) ?? "see `gigawatt catalog systems`",
      );
      return;
    }
    const index = cat[which] as Index<{ id: string; aliases: string[] }>;
    if (index.find(name)) return;
    fail(ctx, `unknown ${index.what} "${name}"`, index.suggest(name) ?? `see \`gigawatt catalog ${which}\``);
  });
}
