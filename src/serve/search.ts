/**
 * Search and curves over the steady-state model: the throughput-latency curve over batch sizes,
 * the best layout (TP, PP, EP, replicas) and batch under TTFT/TPOT targets, the Pareto front of
 * cost per token against latency, and the same across several systems.
 */
import type { SystemSpec } from "../catalog/catalog.js";
import {
  chooseLayout,
  estimateServing,
  evaluate,
  type ServingEstimate,
  setupFor,
  smallestFittingTp,
} from "./estimate.js";
import { checkLayout, type Resolved, resolveOptions, type ServingOptions } from "./options.js";
import { type Layout, maxBatchFor } from "./setup.js";

/** One point of a curve or search. */
export interface ServingPoint {
  layout: Layout & { replicas: number };
  batch: number;
  ttftS: number;
  tpotS: number;
  e2eS: number;
  outputTokensPerSPerChip: number;
  outputTokensPerS: number;
  /** US$ per million output tokens (undefined without a price). */
  usdPerMillionOutput?: number;
  bound: ServingEstimate["bound"];
  /** Whether the point meets the targets. */
  meets: boolean;
}

function toPoint(e: ServingEstimate, o: ServingOptions): ServingPoint {
  const t = o.targets;
  const meets =
    (t?.ttftS === undefined || e.ttftS <= t.ttftS) && (t?.tpotS === undefined || e.tpotS <= t.tpotS);
  return {
    layout: { tp: e.layout.tp, pp: e.layout.pp, ep: e.layout.ep, replicas: e.layout.replicas },
    batch: e.batch,
    ttftS: e.ttftS,
    tpotS: e.tpotS,
    e2eS: e.e2eS,
    outputTokensPerSPerChip: e.throughput.outputTokensPerSPerChip,
    outputTokensPerS: e.throughput.outputTokensPerS,
    usdPerMillionOutput: e.cost?.usdPerMillionOutput,
    bound: e.bound,
    meets,
  };
}

/** Batch sizes 1, 2, 4, ... up to `max`, and `max` itself. */
export function batchSizes(max: number): number[] {
  const out: number[] = [];
  for (let b = 1; b < max; b *= 2) out.push(b);
  if (max >= 1) out.push(max);
  return out;
}

/**
 * The throughput-latency curve of one layout (the options' layout, or the smallest TP that
 * fits) over batch sizes from 1 to the largest that fits.
 */
