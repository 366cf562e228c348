/**
 * Chips against time when the chip count is free: the best strategy at each chip count of a
 * range (powers of two from the smallest count that fits, or counts given), and the Pareto front
 * of chips against time to train (or step time when no token count is given).
 */
import { InputError } from "../errors.js";
import { finishSearch, type SearchOptions } from "./estimate.js";
import { prepare } from "./problem.js";
import { mergeSlices, searchSlice } from "./search.js";
import type { SearchResult, TrainingEstimate, TrainingOptions } from "./types.js";

/** Default span of a sweep: up to 64 times the smallest chip count that fits. */
export const DEFAULT_CHIP_SPAN = 64;
/** Largest chip count a sweep looks at when searching for the smallest that fits (2^24). */
export const MAX_CHIP_COUNT = 2 ** 24;

/** Options of a chip-count sweep: a search's options without the chip count. */
export interface ChipSweepOptions extends Omit<SearchOptions, "chips" | "slice"> {
  /** Largest chip count to try (default: `span` times the smallest that fits); `span` is then unused. */
  maxChips?: number;
  /** How far above the smallest fitting count the default range goes, as a factor (default 64). */
  span?: number;
}

/** The best strategy at one chip count. */
export interface ChipCountPoint {
  chips: number;
  best: TrainingEstimate;
  /** Time to train `tokens` when given, else one step, s. */
  seconds: number;
  /** Speed-up over the smallest count evaluated, and that speed-up per chip added (1 = linear). */
  speedup: number;
  scalingEfficiency: number;
  /** Whether no count with fewer (or as many) chips is as fast. */
  onFront: boolean;
  /** Candidates the search at this count evaluated (timed) and considered. */
  evaluated: number;
  candidates: number;
}

/** A sweep's answer. */
export interface ChipSweepResult {
  /** What `seconds` measures. */
  metric: "time to train" | "step time";
  /** The counts searched, ascending. */
  counts: number[];
  /** The smallest power-of-two count at which some strategy fits (when the range was derived). */
  smallestFitting?: number;
  /** Best strategy per count that has one, ascending in chips. */
  points: ChipCountPoint[];
  /** Chips against time: each point is faster than every point with fewer chips. */
  pareto: ChipCountPoint[];
  /** Counts with no valid, fitting strategy, and why. */
  skipped: { chips: number; reason: string }[];
  /** Totals over every count's search. */
  evaluated: number;
  candidates: number;
}

/** A search at one chip count: the caller's choice of driver (one thread, worker threads). */
export type SearchAt = (opts: SearchOptions) => SearchResult | undefined;

function fixedWithoutDp(opts: ChipSweepOptions) {
  if (opts.strategy?.dp !== undefined)
    throw new InputError("a fixed dp needs a fixed chip count", {
      location: "strategy.dp",
      hint: "give the chip count, or leave dp out (it is derived at each count)",
    });
  return opts.strategy;
}

function memoryScan(opts: Omit<TrainingOptions, "chips">, chips: number) {
  const p = prepare({ ...opts, chips });
  return searchSlice(p, {
    fixed: { ...opts.strategy, dp: undefined },
    memoryOnly: true,
    pipelineSplit: opts.pipelineSplit,
  });
}

/** Whether some strategy fits in memory on `chips` (a memory-only search). */
export function fitsOn(opts: Omit<TrainingOptions, "chips">, chips: number): boolean {
  return memoryScan(opts, chips).evaluated > 0;
}

/** Why no strategy was found at `chips`. */
function whyNot(opts: Omit<TrainingOptions, "chips">, chips: number): string {
  const r = memoryScan(opts, chips);
  if (r.evaluated + r.prunedMemory === 0)
    return `no valid strategy: ${chips} chips cannot split the batch (tp x pp x cp x dp with dp dividing the sequences)${opts.strategy && Object.keys(opts.strategy).length ? " with the fixed fields" : ""}`;
  return "no strategy fits in memory";
}

/** The smallest power of two (up to 2^24) at which some strategy fits, or undefined. */
export function smallestFittingPowerOfTwo(opts: Omit<TrainingOptions, "chips">): number | undefined {
  for (let n = 1; n <= MAX_CHIP_COUNT; n *= 2) if (fitsOn(opts, n)) return n;
  return undefined;
}

function checkCount(n: number, where: string): number {
  if (!Number.isInteger(n) || n <= 0)
    throw new InputError(`chip counts must be whole numbers above 0, got ${n}`, {
      location: where,
      hint: "e.g. 1024,2048,4096",
    });
  return n;
}

