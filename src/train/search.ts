/**
 * Exhaustive search over TP, PP, virtual stages, CP, DP, EP, micro-batch, ZeRO stage and
 * recompute mode. Divisors only; memory is checked before timing; the inner loop allocates
 * nothing. A search can run on a slice of the space (`slice`), so that a driver can spread it
 * over cores (worker threads, web workers) and merge the slices deterministically.
 */
import { memoryPerChip, RC_FULL, RC_NONE, RC_PARTIAL, RC_SELECTIVE, stepTime } from "./evaluate.js";
import type { Problem } from "./problem.js";
import { cpValid, divisors, epValid, type PipelineSplit, ppValid, tpValid } from "./space.js";
import type { RecomputeMode, Strategy, ZeroStage } from "./types.js";

const RC_NAMES: RecomputeMode[] = ["none", "selective", "full", "partial"];
const RC_CODE: Record<RecomputeMode, number> = {
  none: RC_NONE,
  selective: RC_SELECTIVE,
  full: RC_FULL,
  partial: RC_PARTIAL,
};

/** Fields per stored candidate: tp pp vp dp cp ep mb zero rc. */
const F = 9;

/** A candidate found by a (slice of a) search, in plain data (it crosses worker boundaries). */
export interface Found {
  strategy: Strategy;
  stepS: number;
  memoryBytes: number;
  headroomBytes: number;
}

/** The raw answer of a slice: top candidates, the Pareto front, counts. */
export interface SliceResult {
  top: Found[];
  pareto: Found[];
  evaluated: number;
  prunedMemory: number;
}

export interface SliceOptions {
  /** Strategy fields held fixed. */
  fixed?: Partial<Strategy>;
  /** How many of the best to keep (default 5). */
  top?: number;
  /** Evaluate only the (tp, pp, cp) groups with `group % count === index`. */
  slice?: { index: number; count: number };
  /** How pipeline stages may split the layers (default "embedding"). */
  pipelineSplit?: PipelineSplit;
  /** Evaluate memory only (used to find the smallest chip count that fits). */
  memoryOnly?: boolean;
}

function toStrategy(a: Int32Array, i: number): Strategy {
  const o = i * F;
  return {
    tp: a[o]!,
    pp: a[o + 1]!,
    vp: a[o + 2]!,
    dp: a[o + 3]!,
    cp: a[o + 4]!,
    ep: a[o + 5]!,
    microBatch: a[o + 6]!,
    zero: a[o + 7]! as ZeroStage,
    recompute: RC_NAMES[a[o + 8]!]!,
  };
}

/** Deterministic order of strategies with equal step time. */
export function strategyKey(s: Strategy): string {
  const z = (n: number) => String(n).padStart(6, "0");
  return [s.tp, s.pp, s.vp, s.dp, s.cp, s.ep, s.microBatch, s.zero, RC_CODE[s.recompute]].map(z).join(".");
}

