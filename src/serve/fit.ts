/**
 * Fitting the serving model's per-family constants to published runs, and leave-one-source-out
 * cross-validation: refit each family without one source's rows, then score that source. The
 * fit is a deterministic coordinate descent in log space, from the defaults, within physical
 * bounds; it minimises median APE + mean APE / 2 over the family's rows (throughput and latency).
 */
import type { Catalog } from "../catalog/catalog.js";
import { calibrationFor, type ServingCalibration } from "./calibration.js";
import {
  type ErrorSummary,
  type PreparedRow,
  predictRows,
  prepareRows,
  summary,
  type ValidationResult,
  type ValidationRow,
} from "./validation.js";

type Constants = Partial<Omit<ServingCalibration, "family">>;

/** The constants the fit moves, with their physical bounds. */
export const FITTED_BOUNDS = {
  bandwidthFraction: [0.5, 0.9],
  kvBandwidthFraction: [0.15, 0.9],
  computeFraction: [0.15, 0.9],
  stepOverheadS: [2e-4, 1e-2],
  allReduceLatencyS: [2e-6, 1e-4],
  linkFraction: [0.2, 0.9],
} as const satisfies Record<string, readonly [number, number]>;

type FittedKey = keyof typeof FITTED_BOUNDS;
const KEYS = Object.keys(FITTED_BOUNDS) as FittedKey[];

/** A family needs this many rows from other sources to be refitted without one source. */
export const MIN_ROWS_TO_FIT = 10;

function objective(results: readonly ValidationResult[], expected: number): number {
  if (results.length === 0) return Number.POSITIVE_INFINITY;
  const s = summary(results.map((r) => r.ape));
  // Rows that stop fitting their layout count as total misses.
  const missing = Math.max(0, expected - results.length);
  return s.medianApe + (s.mape * s.n + missing) / (s.n + missing) / 2;
}

/** Two significant figures: the stored constants are rounded like this. */
export function round2(x: number): number {
  return Number(x.toPrecision(2));
}

/**
 * Fits the constants of one family to `rows` (all of that family), starting from the
 * family-independent defaults. Deterministic; a few hundred predictions of the rows.
 */
export function fitFamily(family: string, rows: readonly PreparedRow[]): Constants {
  const first = rows[0];
  if (!first) return {};
  // Start from the defaults; the family's other constants (memory, TP units) stay as stored.
  const start = calibrationFor({ id: "", family: "" });
  const c: Record<FittedKey, number> = Object.fromEntries(KEYS.map((k) => [k, start[k]])) as Record<
    FittedKey,
    number
  >;
  const expected = rows.reduce(
    (n, p) => n + Object.values(p.measured).filter((v) => v !== undefined).length,
    0,
  );
  const score = (x: Record<FittedKey, number>) =>
    objective(predictRows(rows, { [family]: x }).results, expected);
  let best = score(c);
  for (const step of [0.4, 0.2, 0.1, 0.05, 0.025]) {
    for (let sweep = 0; sweep < 2; sweep++) {
      let moved = false;
      for (const k of KEYS) {
        const [lo, hi] = FITTED_BOUNDS[k];
        for (const dir of [1, -1]) {
          // Keep stepping while it helps.
          for (;;) {
            const v = Math.min(hi, Math.max(lo, c[k] * Math.exp(dir * step)));
            if (v === c[k]) break;
            const trial = { ...c, [k]: v };
            const s = score(trial);
            if (s < best - 1e-9) {
              best = s;
              c[k] = v;
              moved = true;
            } else break;
          }
        }
      }
      if (!moved) break;
    }
  }
  return Object.fromEntries(KEYS.map((k) => [k, round2(c[k])])) as Constants;
}

/** Fits every family that has rows. */
export function fitCalibration(prepared: readonly PreparedRow[]): Record<string, Constants> {
  const byFamily = new Map<string, PreparedRow[]>();
  for (const p of prepared) byFamily.set(p.family, [...(byFamily.get(p.family) ?? []), p]);
  const out: Record<string, Constants> = {};
  for (const [f, rows] of [...byFamily].sort(([a], [b]) => a.localeCompare(b))) out[f] = fitFamily(f, rows);
  return out;
}

