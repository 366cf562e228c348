/**
 * Cases: conflicting sourced values whose readings lie far apart are not blended into one
 * distribution (a two-humped mix whose median falls in the gap between the humps describes no
 * source's world). The Monte Carlo holds them at their first, preferred reading, and each reading
 * is evaluated as a case of its own; readings close together stay sampled.
 */
import type { Evaluate } from "./monte-carlo.js";
import { nominal, type SourcedOption, type Uncertain } from "./value.js";

/** Readings whose largest is at least this many times the smallest (in magnitude) are cases. */
export const CASE_RATIO = 1.5;

/** A conflicting input read as cases. */
export type CaseInput = Extract<Uncertain, { type: "choice" }>;

/** Whether conflicting readings lie far enough apart to be read as cases. */
export function isCase(u: Uncertain): u is CaseInput {
  if (u.type !== "choice" || u.options.length < 2) return false;
  const vs = u.options.map((o) => Math.abs(o.value));
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const signs = new Set(u.options.map((o) => Math.sign(o.value)));
  return signs.size > 1 || (lo === 0 ? hi > 0 : hi / lo >= CASE_RATIO);
}

/** Inputs split into those a Monte Carlo samples and those read as cases. */
export function splitCases(inputs: Record<string, Uncertain>): {
  sampled: Record<string, Uncertain>;
  cases: Record<string, CaseInput>;
} {
  const sampled: Record<string, Uncertain> = {};
  const cases: Record<string, CaseInput> = {};
  for (const [name, u] of Object.entries(inputs)) {
    if (isCase(u)) cases[name] = u;
    else sampled[name] = u;
  }
  return { sampled, cases };
}

/** One reading of a case input and the outputs with it (every other input at nominal). */
export interface CaseResult {
  input: string;
  /** Index of the reading among the input's options (0: the preferred one). */
  option: number;
  reading: SourcedOption;
  outputs: Record<string, number>;
}

/**
 * Evaluates every reading of every case input, with the other `inputs` (sampled or not) at their
 * nominal values. Costs one evaluation per reading.
 */
export function evaluateCases(
  cases: Record<string, CaseInput>,
  inputs: Record<string, Uncertain>,
  evaluate: Evaluate,
): CaseResult[] {
  const nominals = Object.fromEntries(Object.entries(inputs).map(([k, u]) => [k, nominal(u)]));
  return Object.entries(cases).flatMap(([input, u]) =>
    u.options.map((reading, option) => ({
      input,
      option,
      reading,
      outputs: evaluate({ ...nominals, [input]: reading.value }),
    })),
  );
}