/** Orders found candidates: faster first, then by strategy key. */
export function compareFound(a: Found, b: Found): number {
  if (a.stepS !== b.stepS) return a.stepS - b.stepS;
  const ka = strategyKey(a.strategy);
  const kb = strategyKey(b.strategy);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Keeps the candidates no other beats on both step time and headroom, fastest first. */
export function paretoFront(points: Found[]): Found[] {
  const sorted = [...points].sort((a, b) => compareFound(a, b) || b.headroomBytes - a.headroomBytes);
  const out: Found[] = [];
  let best = -Infinity;
  for (const f of sorted) {
    if (f.headroomBytes > best) {
      out.push(f);
      best = f.headroomBytes;
    }
  }
  return out;
}

function vpChoices(layers: number): number[] {
  const set = new Set([...divisors(layers), ...divisors(layers + 2)]);
  return [...set].sort((a, b) => a - b);
}

/** Searches a slice of the space of a prepared problem. */
export function searchSlice(p: Problem, opts: SliceOptions = {}): SliceResult {
  const fixed = opts.fixed ?? {};
  const topN = Math.max(1, opts.top ?? 5);
  const uneven = opts.pipelineSplit ?? "embedding";
  const sliceIndex = opts.slice?.index ?? 0;
  const sliceCount = opts.slice?.count ?? 1;
  const capacity = p.hbmBytes;
  const N = p.chips;
  const B = p.batchSeqs;

  const topStep = new Float64Array(topN).fill(Infinity);
  const topMem = new Float64Array(topN);
  const topFields = new Int32Array(topN * F);
  let topCount = 0;
  // Pareto front kept incrementally (small): step time vs headroom.
  let frontStep = new Float64Array(64);
  let frontHead = new Float64Array(64);
  let frontFields = new Int32Array(64 * F);
  let frontCount = 0;
  let evaluated = 0;
  let prunedMemory = 0;

  const zeros = fixed.zero !== undefined ? [fixed.zero] : [0, 1, 2, 3];
  const rcs =
    fixed.recompute !== undefined ? [RC_CODE[fixed.recompute]] : [RC_NONE, RC_SELECTIVE, RC_PARTIAL, RC_FULL];
  const nz = zeros.length;
  const nrc = rcs.length;
  let group = -1;

  for (const tp of divisors(N)) {
    if (fixed.tp !== undefined && tp !== fixed.tp) continue;
    if (!tpValid(p, tp)) continue;
    for (const pp of divisors(N / tp)) {
      if (fixed.pp !== undefined && pp !== fixed.pp) continue;
      if (!ppValid(p, pp, 1, uneven)) continue;
      for (const cp of divisors(N / tp / pp)) {
        if (fixed.cp !== undefined && cp !== fixed.cp) continue;
        if (!cpValid(p, cp)) continue;
        const dp = N / tp / pp / cp;
        if (fixed.dp !== undefined && dp !== fixed.dp) continue;
        if (B % dp !== 0) continue;
        group++;
        if (group % sliceCount !== sliceIndex) continue;
        const local = B / dp;
        const mbs = divisors(local);
        // A fixed vp is taken as given when it splits the layers (an uneven "any" split can use
        // a vp that divides neither the layers nor layers + 2).
        const vps =
          pp === 1
            ? [1]
            : fixed.vp !== undefined
              ? ppValid(p, pp, fixed.vp, uneven)
                ? [fixed.vp]
                : []
              : vpChoices(p.layers).filter((v) => ppValid(p, pp, v, uneven));
        const eps = p.moeLayers > 0 ? divisors(p.experts).filter((e) => epValid(p, e, tp, cp, dp)) : [1];
        for (const ep of eps) {
          if (fixed.ep !== undefined && ep !== fixed.ep) continue;
          for (const vp of vps) {
            if (fixed.vp !== undefined && vp !== fixed.vp) continue;
            for (const mb of mbs) {
              if (fixed.microBatch !== undefined && mb !== fixed.microBatch) continue;
              const m = local / mb;
              // Interleaving needs enough micro-batches to fill the virtual stages.
              if (vp > 1 && m < pp) continue;
              for (let zi = 0; zi < nz; zi++) {
                const zero = zeros[zi]!;
                if (zero > 0 && dp * cp === 1) {
                  // Nothing to shard over: ZeRO stages equal stage 0.
                  continue;
                }
                for (let ri = 0; ri < nrc; ri++) {
                  const rc = rcs[ri]!;
                  const mem = memoryPerChip(p, tp, pp, vp, dp, cp, ep, mb, zero, rc);
                  if (mem > capacity) {
                    prunedMemory++;
                    continue;
                  }
                  evaluated++;
                  if (opts.memoryOnly) continue;
                  const t = stepTime(p, tp, pp, vp, dp, cp, ep, mb, zero, rc);
                  const head = capacity - mem;
                  // Top N by step time (ties keep enumeration order, merged by key later).
                  if (t < topStep[topN - 1]!) {
                    let i = topCount < topN ? topCount++ : topN - 1;
                    while (i > 0 && topStep[i - 1]! > t) {
                      topStep[i] = topStep[i - 1]!;
                      topMem[i] = topMem[i - 1]!;
                      topFields.copyWithin(i * F, (i - 1) * F, i * F);
                      i--;
                    }
                    topStep[i] = t;
                    topMem[i] = mem;
                    const o = i * F;
                    topFields[o] = tp;
                    topFields[o + 1] = pp;
                    topFields[o + 2] = vp;
                    topFields[o + 3] = dp;
                    topFields[o + 4] = cp;
                    topFields[o + 5] = ep;
                    topFields[o + 6] = mb;
                    topFields[o + 7] = zero;
                    topFields[o + 8] = rc;
                  }
                  // Pareto: drop if some front point is at least as fast with at least as much headroom.
                  let dominated = false;
                  for (let j = 0; j < frontCount; j++) {
                    if (frontStep[j]! <= t && frontHead[j]! >= head) {
                      dominated = true;
                      break;
                    }
                  }
                  if (dominated) continue;
                  let w = 0;
                  for (let j = 0; j < frontCount; j++) {
                    if (!(t <= frontStep[j]! && head >= frontHead[j]!)) {
                      if (w !== j) {
                        frontStep[w] = frontStep[j]!;
                        frontHead[w] = frontHead[j]!;
                        frontFields.copyWithin(w * F, j * F, j * F + F);
                      }
                      w++;
                    }
                  }
                  frontCount = w;
                  if (frontCount === frontStep.length) {
                    const grow = (a: Float64Array) => {
                      const b = new Float64Array(a.length * 2);
                      b.set(a);
                      return b;
                    };
                    frontStep = grow(frontStep);
                    frontHead = grow(frontHead);
                    const nf = new Int32Array(frontFields.length * 2);
                    nf.set(frontFields);
                    frontFields = nf;
                  }
                  frontStep[frontCount] = t;
                  frontHead[frontCount] = head;
                  const o = frontCount * F;
                  frontFields[o] = tp;
                  frontFields[o + 1] = pp;
                  frontFields[o + 2] = vp;
                  frontFields[o + 3] = dp;
                  frontFields[o + 4] = cp;
                  frontFields[o + 5] = ep;
                  frontFields[o + 6] = mb;
                  frontFields[o + 7] = zero;
                  frontFields[o + 8] = rc;
                  frontCount++;
                }
              }
            }
          }
        }
      }
    }
  }
  const top: Found[] = [];
  for (let i = 0; i < topCount; i++)
    top.push({
      strategy: toStrategy(topFields, i),
      stepS: topStep[i]!,
      memoryBytes: topMem[i]!,
      headroomBytes: capacity - topMem[i]!,
    });
  const pareto: Found[] = [];
  for (let i = 0; i < frontCount; i++)
    pareto.push({
      strategy: toStrategy(frontFields, i),
      stepS: frontStep[i]!,
      memoryBytes: capacity - frontHead[i]!,
      headroomBytes: frontHead[i]!,
    });
  return { top: top.sort(compareFound), pareto: paretoFront(pareto), evaluated, prunedMemory };
}

/** Merges slice results into one, independent of slice order. */
export function mergeSlices(parts: SliceResult[], top = 5): SliceResult {
  const all = parts.flatMap((r) => r.top).sort(compareFound);
  return {
    top: all.slice(0, Math.max(1, top)),
    pareto: paretoFront(parts.flatMap((r) => r.pareto)),
    evaluated: parts.reduce((s, r) => s + r.evaluated, 0),
    prunedMemory: parts.reduce((s, r) => s + r.prunedMemory, 0),
  };
}
