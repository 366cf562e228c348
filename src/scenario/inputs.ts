/**
 * The uncertain inputs of a scenario: found by walking the parsed scenario, and substituted by
 * sampled values for one Monte Carlo draw.
 */
import { type CaseInput, splitCases } from "../uncertainty/cases.js";
import { nominal, type Uncertain } from "../uncertainty/value.js";
import type { Scenario } from "./schema.js";

const TYPES = new Set(["point", "uniform", "triangular", "normal", "lognormal", "choice"]);

/** Whether a parsed value is an uncertain quantity. */
export function isUncertain(v: unknown): v is Uncertain {
  return !!v && typeof v === "object" && TYPES.has((v as { type?: string }).type ?? "");
}

/**
 * Distributions that describe a workload (request lengths vary from request to request), not
 * uncertainty about an input: the serving planner takes them whole.
 */
const WORKLOAD = new Set(["serving.input", "serving.output"]);

/** Every uncertain input that is not a plain point, by its path ("capacity.power", "capacity.mix.0.share"). */
export function uncertainInputs(scenario: Scenario): Record<string, Uncertain> {
  const out: Record<string, Uncertain> = {};
  const walk = (v: unknown, path: string) => {
    if (isUncertain(v)) {
      if (v.type !== "point" && !WORKLOAD.has(path)) out[path] = v;
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}.${i}`);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) if (k !== "claims") walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(scenario, "");
  return out;
}

/**
 * The uncertain inputs split as a run reads them: those the Monte Carlo samples, and conflicting
 * sourced values with far-apart readings, read as cases (held at their first reading in the
 * Monte Carlo, each reading evaluated on its own; see uncertainty/cases.ts).
 */
export function scenarioInputs(scenario: Scenario): {
  sampled: Record<string, Uncertain>;
  cases: Record<string, CaseInput>;
} {
  return splitCases(uncertainInputs(scenario));
}

/**
 * A copy of the scenario with the inputs at `values`' paths fixed to those values. Only the
 * objects on those paths are copied (a Monte Carlo calls this once per sample).
 */
export function withValues(scenario: Scenario, values: Record<string, number>): Scenario {
  const copied = new Set<object>();
  const copy = (o: object): Record<string, unknown> => {
    const c = (Array.isArray(o) ? [...o] : { ...o }) as Record<string, unknown>;
    copied.add(c);
    return c;
  };
  const root = copy(scenario);
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split(".");
    let node = root;
    for (const k of keys.slice(0, -1)) {
      let child = node[k] as Record<string, unknown>;
      if (!copied.has(child)) {
        child = copy(child);
        node[k] = child;
      }
      node = child;
    }
    node[keys.at(-1)!] = { type: "point", value } satisfies Uncertain;
  }
  return root as unknown as Scenario;
}

/** The value of an uncertain input without sampling (undefined stays undefined). */
export function value(u: Uncertain): number;
export function value(u: Uncertain | undefined): number | undefined;
export function value(u: Uncertain | undefined): number | undefined {
  return u === undefined ? undefined : nominal(u);
}
