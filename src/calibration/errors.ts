/**
 * One error summary for every validation: predictions against measurements as absolute
 * percentage errors (median, mean) and the mean signed error (bias), overall and by group.
 */

/** Errors of a set of predictions. Fractions: 0.1 is 10%. */
export interface ErrorSummary {
  n: number;
  /** Mean absolute percentage error. */
  mape: number;
  /** Median absolute percentage error. */
  medianApe: number;
  /** Mean signed error, (predicted - measured) / measured: positive predicts too fast/high. */
  bias: number;
}

/** The signed relative error of a prediction. */
export function relativeError(predicted: number, measured: number): number {
  return (predicted - measured) / measured;
}

/** The median of numbers (0 for none). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Summary of signed relative errors. */
export function summarize(errors: readonly number[]): ErrorSummary {
  const n = errors.length;
  if (n === 0) return { n: 0, mape: 0, medianApe: 0, bias: 0 };
  const apes = errors.map(Math.abs);
  return {
    n,
    mape: apes.reduce((s, x) => s + x, 0) / n,
    medianApe: median(apes),
    bias: errors.reduce((s, x) => s + x, 0) / n,
  };
}

/** Summaries of items grouped by `key`, largest group first (ties by key). */
export function summarizeBy<T>(
  items: readonly T[],
  key: (t: T) => string,
  error: (t: T) => number,
): (ErrorSummary & { key: string })[] {
  const groups = new Map<string, number[]>();
  for (const t of items) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(error(t));
    else groups.set(k, [error(t)]);
  }
  return [...groups]
    .map(([k, es]) => ({ key: k, ...summarize(es) }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
}