/**
 * The chip counts a sweep searches: `counts` when given (sorted, deduplicated), else powers of
 * two from the smallest that fits up to `maxChips` or `span` times that.
 */
export function chipCountRange(
  opts: ChipSweepOptions,
  counts?: readonly number[],
): { counts: number[]; smallestFitting?: number } {
  fixedWithoutDp(opts);
  if (counts && counts.length > 0) {
    const sorted = [...new Set(counts.map((n) => checkCount(n, "chip counts")))].sort((a, b) => a - b);
    return { counts: sorted };
  }
  const span = opts.span ?? DEFAULT_CHIP_SPAN;
  if (!(span >= 1) || !Number.isFinite(span))
    throw new InputError(`the sweep span must be a factor of at least 1, got ${span}`, {
      location: "span",
      hint: "e.g. 64",
    });
  if (opts.maxChips !== undefined) checkCount(opts.maxChips, "max chips");
  const smallest = smallestFittingPowerOfTwo(opts);
  if (smallest === undefined)
    throw new InputError(
      `${opts.model.name} does not fit on any count of ${opts.system.chip.name} up to ${MAX_CHIP_COUNT} chips${opts.strategy && Object.keys(opts.strategy).length ? " with the fixed strategy fields" : ""}`,
      { location: "model", hint: "a shorter sequence, a smaller batch or a chip with more memory" },
    );
  const top = opts.maxChips ?? smallest * span;
  if (top < smallest)
    throw new InputError(
      `${opts.model.name} needs at least ${smallest} ${opts.system.chip.name} (powers of two), above the maximum of ${opts.maxChips}`,
      { location: "max chips", hint: `raise the maximum to ${smallest} or more` },
    );
  const out: number[] = [];
  for (let n = smallest; n <= top; n *= 2) out.push(n);
  return { counts: out, smallestFitting: smallest };
}

/** The search at one count on this thread; undefined when nothing valid fits. */
export const searchHere: SearchAt = (opts) => {
  const p = prepare(opts);
  const r = mergeSlices(
    [searchSlice(p, { fixed: opts.strategy, top: opts.top, pipelineSplit: opts.pipelineSplit })],
    opts.top,
  );
  return r.top.length > 0 ? finishSearch(p, r, opts) : undefined;
};

/** Assembles a sweep from the search results at each count (undefined: nothing fits there). */
export function chipSweepResult(
  opts: ChipSweepOptions,
  range: { counts: number[]; smallestFitting?: number },
  results: readonly (SearchResult | undefined)[],
): ChipSweepResult {
  const timed = opts.tokens !== undefined;
  const points: ChipCountPoint[] = [];
  const skipped: ChipSweepResult["skipped"] = [];
  let evaluated = 0;
  let candidates = 0;
  range.counts.forEach((chips, i) => {
    const r = results[i];
    if (r) {
      evaluated += r.evaluated;
      candidates += r.candidates;
    }
    if (!r?.best) {
      skipped.push({ chips, reason: whyNot(opts, chips) });
      return;
    }
    const best = r.best;
    const seconds = timed && best.run ? best.run.seconds : best.time.step;
    points.push({
      chips,
      best,
      seconds,
      speedup: 1,
      scalingEfficiency: 1,
      onFront: false,
      evaluated: r.evaluated,
      candidates: r.candidates,
    });
  });
  const first = points[0];
  let fastest = Number.POSITIVE_INFINITY;
  for (const pt of points) {
    pt.speedup = first ? first.seconds / pt.seconds : 1;
    pt.scalingEfficiency = first ? (first.seconds * first.chips) / (pt.seconds * pt.chips) : 1;
    if (pt.seconds < fastest) {
      pt.onFront = true;
      fastest = pt.seconds;
    }
  }
  return {
    metric: timed ? "time to train" : "step time",
    counts: range.counts,
    smallestFitting: range.smallestFitting,
    points,
    pareto: points.filter((pt) => pt.onFront),
    skipped,
    evaluated,
    candidates,
  };
}

/**
 * Searches every chip count of a range (see `chipCountRange`) for its best strategy and returns
 * the points and the Pareto front of chips against time to train (step time without `tokens`).
 * Deterministic; one thread (the CLI spreads the counts over worker threads).
 */
export function searchChipCounts(opts: ChipSweepOptions, counts?: readonly number[]): ChipSweepResult {
  const range = chipCountRange(opts, counts);
  const results = range.counts.map((chips) => searchHere({ ...opts, chips, top: opts.top ?? 1 }));
  return chipSweepResult(opts, range, results);
}