/** One source scored with constants fitted without it. */
export interface SourceFold {
  source: string;
  /** Families the source's rows belong to. */
  families: string[];
  /** Families left with too few rows from other sources to refit: scored with the defaults. */
  notRefitted: string[];
  /** Errors with the stored (in-sample) constants. */
  inSample: { throughput: ErrorSummary; latency: ErrorSummary };
  /** Errors with constants refitted without this source. */
  crossValidated: { throughput: ErrorSummary; latency: ErrorSummary };
}

/** Leave-one-source-out cross-validation of the serving constants. */
export interface CrossValidation {
  /** All rows scored out of sample (families that could not be refitted excluded). */
  throughput: ErrorSummary;
  latency: ErrorSummary;
  /** The same rows scored with the stored constants, for comparison. */
  inSample: { throughput: ErrorSummary; latency: ErrorSummary };
  /** Per calibration family: out-of-sample and in-sample errors, and how many sources it has. */
  byFamily: {
    family: string;
    sources: number;
    throughput: ErrorSummary;
    latency: ErrorSummary;
    inSample: { throughput: ErrorSummary; latency: ErrorSummary };
  }[];
  bySource: SourceFold[];
  /**
   * Families that cannot be cross-validated (fully): one source only, or fewer than
   * MIN_ROWS_TO_FIT rows left when one of their sources is held out.
   */
  singleSource: string[];
  results: ValidationResult[];
}

const split = (rs: readonly ValidationResult[]) => ({
  throughput: summary(rs.filter((r) => r.metric === "throughput").map((r) => r.ape)),
  latency: summary(rs.filter((r) => r.metric !== "throughput").map((r) => r.ape)),
});

/**
 * Leave-one-source-out: for each source, every family it touches is refitted on the other
 * sources' rows of that family (when at least MIN_ROWS_TO_FIT remain), and the source's rows are
 * predicted with those constants. Rows of families that cannot be refitted are reported apart.
 */
export function crossValidateServing(rows: readonly ValidationRow[], cat: Catalog): CrossValidation {
  const { prepared } = prepareRows(rows, cat);
  const sources = [...new Set(prepared.map((p) => p.sourceKey))].sort();
  const familySources = new Map<string, Set<string>>();
  for (const p of prepared) {
    const set = familySources.get(p.family) ?? new Set<string>();
    set.add(p.sourceKey);
    familySources.set(p.family, set);
  }
  const cvResults: ValidationResult[] = [];
  const inResults: ValidationResult[] = [];
  const folds: SourceFold[] = [];
  const resultFamily = new Map<ValidationResult, string>();
  for (const source of sources) {
    const held = prepared.filter((p) => p.sourceKey === source);
    const families = [...new Set(held.map((p) => p.family))].sort();
    const override: Record<string, Constants> = {};
    const notRefitted: string[] = [];
    for (const f of families) {
      const train = prepared.filter((p) => p.family === f && p.sourceKey !== source);
      if (train.length < MIN_ROWS_TO_FIT) notRefitted.push(f);
      else override[f] = fitFamily(f, train);
    }
    const refitted = held.filter((p) => !notRefitted.includes(p.family));
    const cv = predictRows(refitted, override).results;
    const ins = predictRows(refitted).results;
    const fam = new Map(held.map((p) => [p.id, p.family]));
    for (const r of [...cv, ...ins]) resultFamily.set(r, fam.get(r.id) ?? "?");
    cvResults.push(...cv);
    inResults.push(...ins);
    folds.push({ source, families, notRefitted, inSample: split(ins), crossValidated: split(cv) });
  }
  const families = [...familySources.keys()].sort();
  const byFamily = families
    .map((family) => ({
      family,
      sources: familySources.get(family)?.size ?? 0,
      ...split(cvResults.filter((r) => resultFamily.get(r) === family)),
      inSample: split(inResults.filter((r) => resultFamily.get(r) === family)),
    }))
    .filter((f) => f.throughput.n + f.latency.n > 0);
  return {
    ...split(cvResults),
    inSample: split(inResults),
    byFamily,
    bySource: folds,
    singleSource: families.filter(
      (f) => (familySources.get(f)?.size ?? 0) < 2 || folds.some((x) => x.notRefitted.includes(f)),
    ),
    results: cvResults,
  };
}
