/**
 * One-at-a-time sensitivity (a tornado): every uncertain input is set to its low and then its
 * high bound with all others at their nominal values; inputs are ranked by how far each swings
 * an output. Costs 1 + 2 x (number of uncertain inputs) evaluations.
 */
import { InputError } from "../errors.js";
import type { Evaluate } from "./monte-carlo.js";
import { bounds, nominal, type Uncertain } from "./value.js";

/** How one input moves one output. */
export interface SensitivityRow {
  input: string;
  /** The input's low and high bounds (`bounds()`: the range, or p5 and p95 of a distribution). */
  low: number;
  high: number;
  /** The output with this input at its low / high bound and every other input at nominal. */
  outputAtLow: number;
  outputAtHigh: number;
  /**
   * Width of the range the output spans over the input's low, nominal and high values
   * (|outputAtHigh - outputAtLow| when the output is monotonic in the input). 0 when an output
   * value is not finite (see `nonFinite`).
   */
  swing: number;
  /** Set when the output was NaN or infinite at a bound; such rows rank first, to be seen. */
  nonFinite?: boolean;
}

/** The tornado of one output: its nominal value and the inputs ranked by swing, largest first. */
export interface Tornado {
  output: string;
  /** The output with every input at nominal. */
  base: number;
  rows: SensitivityRow[];
}

export interface SensitivityOptions {
  inputs: Record<string, Uncertain>;
  evaluate: Evaluate;
  /** The output to rank inputs for. */
  output?: string;
  /** Several outputs (joined with `output`); by default every output of the evaluation. */
  outputs?: string[];
  /** Keep inputs whose bounds coincide (points), with a swing of 0 (default false). */
  includeFixed?: boolean;
}

/**
 * One-at-a-time sensitivity of outputs to inputs: returns one tornado per output, its rows
 * ranked by swing (largest first; ties keep the inputs' order). An unknown output name is an
 * InputError naming the outputs there are.
 */
export function sensitivity(opts: SensitivityOptions): Tornado[] {
  const { inputs, evaluate } = opts;
  const names = Object.keys(inputs);
  const nominalValues: Record<string, number> = {};
  for (const n of names) nominalValues[n] = nominal(inputs[n]!);
  const base = evaluate({ ...nominalValues });
  const wanted = [...(opts.output !== undefined ? [opts.output] : []), ...(opts.outputs ?? [])];
  const outputs = wanted.length > 0 ? [...new Set(wanted)] : Object.keys(base);
  for (const o of outputs) {
    if (!(o in base)) {
      const known = Object.keys(base);
      const shown = known.slice(0, 12).join(", ") + (known.length > 12 ? ", ..." : "");
      throw new InputError(`unknown output "${o}"`, { location: "--sensitivity", hint: `one of: ${shown}` });
    }
  }
  const tornadoes: Tornado[] = outputs.map((o) => ({ output: o, base: base[o]!, rows: [] }));
  for (const n of names) {
    const [low, high] = bounds(inputs[n]!);
    if (low === high && !opts.includeFixed) continue;
    const atLow = evaluate({ ...nominalValues, [n]: low });
    const atHigh = evaluate({ ...nominalValues, [n]: high });
    for (const t of tornadoes) {
      const lo = atLow[t.output] ?? Number.NaN;
      const hi = atHigh[t.output] ?? Number.NaN;
      const row: SensitivityRow = { input: n, low, high, outputAtLow: lo, outputAtHigh: hi, swing: 0 };
      if (Number.isFinite(lo) && Number.isFinite(hi) && Number.isFinite(t.base))
        row.swing = Math.max(lo, hi, t.base) - Math.min(lo, hi, t.base);
      else row.nonFinite = true;
      t.rows.push(row);
    }
  }
  for (const t of tornadoes)
    t.rows.sort((a, b) => Number(!!b.nonFinite) - Number(!!a.nonFinite) || b.swing - a.swing);
  return tornadoes;
}
