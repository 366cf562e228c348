/**
 * Seeded Monte Carlo over any evaluation: draw every uncertain input, evaluate, keep each
 * output's samples compactly and summarise them (p5, p50, p95, mean, extremes).
 *
 * Each input of each sample draws from its own stream, seeded from (run seed, sample index,
 * input name). So a sample's values do not depend on which other samples run, in what order or
 * on which worker: splitting a run into blocks and merging them gives the same result bit for
 * bit, and adding an input does not change the draws of the others.
 */
import { InputError } from "../errors.js";
import { hashString, mixSeed, seededRandom } from "./random.js";
import { type Distribution, describeNonFinite, summarize } from "./summary.js";
import { sample, type Uncertain } from "./value.js";

/**
 * The evaluation a Monte Carlo wraps: named input values (SI units) in, named numeric outputs
 * out. It is treated as a black box and called once per sample. The `values` object is fresh
 * for every call. Every output should be a number; anything else counts as NaN.
 */
export type Evaluate = (values: Record<string, number>) => Record<string, number>;

/** Called as samples complete: `done` of `total`. */
export type OnProgress = (done: number, total: number) => void;

/** What to sample and how. */
export interface MonteCarloOptions {
  /** The uncertain inputs by name (points are allowed and stay fixed). */
  inputs: Record<string, Uncertain>;
  evaluate: Evaluate;
  /** Number of samples (default 1000). */
  samples?: number;
  /** Seed of the run (any integer; default 1). Same seed, same result. */
  seed?: number;
  /** Progress callback, called about 100 times over the run and once at the end. */
  onProgress?: OnProgress;
}

/** The raw samples of a contiguous block of sample indices, in sample order. */
export interface SampleBlock {
  /** Index of the first sample of the block. */
  start: number;
  count: number;
  inputNames: string[];
  /** Drawn input values, one column per name in `inputNames`. */
  inputColumns: Float64Array[];
  /** Output names in the order they first appeared. */
  outputNames: string[];
  /** Output values, one column per name; NaN where a sample lacked the output. */
  outputColumns: Float64Array[];
}

/** A Monte Carlo run's result. */
export interface MonteCarloResult {
  seed: number;
  samples: number;
  /** The distribution of every output, in the order outputs first appeared. */
  outputs: Record<string, Distribution>;
  /** The distribution of every input as drawn (a check that sampling did what was asked). */
  inputs: Record<string, Distribution>;
  /** One line per output that had NaN or infinite samples. Empty when all were finite. */
  warnings: string[];
}

/** Options for one block of samples (what a worker runs). */
export interface SampleBlockOptions {
  inputs: Record<string, Uncertain>;
  evaluate: Evaluate;
  seed: number;
  /** First sample index. */
  start: number;
  /** Number of samples. */
  count: number;
  /** Called with the block's own progress (done of `count`). */
  onProgress?: OnProgress;
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`${what} must be a whole number of 0 or more, got ${n}`, { hint: "e.g. 10000" });
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed))
    throw new InputError(`seed must be an integer, got ${seed}`, { hint: "e.g. 1" });
}

/**
 * Draws and evaluates samples `start .. start + count - 1` of the run seeded `seed`. The pieces a
 * parallel driver runs; `mergeBlocks` and `summarizeBlocks` put them together.
 */
export function runSampleBlock(opts: SampleBlockOptions): SampleBlock {
  const { inputs, evaluate, seed, start, count, onProgress } = opts;
  checkSeed(seed);
  checkCount(start, "the first sample index");
  checkCount(count, "the number of samples");
  const inputNames = Object.keys(inputs);
  const dists = inputNames.map((k) => inputs[k]!);
  const hashes = inputNames.map(hashString);
  const inputColumns = inputNames.map(() => new Float64Array(count));
  const outputNames: string[] = [];
  const outputColumns: Float64Array[] = [];
  const columnOf = new Map<string, Float64Array>();
  const every = Math.max(1, Math.floor(count / 100));
  for (let j = 0; j < count; j++) {
    const index = start + j;
    const values: Record<string, number> = {};
    for (let k = 0; k < dists.length; k++) {
      const u = dists[k]!;
      const v = u.type === "point" ? u.value : sample(u, seededRandom(mixSeed(seed, index, hashes[k]!)));
      values[inputNames[k]!] = v;
      inputColumns[k]![j] = v;
    }
    let out: Record<string, number>;
    try {
      out = evaluate(values);
    } catch (e) {
      throw inSample(e, index, seed);
    }
    for (const name in out) {
      let col = columnOf.get(name);
      if (!col) {
        col = new Float64Array(count).fill(Number.NaN);
        columnOf.set(name, col);
        outputNames.push(name);
        outputColumns.push(col);
      }
      const v = out[name];
      col[j] = typeof v === "number" ? v : Number.NaN;
    }
    if (onProgress && ((j + 1) % every === 0 || j + 1 === count)) onProgress(j + 1, count);
  }
  return { start, count, inputNames, inputColumns, outputNames, outputColumns };
}

