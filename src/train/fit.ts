/**
 * Fitting the calibration constants of a chip family to published runs, and leave-one-source-out
 * cross-validation of that fit. The fit is deterministic coordinate descent on the median plus
 * the mean of the absolute percentage errors of tokens/s per chip (each capped at 100%, so one
 * broken row cannot pull a family), starting from the `default` family's constants. It holds
 * each row's strategy fixed (the one the search chose, or the published one), so a trial of
 * constants is one step-time evaluation per row, not a search.
 */
import { defaultCalibration, type FamilyCalibration } from "./calibration.js";
import { RC_FULL, RC_NONE, RC_PARTIAL, RC_SELECTIVE, stepTime } from "./evaluate.js";
import { type Problem, recalibrated } from "./problem.js";
import type { Strategy } from "./types.js";

/** One row as the fitter sees it: a prepared problem, a fixed strategy and the measurement. */
export interface FitCase {
  id: string | number;
  source: string;
  family: string;
  problem: Problem;
  strategy: Strategy;
  /** Measured tokens/s per chip. */
  measured: number;
}

/**
 * The constants the fit moves, within physical bounds, and how a step moves them. Upper bounds:
 * large GEMMs sustain at most ~85% of the dense peak, flash attention ~75%, elementwise kernels
 * 50-92% of HBM bandwidth (STREAM-like), collectives ~90% of the link rate (NCCL bus bandwidth).
 */
export const FITTED: readonly {
  key: keyof FamilyCalibration;
  min: number;
  max: number;
  /** "ratio": x (1 + step); "add": x + step. */
  move: "ratio" | "add";
}[] = [
  { key: "matmulEfficiency", min: 0.2, max: 0.85, move: "ratio" },
  { key: "lowPrecisionMatmulEfficiency", min: 0.2, max: 0.85, move: "ratio" },
  { key: "attentionEfficiency", min: 0.05, max: 0.75, move: "ratio" },
  { key: "moeEfficiency", min: 0.1, max: 1, move: "ratio" },
  { key: "memoryBandwidthEfficiency", min: 0.5, max: 0.92, move: "ratio" },
  { key: "scaleUpEfficiency", min: 0.2, max: 0.9, move: "ratio" },
  { key: "scaleOutEfficiency", min: 0.2, max: 0.9, move: "ratio" },
  { key: "tpOverlap", min: 0, max: 0.9, move: "add" },
  { key: "stepOverheadS", min: 0.001, max: 0.5, move: "ratio" },
];

const RC: Record<Strategy["recompute"], number> = {
  none: RC_NONE,
  selective: RC_SELECTIVE,
  partial: RC_PARTIAL,
  full: RC_FULL,
};

/** Predicted tokens/s per chip of a case under constants `cal`. */
export function predictCase(c: FitCase, cal: FamilyCalibration): number {
  const p = recalibrated(c.problem, { ...cal, family: c.family });
  const s = c.strategy;
  const t = stepTime(p, s.tp, s.pp, s.vp, s.dp, s.cp, s.ep, s.microBatch, s.zero, RC[s.recompute]);
  return (p.batchSeqs * p.seq) / t / p.chips;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The fit's objective (lower is better): median + mean of capped APEs, plus `prior` times the
 * mean squared log-distance of the fitted constants from `start` (a pull toward the defaults
 * that keeps a family with few rows from moving constants its rows barely constrain).
 */
export function fitObjective(
  cases: FitCase[],
  cal: FamilyCalibration,
  prior = 0,
  start: FamilyCalibration = defaultCalibration(),
): number {
  const apes = cases.map((c) => Math.min(1, Math.abs(predictCase(c, cal) / c.measured - 1)));
  let penalty = 0;
  if (prior > 0) {
    for (const f of FITTED) {
      const d = f.move === "ratio" ? Math.log(cal[f.key] / start[f.key]) : cal[f.key] - start[f.key];
      penalty += d * d;
    }
    penalty /= FITTED.length;
  }
  return median(apes) + apes.reduce((a, b) => a + b, 0) / Math.max(1, apes.length) + prior * penalty;
}

/** Options of `fitFamily`. */
export interface FitOptions {
  /** Where the descent starts (default: the `default` family's constants). */
  start?: FamilyCalibration;
  /** First relative step (default 0.25), halved when no move improves, down to `minStep` (0.01). */
  step?: number;
  minStep?: number;
  /** Weight of the pull toward `start` (default DEFAULT_PRIOR). */
  prior?: number;
}

/** Default weight of the pull toward the default constants. */
export const DEFAULT_PRIOR = 0;

/**
 * Fits one family's constants to its cases by coordinate descent: each constant in turn is
 * moved up or down by the step while that improves the objective; the step halves when no
 * constant moves. Constants the rows do not exercise stay where they started.
 */
export function fitFamily(cases: FitCase[], opts: FitOptions = {}): FamilyCalibration {
  const start = opts.start ?? defaultCalibration();
  const prior = opts.prior ?? DEFAULT_PRIOR;
  let x: FamilyCalibration = { ...start };
  if (cases.length === 0) return x;
  let best = fitObjective(cases, x, prior, start);
  let step = opts.step ?? 0.25;
  const minStep = opts.minStep ?? 0.01;
  while (step >= minStep) {
    let moved = false;
    for (const f of FITTED) {
      for (const dir of [1, -1]) {
        for (let n = 0; n < 40; n++) {
          const v = x[f.key];
          const next =
            f.move === "ratio" ? (dir > 0 ? v * (1 + step) : v / (1 + step)) : v + dir * step * 0.5;
          const clamped = Math.min(f.max, Math.max(f.min, next));
          if (clamped === v) break;
          const trial = { ...x, [f.key]: clamped };
          const score = fitObjective(cases, trial, prior, start);
          if (score < best - 1e-9) {
            x = trial;
            best = score;
            moved = true;
          } else break;
        }
      }
    }
    if (!moved) step /= 2;
  }
  return x;
}

/** Fits every family that has cases; families map to their fitted constants. */
export function fitFamilies(cases: FitCase[], opts: FitOptions = {}): Record<string, FamilyCalibration> {
  const byFamily = new Map<string, FitCase[]>();
  for (const c of cases) byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c]);
  const out: Record<string, FamilyCalibration> = {};
  for (const family of [...byFamily.keys()].sort()) out[family] = fitFamily(byFamily.get(family)!, opts);
  return out;
}
