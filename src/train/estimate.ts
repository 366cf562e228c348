/**
 * The training planner's public entry points: `estimateTraining` for a fixed strategy and
 * `searchTraining` for the best one, with every figure explained (breakdowns, bound, MFU/HFU
 * with the FLOP convention, time to train, chip-hours, energy, cost).
 */
import { currentPrice } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { chipPower, resolvePowerParams } from "../power/index.js";
import { LIMITS } from "../units/limits.js";
import {
  M_ACT,
  M_BUFFERS,
  M_GRADS,
  M_LOGITS,
  M_OPT,
  M_RESERVE,
  M_TOTAL,
  M_WEIGHTS,
  MEMORY_SLOTS,
  memoryPerChip,
  RC_FULL,
  RC_NONE,
  RC_PARTIAL,
  RC_SELECTIVE,
  stepTime,
  T_ATTN,
  T_BUBBLE,
  T_CP,
  T_DP,
  T_ELEM,
  T_EP,
  T_MATMUL,
  T_OPT,
  T_OVERHEAD,
  T_PP,
  T_RECOMPUTE,
  T_STEP,
  T_TP,
  TIME_SLOTS,
} from "./evaluate.js";
import { type Problem, prepare } from "./problem.js";
import { type Found, mergeSlices, type SliceOptions, type SliceResult, searchSlice } from "./search.js";
import { checkStrategy } from "./space.js";
import type {
  Bound,
  MemoryBreakdown,
  RunTotals,
  SearchResult,
  StepBreakdown,
  Strategy,
  TrainingEstimate,
  TrainingOptions,
} from "./types.js";

/** The MFU convention, stated in every estimate. */
export const FLOP_CONVENTION =
  "model FLOPs = 3 x forward (6N-style: 2 FLOP per multiply-add of every active weight, logits included) plus causal attention (score and value products at an average context of seq/2); recomputation counts only toward HFU; utilisation is relative to the dense peak of the chosen precision";

const RC: Record<Strategy["recompute"], number> = {
  none: RC_NONE,
  selective: RC_SELECTIVE,
  partial: RC_PARTIAL,
  full: RC_FULL,
};

/** A strategy from partial fields: tp, pp, vp, cp, ep 1, micro-batch 1, ZeRO 1, selective recompute, dp derived. */
export function completeStrategy(p: Problem, s: Partial<Strategy> = {}): Strategy {
  const tp = s.tp ?? 1;
  const pp = s.pp ?? 1;
  const cp = s.cp ?? 1;
  const dp = s.dp ?? p.chips / (tp * pp * cp);
  if (s.dp === undefined && !Number.isInteger(dp))
    throw new InputError(`tp x pp x cp = ${tp * pp * cp} does not divide the ${p.chips} chips`, {
      location: "strategy",
      hint: "choose degrees whose product divides the chip count",
    });
  return {
    tp,
    pp,
    vp: s.vp ?? 1,
    dp,
    cp,
    ep: s.ep ?? 1,
    microBatch: s.microBatch ?? 1,
    zero: s.zero ?? 1,
    recompute: s.recompute ?? "selective",
  };
}

function boundOf(t: StepBreakdown, p: Problem, s: Strategy): Bound {
  const compute = t.matmul + t.attention + t.recompute;
  const crossTp = s.tp > p.domain;
  const up = (crossTp ? 0 : t.tp) + t.ep + (s.cp * s.tp <= p.domain ? t.cp : 0);
  const out = t.dp + t.pp + (crossTp ? t.tp : 0) + (s.cp * s.tp > p.domain ? t.cp : 0);
  const parts: [Bound, number][] = [
    ["compute", compute],
    ["memory bandwidth", t.memoryBound + t.optimizer],
    ["scale-up network", up],
    ["scale-out network", out],
    ["pipeline bubble", t.bubble],
    ["overhead", t.overhead],
  ];
  let best = parts[0]!;
  for (const x of parts) if (x[1] > best[1]) best = x;
  return best[0];
}

