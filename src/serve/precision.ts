/**
 * Number formats of weights, activations and KV cache: bytes per element, and which formats a
 * chip can compute in. Weights and KV cache may be stored narrower than the activations
 * (weight-only quantization); the matmuls then run at the activation precision.
 */
import type { ChipSpec } from "../catalog/catalog.js";
import type { Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";

/** Formats a serving run may use. */
export const SERVING_PRECISIONS = ["bf16", "fp16", "fp8", "int8", "fp4"] as const;
export type ServingPrecision = (typeof SERVING_PRECISIONS)[number];

/** Bytes per element; fp4 carries one 8-bit scale per 16 values (NVFP4, MXFP4 use 16-32). */
export function bytesPerElement(p: Precision): number {
  switch (p) {
    case "fp32":
    case "tf32":
      return 4;
    case "bf16":
    case "fp16":
      return 2;
    case "fp8":
    case "int8":
      return 1;
    case "fp4":
      return 0.5625;
  }
}

/** Dense peak FLOP/s of `chip` at `p` (fp16 reads the bf16 figure), or undefined. */
export function peakFlopsAt(chip: ChipSpec, p: Precision): number | undefined {
  const f = chip.peakFlops;
  if (p === "fp16" || p === "bf16") return f[p] ?? f.bf16 ?? f.fp16;
  return f[p];
}

/** The precisions of one serving run. */
export interface Precisions {
  weights: Precision;
  activations: Precision;
  kvCache: Precision;
}

function check(p: string, location: string): Precision {
  if (!(SERVING_PRECISIONS as readonly string[]).includes(p)) {
    throw new InputError(`unknown precision "${p}"`, {
      location,
      hint: `use ${SERVING_PRECISIONS.join(", ")}`,
    });
  }
  return p as Precision;
}

function computable(chip: ChipSpec): string {
  return SERVING_PRECISIONS.filter((p) => peakFlopsAt(chip, p) !== undefined).join(", ") || "none listed";
}

/**
 * Resolves and checks precisions against a chip. Activations default to the weights' format when
 * the chip computes in it, else to bf16 (weight-only quantization); the KV cache defaults to
 * the activations' format. Activations must be a format the chip computes in; weights and KV
 * cache may be stored narrower (int8/fp8 dequantized on the fly), but fp4 needs fp4 hardware.
 */
export function resolvePrecisions(
  chip: ChipSpec,
  opts: { weights?: string; activations?: string; kvCache?: string },
  where: { weights?: string; activations?: string; kvCache?: string } = {},
): Precisions {
  const wLoc = where.weights ?? "weights";
  const aLoc = where.activations ?? "activations";
  const kLoc = where.kvCache ?? "kvCache";
  const weights = check(opts.weights ?? "bf16", wLoc);
  let activations: Precision;
  if (opts.activations !== undefined) activations = check(opts.activations, aLoc);
  else activations = peakFlopsAt(chip, weights) !== undefined ? weights : "bf16";
  if (peakFlopsAt(chip, activations) === undefined) {
    throw new InputError(`${chip.name} does not compute in ${activations}`, {
      location: opts.activations !== undefined ? aLoc : wLoc,
      hint: `its peak FLOP/s are listed for ${computable(chip)}`,
    });
  }
  const kvCache = opts.kvCache !== undefined ? check(opts.kvCache, kLoc) : activations;
  for (const [p, loc, what] of [
    [weights, wLoc, "weights"],
    [kvCache, kLoc, "KV cache"],
  ] as const) {
    if (p === "fp4" && peakFlopsAt(chip, "fp4") === undefined) {
      throw new InputError(`${chip.name} has no fp4 support for the ${what}`, {
        location: loc,
        hint: `use ${computable(chip)} (or int8/fp8 storage)`,
      });
    }
    if (bytesPerElement(p) > bytesPerElement(activations)) {
      throw new InputError(`${what} in ${p} are wider than the ${activations} activations`, {
        location: loc,
        hint: `store ${what} in ${activations} or narrower`,
      });
    }
  }
  return { weights, activations, kvCache };
}
