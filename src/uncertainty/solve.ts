/**
 * Solve: the input value that makes an output hit a target, through any evaluation. The search
 * scans the range for a crossing (so it works for outputs that are not monotone in the input),
 * then bisects it, geometrically when the range spans orders of magnitude.
 */
import { InputError } from "../errors.js";

/** One evaluation the search made. */
export interface SolveStep {
  x: number;
  y: number;
}

/** The answer of `solveFor`. */
export interface SolveResult {
  /** The input value found. */
  x: number;
  /** The output at it. */
  y: number;
  target: number;
  /** The range searched and the output at its ends. */
  range: [low: number, high: number];
  /** Evaluations in order (the scan, then the bisection). */
  steps: SolveStep[];
  /** The narrowest pair of evaluations found on either side of the target. */
  bracket: [SolveStep, SolveStep];
  /** Whether the output changes with the input near the answer in the direction asked (rising or falling). */
  rising: boolean;
}

/** Options of `solveFor`. */
export interface SolveOptions {
  /** Relative tolerance on the input (default 1e-7). */
  tolerance?: number;
  /** Points of the first scan (default 16). */
  scan?: number;
  /** Whole numbers only (a chip count). */
  integer?: boolean;
  /** Where errors point (default "target"), and how to print values in them. */
  location?: string;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Names for errors ("deal.pricePerGwYear", "deal.providerMargin"). */
  input?: string;
  output?: string;
}

const finite = (s: SolveStep) => Number.isFinite(s.y);

/**
 * The `x` in [low, high] where `f(x) = target`. `f` may return NaN where the input is not valid (no
 * strategy fits, say); such points are skipped. Throws an InputError naming the range explored and
 * the closest value when no input in the range reaches the target.
 */
export function solveFor(
  f: (x: number) => number,
  target: number,
  low: number,
  high: number,
  opts: SolveOptions = {},
): SolveResult {
  const location = opts.location ?? "target";
  const fx = opts.formatX ?? ((x: number) => x.toPrecision(4));
  const fy = opts.formatY ?? ((y: number) => y.toPrecision(4));
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high))
    throw new InputError(`the range to search, ${fx(low)} to ${fx(high)}, is empty`, {
      location,
      hint: "give a low below the high",
    });
  const geometric = low > 0 && high / low > 100;
  const round = (x: number) => (opts.integer ? Math.max(Math.round(x), Math.ceil(low)) : x);
  const steps: SolveStep[] = [];
  const at = (x: number): SolveStep => {
    const s = { x: round(x), y: f(round(x)) };
    steps.push(s);
    return s;
  };
  const n = Math.max(2, opts.scan ?? 16);
  const points: SolveStep[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    points.push(at(geometric ? low * (high / low) ** t : low + (high - low) * t));
  }
  const ok = points.filter(finite);
  if (ok.length === 0)
    throw new InputError(
      `${opts.output ?? "the output"} could not be computed anywhere in ${fx(low)} to ${fx(high)}`,
      {
        location,
        hint: `try another range for ${opts.input ?? "the input"}`,
      },
    );
  // The first crossing of the target between neighbouring points.
  let bracket: [SolveStep, SolveStep] | undefined;
  for (let i = 1; i < ok.length && !bracket; i++) {
    const a = ok[i - 1]!;
    const b = ok[i]!;
    if ((a.y - target) * (b.y - target) <= 0) bracket = [a, b];
  }
  if (!bracket) {
    const closest = ok.reduce((best, s) => (Math.abs(s.y - target) < Math.abs(best.y - target) ? s : best));
    const ys = ok.map((s) => s.y);
    throw new InputError(
      `no ${opts.input ?? "input"} from ${fx(low)} to ${fx(high)} gives ${opts.output ?? "the output"} = ${fy(target)}: it ranges from ${fy(Math.min(...ys))} to ${fy(Math.max(...ys))} there; the closest is ${fy(closest.y)} at ${fx(closest.x)}`,
      { location, hint: "widen the range (between) or aim at a target inside it" },
    );
  }
  let [a, b] = bracket;
  const tol = opts.tolerance ?? 1e-7;
  for (let i = 0; i < 200; i++) {
    if (a.y === target) return done(a);
    if (b.y === target) return done(b);
    const width = Math.abs(b.x - a.x);
    if (width <= tol * Math.max(Math.abs(a.x), Math.abs(b.x), 1e-300) || (opts.integer && width <= 1)) break;
    const mid = geometric && a.x > 0 ? Math.sqrt(a.x * b.x) : (a.x + b.x) / 2;
    let m = at(mid);
    // Step around an invalid point rather than give up.
    for (let k = 1; !finite(m) && k <= 8; k++)
      m = at(mid + ((k % 2 ? 1 : -1) * Math.ceil(k / 2) * width) / 20);
    if (!finite(m)) break;
    if ((a.y - target) * (m.y - target) <= 0) b = m;
    else a = m;
  }
  return done(Math.abs(a.y - target) <= Math.abs(b.y - target) ? a : b);

  function done(s: SolveStep): SolveResult {
    const [lo, hi] = bracket!;
    const ends: [SolveStep, SolveStep] = a.x <= b.x ? [a, b] : [b, a];
    return { x: s.x, y: s.y, target, range: [low, high], steps, rising: hi.y >= lo.y, bracket: ends };
  }
}
