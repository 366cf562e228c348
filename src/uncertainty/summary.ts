/**
 * Summaries of sampled values: percentiles, mean, extremes, and an account of the samples that
 * were not finite numbers (they are counted and located, never averaged in).
 */

/** The samples of one quantity that were NaN or infinite. */
export interface NonFinite {
  /** How many samples were NaN, +Infinity and -Infinity. */
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  /** The indices of the first few such samples (up to 10), to reproduce them. */
  firstSamples: number[];
}

/**
 * The distribution of one output (or input) over a Monte Carlo run. Statistics are over the
 * finite samples only; `nonFinite` counts the rest. When no sample is finite, the statistics
 * are NaN and `finite` is 0: check `finite` (or the run's `warnings`) before showing them.
 */
export interface Distribution {
  /** 5th, 50th and 95th percentiles (linear interpolation between order statistics). */
  p5: number;
  p50: number;
  p95: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  sd: number;
  min: number;
  max: number;
  /** Number of finite samples the statistics are computed from. */
  finite: number;
  /** Samples that were NaN or infinite; undefined when every sample was finite. */
  nonFinite?: NonFinite;
  /** Every sample in sample order (non-finite ones included as they were), for histograms. */
  samples: Float64Array;
}

/**
 * The `q`-quantile (0..1) of ascending `sorted` values, interpolating linearly between order
 * statistics (Hyndman and Fan's type 7, the default of R and NumPy). NaN when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const MAX_LOCATED = 10;

/** Summarises samples: percentiles, mean, standard deviation, extremes and non-finite counts. */
export function summarize(samples: Float64Array): Distribution {
  const finiteValues = new Float64Array(samples.length);
  let n = 0;
  let sum = 0;
  let nonFinite: NonFinite | undefined;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (Number.isFinite(v)) {
      finiteValues[n++] = v;
      sum += v;
      continue;
    }
    nonFinite ??= { nan: 0, positiveInfinity: 0, negativeInfinity: 0, firstSamples: [] };
    if (Number.isNaN(v)) nonFinite.nan++;
    else if (v > 0) nonFinite.positiveInfinity++;
    else nonFinite.negativeInfinity++;
    if (nonFinite.firstSamples.length < MAX_LOCATED) nonFinite.firstSamples.push(i);
  }
  const sorted = finiteValues.subarray(0, n).sort();
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  const out: Distribution = {
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : Number.NaN,
    min: n > 0 ? sorted[0]! : Number.NaN,
    max: n > 0 ? sorted[n - 1]! : Number.NaN,
    finite: n,
    samples,
  };
  if (nonFinite) out.nonFinite = nonFinite;
  return out;
}

/** A one-line account of non-finite samples, such as `12 of 10000 samples were NaN (first: 3, 17)`. */
export function describeNonFinite(name: string, d: Distribution): string | undefined {
  const nf = d.nonFinite;
  if (!nf) return undefined;
  const total = d.samples.length;
  const parts = [
    nf.nan ? `${nf.nan} NaN` : "",
    nf.positiveInfinity ? `${nf.positiveInfinity} +Infinity` : "",
    nf.negativeInfinity ? `${nf.negativeInfinity} -Infinity` : "",
  ].filter(Boolean);
  const bad = nf.nan + nf.positiveInfinity + nf.negativeInfinity;
  const where = nf.firstSamples.join(", ");
  return `${name}: ${bad} of ${total} samples were not finite (${parts.join(", ")}; first at sample ${where}); statistics use the ${d.finite} finite samples`;
}

/** A distribution's statistics without its samples: what JSON output and reports keep. */
export type DistributionStats = Omit<Distribution, "samples">;

/**
 * The statistics of a distribution without its samples (a Float64Array would serialise to JSON
 * as an object keyed by index).
 */
export function stats(d: Distribution): DistributionStats {
  const { samples: _, ...rest } = d;
  return rest;
}