function runTotals(
  opts: TrainingOptions,
  p: Problem,
  est: Omit<TrainingEstimate, "run">,
): RunTotals | undefined {
  const tokens = opts.tokens;
  if (tokens === undefined) return undefined;
  if (!(tokens > 0))
    throw new InputError(`training tokens must be above 0, got ${tokens}`, {
      location: "tokens",
      hint: "e.g. 15T",
    });
  const steps = Math.ceil(tokens / est.tokensPerStep);
  const seconds = steps * est.time.step;
  const chipHours = (seconds * p.chips) / 3600;
  const sys = p.system;
  // The one power model (src/power): the same watts per chip as capacity and deals.
  let power: { powerW: number; energyJ: number; powerNote: string } | undefined;
  if (sys.chip.tdpW !== undefined) {
    const params = resolvePowerParams(
      { pue: opts.pue, averageLoad: opts.averageLoad },
      { location: "training" },
    );
    const w = chipPower(sys.chip, params, { system: sys }).facilityW;
    power = { powerW: w.value * p.chips, energyJ: w.value * p.chips * seconds, powerNote: w.formula };
  }
  const listed = currentPrice(sys.prices);
  const price = opts.pricePerChipHour ?? listed?.usdPerChipHour;
  const priceNote =
    opts.pricePerChipHour !== undefined
      ? "given price per chip-hour"
      : listed
        ? `${sys.name} ${listed.kind} price${listed.region ? ` (${listed.region})` : ""}, ${listed.date} (the catalog's latest)`
        : "no price in the catalog; give one";
  return {
    tokens,
    steps,
    seconds,
    chipHours,
    ...power,
    usdPerChipHour: price,
    costUsd: price !== undefined ? price * chipHours : undefined,
    priceNote,
  };
}

/** The full estimate of one complete, checked strategy on a prepared problem. */
export function estimateOn(p: Problem, s: Strategy, opts: TrainingOptions): TrainingEstimate {
  const mem = new Float64Array(MEMORY_SLOTS);
  const tm = new Float64Array(TIME_SLOTS);
  const rc = RC[s.recompute];
  memoryPerChip(p, s.tp, s.pp, s.vp, s.dp, s.cp, s.ep, s.microBatch, s.zero, rc, mem);
  stepTime(p, s.tp, s.pp, s.vp, s.dp, s.cp, s.ep, s.microBatch, s.zero, rc, tm);
  const memory: MemoryBreakdown = {
    weights: mem[M_WEIGHTS]!,
    gradients: mem[M_GRADS]!,
    optimizer: mem[M_OPT]!,
    activations: mem[M_ACT]!,
    logits: mem[M_LOGITS]!,
    buffers: mem[M_BUFFERS]!,
    reserve: mem[M_RESERVE]!,
    total: mem[M_TOTAL]!,
    capacity: p.hbmBytes,
    headroom: p.hbmBytes - mem[M_TOTAL]!,
  };
  const time: StepBreakdown = {
    matmul: tm[T_MATMUL]!,
    attention: tm[T_ATTN]!,
    memoryBound: tm[T_ELEM]!,
    recompute: tm[T_RECOMPUTE]!,
    tp: tm[T_TP]!,
    cp: tm[T_CP]!,
    ep: tm[T_EP]!,
    pp: tm[T_PP]!,
    bubble: tm[T_BUBBLE]!,
    dp: tm[T_DP]!,
    optimizer: tm[T_OPT]!,
    overhead: tm[T_OVERHEAD]!,
    step: tm[T_STEP]!,
  };
  const fits = memory.total <= memory.capacity;
  let overCategory: TrainingEstimate["overCategory"];
  if (!fits) {
    const cats = [
      "weights",
      "gradients",
      "optimizer",
      "activations",
      "logits",
      "buffers",
      "reserve",
    ] as const;
    overCategory = cats.reduce((a, b) => (memory[b] > memory[a] ? b : a));
  }
  const tokensPerStep = p.batchSeqs * p.seq;
  const tokensPerSecond = tokensPerStep / time.step;
  const perChip = tokensPerSecond / p.chips;
  const hardwareFlopsPerToken =
    p.modelFlopsPerToken +
    (s.recompute === "full"
      ? p.recomputeFlopsPerToken
      : s.recompute === "partial"
        ? p.recomputeFlopsPerToken / 2
        : 0);
  const base: Omit<TrainingEstimate, "run"> = {
    strategy: s,
    fits,
    overCategory,
    memory,
    time,
    bound: boundOf(time, p, s),
    batchSeqs: p.batchSeqs,
    microBatches: p.batchSeqs / (s.dp * s.microBatch),
    tokensPerStep,
    tokensPerSecond,
    tokensPerSecondPerChip: perChip,
    modelFlopsPerToken: p.modelFlopsPerToken,
    hardwareFlopsPerToken,
    peakFlops: p.peakFlops,
    mfu: (perChip * p.modelFlopsPerToken) / p.peakFlops,
    hfu: (perChip * hardwareFlopsPerToken) / p.peakFlops,
    flopConvention: FLOP_CONVENTION,
  };
  const run = runTotals(opts, p, base);
  return run ? { ...base, run } : base;
}

/**
 * Estimates training with a fixed strategy. Fields left out of `opts.strategy` default to tp, pp,
 * vp, cp, ep 1, micro-batch 1, ZeRO 1 and selective recompute, with dp = chips / (tp pp cp).
 * An impossible strategy throws an InputError naming the field; one that does not fit returns
 * `fits: false` with the category over capacity.
 */