export function servingCurve(o: ServingOptions): ServingPoint[] {
  const r = resolveOptions(o);
  const layout = chooseLayout(o, r);
  const s = setupFor(o, r, layout);
  const max = maxBatchFor(s, r.input + r.output);
  return batchSizes(max).map((b) => toPoint(evaluate(o, r, s, b, max, "given"), o));
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** Layouts to try on `chips`: TP and PP dividing the chips, EP for MoE models. */
export function candidateLayouts(o: ServingOptions, r: Resolved): Layout[] {
  const out: Layout[] = [];
  const fixed = o.layout ?? {};
  const minTp = smallestFittingTp(o, r) ?? 1;
  for (const tp of fixed.tp !== undefined ? [fixed.tp] : divisors(r.chips)) {
    for (const pp of fixed.pp !== undefined ? [fixed.pp] : divisors(r.chips / tp).filter((p) => p <= 8)) {
      if (r.chips % (tp * pp) !== 0 || tp * pp < Math.min(minTp, r.chips) / 2) continue;
      if (pp > 1 && tp * pp <= minTp / 2) continue;
      const eps =
        fixed.ep !== undefined
          ? [fixed.ep]
          : o.model.moe
            ? [1, tp].filter((e, i, a) => a.indexOf(e) === i)
            : [1];
      for (const ep of eps) {
        if (ep > 1 && (tp % ep !== 0 || (o.model.moe?.experts ?? 0) % ep !== 0)) continue;
        out.push({ tp, pp, ep });
      }
    }
  }
  return out;
}

/** The result of a search. */
export interface ServingSearch {
  /** The cheapest configuration (highest output tokens/s per chip) meeting the targets. */
  best?: ServingEstimate;
  /** When no configuration meets the targets: the one closest to them. */
  closest?: ServingEstimate;
  /** Which target no configuration meets ("TTFT 2 s", ...). */
  unmet: string[];
  /** Cost (or chips per throughput) against TPOT: the configurations no other beats on both. */
  pareto: ServingPoint[];
  /** Every configuration evaluated. */
  evaluated: number;
  notes: string[];
}

/**
 * The best layout and batch on the options' chips under the targets: highest output tokens/s
 * per chip (lowest cost per token) among configurations whose TTFT and TPOT meet them. The
 * steady-state TTFT and TPOT are means; `percentile` p90/p99 targets are checked against them
 * as given (run `simulateServing` for tails).
 */
export function searchServing(o: ServingOptions): ServingSearch {
  const r = resolveOptions(o);
  const t = o.targets ?? {};
  let best: ServingEstimate | undefined;
  let closest: ServingEstimate | undefined;
  let closestMiss = Number.POSITIVE_INFINITY;
  const points: ServingPoint[] = [];
  let evaluated = 0;
  let anyFits = false;
  for (const layout of candidateLayouts(o, r)) {
    checkLayout(o, r.chips, layout);
    const s = setupFor(o, r, layout);
    const max = maxBatchFor(s, r.input + r.output);
    if (max < 1) continue;
    anyFits = true;
    for (const b of batchSizes(max)) {
      const e = evaluate(o, r, s, b, max, "given");
      evaluated++;
      const p = toPoint(e, o);
      points.push(p);
      if (p.meets) {
        if (!best || e.throughput.outputTokensPerSPerChip > best.throughput.outputTokensPerSPerChip) best = e;
      } else {
        const miss = Math.max(t.ttftS ? e.ttftS / t.ttftS : 0, t.tpotS ? e.tpotS / t.tpotS : 0);
        if (miss < closestMiss) {
          closestMiss = miss;
          closest = e;
        }
      }
    }
  }
  if (!anyFits) {
    // Let estimateServing explain (weights do not fit, with the smallest TP that would).
    estimateServing({
      ...o,
      batch: undefined,
      concurrency: undefined,
      rate: undefined,
      layout: { tp: r.chips, pp: 1, ep: 1 },
    });
  }
  const unmet: string[] = [];
  if (!best && closest) {
    if (t.ttftS !== undefined && !points.some((p) => p.ttftS <= t.ttftS!)) unmet.push(`TTFT ${t.ttftS} s`);
    if (t.tpotS !== undefined && !points.some((p) => p.tpotS <= t.tpotS!)) unmet.push(`TPOT ${t.tpotS} s`);
    if (unmet.length === 0) unmet.push("TTFT and TPOT together");
  }
  // Pareto front: lower cost (or higher throughput per chip) and lower TPOT.
  const key = (p: ServingPoint) => p.usdPerMillionOutput ?? 1 / p.outputTokensPerSPerChip;
  const sorted = [...points].sort((a, b) => a.tpotS - b.tpotS || key(a) - key(b));
  const pareto: ServingPoint[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  for (const p of sorted) {
    if (key(p) < bestCost) {
      pareto.push(p);
      bestCost = key(p);
    }
  }
  const notes: string[] = [];
  if (t.percentile && t.percentile !== "p50" && (t.ttftS !== undefined || t.tpotS !== undefined)) {
    notes.push(
      `the ${t.percentile} targets are checked against steady-state means, which understate tails: check the best configuration with simulateServing (--simulate)`,
    );
  }
  return { best, closest: best ? undefined : closest, unmet, pareto, evaluated, notes };
}

/** One system's answer in a comparison. */
export interface ServingComparison {
  system: string;
  chip: string;
  chips: number;
  search?: ServingSearch;
  /** Why the system cannot serve the workload (the model does not fit, ...). */
  error?: string;
}

/**
 * Compares systems on one workload: for each, the best configuration under the targets on its
 * chips (the options' `chips`, else one node of each system).
 */
export function compareServing(o: ServingOptions, systems: readonly SystemSpec[]): ServingComparison[] {
  return systems.map((system) => {
    const chips = o.chips ?? system.chipsPerNode;
    try {
      return {
        system: system.id,
        chip: system.chip.id,
        chips,
        search: searchServing({ ...o, system, chips, layout: undefined }),
      };
    } catch (e) {
      if (e instanceof Error && e.name === "InputError") {
        const err = e as Error & { hint?: string };
        return {
          system: system.id,
          chip: system.chip.id,
          chips,
          error: `${err.message}${err.hint ? ` (${err.hint})` : ""}`,
        };
      }
      throw e;
    }
  });
}
