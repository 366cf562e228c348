/**
 * Leave-one-source-out cross-validation, for training and serving alike: for each source, every
 * family its rows belong to is refitted on the other sources' rows of that family, and the
 * source's rows are predicted with those constants. A family left with fewer than
 * MIN_MEASUREMENTS measurements elsewhere cannot be refitted: its rows are not scored out of
 * sample, and the family is named as not cross-validated.
 */

/** A family needs this many measurements from other sources to be refitted without one source. */
export const MIN_MEASUREMENTS = 10;

/** One source's rows scored with constants fitted without them. */
export interface Fold<R> {
  source: string;
  /** Families the source's rows belong to. */
  families: string[];
  /** Families with too few measurements elsewhere: their rows are not scored in this fold. */
  notRefitted: string[];
  /** Predictions with the refitted constants, and the same rows with the stored ones. */
  crossValidated: R[];
  inSample: R[];
}

/** What the loop needs from a validator. */
export interface CrossValidationPlan<T, K, R> {
  items: readonly T[];
  source(t: T): string;
  family(t: T): string;
  /** Measurements an item carries (throughput, TTFT, ... count one each). */
  measurements(t: T): number;
  /** Constants of `family` fitted to `train`. */
  refit(family: string, train: T[]): K;
  /** Predictions of `held` with the constants of `fitted` per family (stored ones when absent). */
  predict(held: T[], fitted: Readonly<Record<string, K>>): R[];
}

/** The folds, in source order, and the families that cannot be cross-validated. */
export function leaveOneSourceOut<T, K, R>(
  plan: CrossValidationPlan<T, K, R>,
): { folds: Fold<R>[]; notCrossValidated: string[]; sourcesByFamily: Map<string, number> } {
  const { items } = plan;
  const sources = [...new Set(items.map(plan.source))].sort();
  const familySources = new Map<string, Set<string>>();
  for (const t of items) {
    const f = plan.family(t);
    const set = familySources.get(f) ?? new Set<string>();
    set.add(plan.source(t));
    familySources.set(f, set);
  }
  const folds: Fold<R>[] = [];
  const notCv = new Set<string>();
  for (const source of sources) {
    const held = items.filter((t) => plan.source(t) === source);
    const families = [...new Set(held.map(plan.family))].sort();
    const fitted: Record<string, K> = {};
    const notRefitted: string[] = [];
    for (const f of families) {
      const train = items.filter((t) => plan.family(t) === f && plan.source(t) !== source);
      if (train.reduce((n, t) => n + plan.measurements(t), 0) < MIN_MEASUREMENTS) {
        notRefitted.push(f);
        notCv.add(f);
      } else fitted[f] = plan.refit(f, train);
    }
    const scored = held.filter((t) => !notRefitted.includes(plan.family(t)));
    folds.push({
      source,
      families,
      notRefitted,
      crossValidated: plan.predict(scored, fitted),
      inSample: plan.predict(scored, {}),
    });
  }
  return {
    folds,
    notCrossValidated: [...notCv].sort(),
    sourcesByFamily: new Map([...familySources].map(([f, s]) => [f, s.size])),
  };
}