export function estimateTraining(opts: TrainingOptions): TrainingEstimate {
  const p = prepare(opts);
  const s = completeStrategy(p, opts.strategy);
  checkStrategy(p, s, opts.pipelineSplit ?? "embedding");
  return estimateOn(p, s, opts);
}

/** Options of `searchTraining`. */
export interface SearchOptions extends TrainingOptions {
  /** How many of the best strategies to return (default 5). */
  top?: number;
  /** Evaluate only a slice of the space (for parallel drivers); merge with `mergeSlices`. */
  slice?: SliceOptions["slice"];
}

/** Turns a merged slice result into a SearchResult with full estimates. */
export function finishSearch(p: Problem, r: SliceResult, opts: SearchOptions): SearchResult {
  const full = (f: Found) => estimateOn(p, f.strategy, opts);
  const top = r.top.map(full);
  return {
    best: top[0],
    top,
    pareto: r.pareto.map(full),
    evaluated: r.evaluated,
    prunedMemory: r.prunedMemory,
    candidates: r.evaluated + r.prunedMemory,
  };
}

/** The smallest chip count (doubling from `chips`) at which some strategy fits, or undefined. */
export function smallestFittingChips(opts: TrainingOptions): number | undefined {
  for (let n = opts.chips * 2; n <= LIMITS.chips.max; n *= 2) if (memoryScan(opts, n).evaluated > 0) return n;
  return undefined;
}

/** A memory-only search at `chips`: how many strategies are valid, and how many fit. */
function memoryScan(opts: TrainingOptions, chips: number): SliceResult {
  return searchSlice(prepare({ ...opts, chips }), {
    fixed: { ...opts.strategy, dp: undefined },
    memoryOnly: true,
    pipelineSplit: opts.pipelineSplit,
  });
}

/**
 * The error when no strategy at all splits the model and its batch over the chips (none valid,
 * before memory): a fixed field's own error when one is at fault, else the chip count, with
 * counts near it that do split.
 */
function noValidStrategy(p: Problem, opts: SearchOptions): InputError {
  const valid = (o: TrainingOptions, chips: number) => {
    const r = memoryScan(o, chips);
    return r.evaluated + r.prunedMemory > 0;
  };
  const what = `${p.model.name} and its batch of ${p.batchSeqs} sequences over ${p.chips} chips`;
  for (const [k, v] of Object.entries(opts.strategy ?? {})) {
    if (v === undefined || valid({ ...opts, strategy: { [k]: v } }, p.chips)) continue;
    return new InputError(`no strategy with ${k} ${v} splits ${what}`, {
      location: `strategy.${k}`,
      hint: `leave ${k} out to search it`,
    });
  }
  const near: number[] = [];
  for (
    let n = 2 ** Math.floor(Math.log2(Math.max(1, p.chips / 4)));
    n <= Math.min(p.chips * 4, LIMITS.chips.max);
    n *= 2
  )
    if (n !== p.chips && valid(opts, n)) near.push(n);
  const fixed = opts.strategy && Object.keys(opts.strategy).length > 0;
  return new InputError(`no strategy splits ${what}${fixed ? " with the fixed fields" : ""}`, {
    location: "chips",
    hint: `tp x pp x cp x dp must equal the chip count, with dp dividing the ${p.batchSeqs} sequences${near.length ? `; counts that split: ${near.join(", ")}` : ""}`,
  });
}

/**
 * Searches the parallel strategies exhaustively (the fields of `opts.strategy` held fixed) and
 * returns the best, the top N and the Pareto front of step time against memory headroom. When
 * nothing fits, throws an InputError with the smallest chip count that would fit. Deterministic.
 */
export function searchTraining(opts: SearchOptions): SearchResult {
  const p = prepare(opts);
  const r = searchSlice(p, {
    fixed: opts.strategy,
    top: opts.top,
    slice: opts.slice,
    pipelineSplit: opts.pipelineSplit,
  });
  if (!opts.slice) return finishOrFail(p, mergeSlices([r], opts.top), opts);
  return finishSearch(p, r, opts);
}

/** Finishes a whole-space search; no fitting strategy is the user's problem, explained. */
export function finishOrFail(p: Problem, r: SliceResult, opts: SearchOptions): SearchResult {
  if (r.evaluated + r.prunedMemory === 0) throw noValidStrategy(p, opts);
  if (r.top.length === 0) {
    const n = smallestFittingChips(opts);
    throw new InputError(
      `${p.model.name} does not fit on ${p.chips} ${p.system.chip.name} with any strategy${opts.strategy && Object.keys(opts.strategy).length ? " that keeps the fixed fields" : ""}`,
      {
        location: "chips",
        hint: n
          ? `the smallest chip count that fits is about ${n}`
          : "it does not fit on any chip count tried (up to 2^24 times more)",
      },
    );
  }
  return finishSearch(p, r, opts);
}
