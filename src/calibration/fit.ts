/**
 * The fitter of the planners' calibration constants: deterministic coordinate descent within
 * physical bounds, from a start (the `default` constants), on one objective - the median plus
 * half the mean of the absolute percentage errors, each capped at 100% so that one broken row
 * cannot pull a family, with rows that stop fitting counted as total misses. Training and
 * serving fit their families with it; cross-validation refits with it.
 */
import { median } from "./errors.js";

/** A fitted constant's physical range and how a step moves it. */
export interface FitBound {
  min: number;
  max: number;
  /** "log": x e^(+-step) (fractions, latencies); "linear": x +- step (max - min) / 2 (overlaps from 0). */
  scale: "log" | "linear";
}

/** Bounds of the constants a fit moves; constants not listed stay at their start. */
export type FitBounds<K extends string> = Readonly<Partial<Record<K, FitBound>>>;

/** The fit's objective: median + mean / 2 of capped APEs, `missing` predictions counted as 100%. */
export function fitObjective(apes: readonly number[], missing = 0): number {
  const n = apes.length + missing;
  if (n === 0) return Number.POSITIVE_INFINITY;
  const capped = [...apes.map((x) => Math.min(1, x)), ...Array<number>(missing).fill(1)];
  return median(capped) + capped.reduce((s, x) => s + x, 0) / n / 2;
}

/** Two significant figures: the stored constants are rounded like this. */
export function round2(x: number): number {
  return Number(x.toPrecision(2));
}

/** Step sizes of the descent, coarse to fine. */
const STEPS = [0.4, 0.2, 0.1, 0.05, 0.025];
/** Sweeps over all constants per step size, at most (it stops earlier when nothing moves). */
const MAX_SWEEPS = 6;
/** Moves in one direction per constant and sweep, at most. */
const MAX_MOVES = 40;

/**
 * Minimises `score` over the constants in `bounds`, starting from `start`: each constant in turn
 * moves up or down by the step while that improves the score; the step shrinks when a sweep
 * moves nothing. Deterministic. Returns the constants (fitted ones rounded to two figures).
 */
export function fitConstants<C extends object>(
  start: C,
  bounds: FitBounds<keyof C & string>,
  score: (c: C) => number,
): C {
  const keys = Object.keys(bounds) as (keyof C & string)[];
  const x = { ...start } as Record<string, number>;
  for (const k of keys) x[k] = Math.min(bounds[k]!.max, Math.max(bounds[k]!.min, x[k]!));
  let best = score(x as unknown as C);
  for (const step of STEPS) {
    for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      let moved = false;
      for (const k of keys) {
        const b = bounds[k]!;
        for (const dir of [1, -1]) {
          for (let n = 0; n < MAX_MOVES; n++) {
            const v = x[k]!;
            const next =
              b.scale === "log" ? v * Math.exp(dir * step) : v + (dir * step * (b.max - b.min)) / 2;
            const clamped = Math.min(b.max, Math.max(b.min, next));
            if (clamped === v) break;
            const s = score({ ...x, [k]: clamped } as unknown as C);
            if (!(s < best - 1e-9)) break;
            best = s;
            x[k] = clamped;
            moved = true;
          }
        }
      }
      if (!moved) break;
    }
  }
  for (const k of keys) x[k] = round2(x[k]!);
  return x as unknown as C;
}