/** Names the sample an evaluation failed in, keeping an InputError an InputError. */
function inSample(e: unknown, index: number, seed: number): unknown {
  const where = `Monte Carlo sample ${index} (seed ${seed})`;
  if (e instanceof InputError)
    return new InputError(`${e.message} in ${where}`, { location: e.location, hint: e.hint });
  if (e instanceof Error) return new Error(`${where}: ${e.message}`, { cause: e });
  return e;
}

function concat(parts: (Float64Array | undefined)[], counts: number[], total: number): Float64Array {
  const out = new Float64Array(total);
  let at = 0;
  parts.forEach((p, i) => {
    if (p) out.set(p, at);
    else out.fill(Number.NaN, at, at + counts[i]!);
    at += counts[i]!;
  });
  return out;
}

/**
 * Joins blocks covering contiguous sample indices (in any order) into one block, exactly as if
 * it had been run in one piece.
 */
export function mergeBlocks(blocks: SampleBlock[]): SampleBlock {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  if (sorted.length === 0)
    return { start: 0, count: 0, inputNames: [], inputColumns: [], outputNames: [], outputColumns: [] };
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.start !== prev.start + prev.count)
      throw new Error(
        `sample blocks are not contiguous: ${prev.start}+${prev.count} then ${sorted[i]!.start}`,
      );
  }
  const counts = sorted.map((b) => b.count);
  const total = counts.reduce((s, c) => s + c, 0);
  const names = (pick: (b: SampleBlock) => string[]) => {
    const seen = new Set<string>();
    for (const b of sorted) for (const n of pick(b)) seen.add(n);
    return [...seen];
  };
  const column = (
    name: string,
    names: (b: SampleBlock) => string[],
    cols: (b: SampleBlock) => Float64Array[],
  ) =>
    concat(
      sorted.map((b) => {
        const k = names(b).indexOf(name);
        return k < 0 ? undefined : cols(b)[k];
      }),
      counts,
      total,
    );
  const inputNames = names((b) => b.inputNames);
  const outputNames = names((b) => b.outputNames);
  return {
    start: sorted[0]!.start,
    count: total,
    inputNames,
    inputColumns: inputNames.map((n) =>
      column(
        n,
        (b) => b.inputNames,
        (b) => b.inputColumns,
      ),
    ),
    outputNames,
    outputColumns: outputNames.map((n) =>
      column(
        n,
        (b) => b.outputNames,
        (b) => b.outputColumns,
      ),
    ),
  };
}

/** Summarises a (merged) block into a run's result. */
export function summarizeBlock(block: SampleBlock, seed: number): MonteCarloResult {
  const outputs: Record<string, Distribution> = {};
  const inputs: Record<string, Distribution> = {};
  const warnings: string[] = [];
  block.outputNames.forEach((name, k) => {
    const d = summarize(block.outputColumns[k]!);
    outputs[name] = d;
    const w = describeNonFinite(name, d);
    if (w) warnings.push(w);
  });
  block.inputNames.forEach((name, k) => {
    inputs[name] = summarize(block.inputColumns[k]!);
  });
  return { seed, samples: block.count, outputs, inputs, warnings };
}

/**
 * Runs a seeded Monte Carlo: draws every input `samples` times, evaluates each draw and
 * summarises every output (p5, p50, p95, mean, sd, min, max, and the samples themselves).
 * Outputs that were NaN or infinite in some samples are counted in `nonFinite` and listed in
 * `warnings`; their statistics use the finite samples only.
 *
 * @example
 * ```ts
 * const r = monteCarlo({
 *   inputs: { powerW: { type: "uniform", low: 4e9, high: 5e9 }, pue: point(1.2) },
 *   evaluate: ({ powerW, pue }) => ({ itPowerW: powerW / pue }),
 *   samples: 10_000,
 *   seed: 42,
 * });
 * r.outputs.itPowerW.p50;
 * ```
 */
export function monteCarlo(opts: MonteCarloOptions): MonteCarloResult {
  const samples = opts.samples ?? 1000;
  const seed = opts.seed ?? 1;
  checkCount(samples, "the number of samples");
  const block = runSampleBlock({
    inputs: opts.inputs,
    evaluate: opts.evaluate,
    seed,
    start: 0,
    count: samples,
    onProgress: opts.onProgress,
  });
  return summarizeBlock(block, seed);
}
