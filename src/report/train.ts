/**
 * Reports of the training planner: an estimate (step time and memory breakdowns, the bound,
 * throughput, utilisation, run totals), a search (best, top N, Pareto front, counts) and a
 * chip-count sweep.
 */
import type { ChipCountPoint, ChipSweepResult } from "../train/chips.js";
import type { SearchResult, Strategy, TrainingEstimate } from "../train/types.js";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatMoney,
  formatNumber,
  formatSI,
} from "../units/format.js";
import { type Block, type Cell, type Doc, table } from "./document.js";

/** What the run was: shown in the title and key-values. */
export interface TrainContext {
  model: string;
  system: string;
  chip: string;
  chips: number;
  seq: number;
  precision: string;
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const ms = (s: number) => formatDuration(s);

/** A strategy in one line: "tp 8 pp 16 vp 4 dp 128 cp 1 ep 1 mb 1 zero 1 selective". */
export function strategyText(s: Strategy): string {
  return `tp ${s.tp} pp ${s.pp} vp ${s.vp} dp ${s.dp} cp ${s.cp} ep ${s.ep} mb ${s.microBatch} zero ${s.zero} ${s.recompute}`;
}

/** A strategy as table cells, keyed like `STRATEGY_COLUMNS`. */
export function strategyCells(s: Strategy): Record<string, Cell> {
  return {
    tp: s.tp,
    pp: s.pp,
    vp: s.vp,
    dp: s.dp,
    cp: s.cp,
    ep: s.ep,
    mb: s.microBatch,
    zero: s.zero,
    recompute: s.recompute,
  };
}

/** Table columns of a strategy: [key, label]. */
export const STRATEGY_COLUMNS: [string, string][] = [
  ["tp", "TP"],
  ["pp", "PP"],
  ["vp", "VP"],
  ["dp", "DP"],
  ["cp", "CP"],
  ["ep", "EP"],
  ["mb", "micro-batch"],
  ["zero", "ZeRO"],
  ["recompute", "recompute"],
];

function estimateBlocks(e: TrainingEstimate, ctx: TrainContext): Block[] {
  const t = e.time;
  const timeRows: [string, number, string][] = [
    ["matmuls (fwd + bwd)", t.matmul, "compute"],
    ["attention (flash)", t.attention, "compute"],
    ["recomputation", t.recompute, "compute"],
    ["memory-bound ops, weight streaming", t.memoryBound, "HBM bandwidth"],
    ["TP/SP collectives", t.tp, "scale-up network"],
    ["CP ring and merges (exposed)", t.cp, "network, HBM"],
    ["EP all-to-all", t.ep, "network"],
    ["PP sends", t.pp, "network"],
    ["pipeline bubble", t.bubble, `(p-1)/(m*v) = ${e.strategy.pp - 1}/(${e.microBatches}*${e.strategy.vp})`],
    ["DP/FSDP (exposed)", t.dp, "network"],
    ["optimizer update", t.optimizer, "HBM bandwidth"],
    ["fixed overheads", t.overhead, "launch, data loading"],
  ];
  const m = e.memory;
  const memRows: [string, number][] = [
    ["weights", m.weights],
    ["gradients", m.gradients],
    ["optimizer state", m.optimizer],
    ["activations", m.activations],
    ["logits", m.logits],
    ["buffers", m.buffers],
    ["reserve", m.reserve],
  ];
  const blocks: Block[] = [
    {
      kind: "kv",
      title: "Estimate",
      items: [
        ["model", ctx.model],
        ["system", `${ctx.chips} x ${ctx.chip} (${ctx.system})`],
        ["precision, sequence", `${ctx.precision}, ${formatNumber(ctx.seq)} tokens`],
        [
          "global batch",
          `${formatNumber(e.batchSeqs)} sequences (${formatCount(e.tokensPerStep, "tokens")}), ${e.microBatches} micro-batches per step`,
        ],
        ["strategy", strategyText(e.strategy)],
        [
          "fits",
          e.fits
            ? `yes, ${formatBytes(m.headroom)} headroom of ${formatBytes(m.capacity)}`
            : `no: needs ${formatBytes(m.total)}, ${formatBytes(-m.headroom)} more than the ${formatBytes(m.capacity)} capacity; largest category ${e.overCategory}`,
        ],
        ["step time", ms(t.step)],
        ["bound", e.bound],
        [
          "tokens/s",
          `${formatCount(e.tokensPerSecond)} total, ${formatNumber(e.tokensPerSecondPerChip)} per chip`,
        ],
        ["MFU / HFU", `${pct(e.mfu)} / ${pct(e.hfu)} of ${formatSI(e.peakFlops, "FLOP/s")}`],
        [
          "FLOPs per token",
          `${formatSI(e.modelFlopsPerToken, "FLOP")} model, ${formatSI(e.hardwareFlopsPerToken, "FLOP")} hardware`,
        ],
      ],
    },
    table(
      [
        ["component", "component"],
        ["seconds", "time"],
        ["share", "share"],
        ["limit", "limited by"],
      ],
      timeRows
        .filter(([, v]) => v > 0)
        .map(([component, v, limit]) => ({ component, seconds: ms(v), share: pct(v / t.step), limit })),
      "Step time",
      `step ${ms(t.step)}; communication figures are the part not hidden behind compute`,
    ),
    table(
      [
        ["category", "category"],
        ["bytes", "per chip"],
        ["share", "of capacity"],
      ],
      [
        ...memRows
          .filter(([, v]) => v > 0)
          .map(([category, v]) => ({ category, bytes: formatBytes(v), share: pct(v / m.capacity) })),
        { category: "total", bytes: formatBytes(m.total), share: pct(m.total / m.capacity) },
      ],
      "Memory per chip",
      `capacity ${formatBytes(m.capacity)} (busiest pipeline stage)`,
    ),
  ];
  if (e.run) {
    const r = e.run;
    blocks.push({
      kind: "kv",
      title: "Training run",
      items: [
        ["tokens", formatCount(r.tokens)],
        ["steps", formatNumber(r.steps)],
        ["time to train", formatDuration(r.seconds)],
        ["chip-hours", formatCount(r.chipHours)],
        [
          "average power",
          r.powerW !== undefined
            ? `${formatSI(r.powerW, "W")} (${r.powerNote})`
            : "no TDP for this chip in the catalog",
        ],
        ["energy", r.energyJ !== undefined ? formatSI(r.energyJ / 3600, "Wh") : "unknown"],
        [
          "cost",
          r.costUsd !== undefined
            ? `${formatMoney(r.costUsd)} at ${formatMoney(r.usdPerChipHour ?? 0)}/chip-hour (${r.priceNote})`
            : r.priceNote,
        ],
      ],
    });
  }
  blocks.push({ kind: "text", title: "FLOP convention", text: e.flopConvention });
  return blocks;
}

function estimateData(e: TrainingEstimate) {
  return e;
}

/** The report of one estimate. */
export function trainEstimateReport(e: TrainingEstimate, ctx: TrainContext): Doc {
  return {
    schema: "gigawatt/train@1",
    title: `Training ${ctx.model} on ${ctx.chips} x ${ctx.chip}`,
    blocks: estimateBlocks(e, ctx),
    data: { context: ctx, estimate: estimateData(e) },
  };
}

function candidateRow(e: TrainingEstimate, rank: number): Record<string, Cell> {
  return {
    rank,
    ...strategyCells(e.strategy),
    step: ms(e.time.step),
    tokensPerChip: formatNumber(e.tokensPerSecondPerChip),
    mfu: pct(e.mfu),
    memory: formatBytes(e.memory.total),
    headroom: formatBytes(e.memory.headroom),
    bound: e.bound,
  };
}

const CANDIDATE_COLUMNS: [string, string][] = [
  ["rank", "#"],
  ...STRATEGY_COLUMNS,
  ["step", "step"],
  ["tokensPerChip", "tokens/s/chip"],
  ["mfu", "MFU"],
  ["memory", "memory"],
  ["headroom", "headroom"],
  ["bound", "bound"],
];

/** The report of a search: the best estimate in full, then the top N and the Pareto front. */
export function trainSearchReport(
  r: SearchResult,
  ctx: TrainContext,
  stats: { wallS?: number; workers?: number } = {},
): Doc {
  const best = r.best;
  const blocks: Block[] = [
    {
      kind: "kv",
      title: "Search",
      items: [
        [
          "candidates",
          `${formatNumber(r.candidates)} (${formatNumber(r.evaluated)} timed, ${formatNumber(r.prunedMemory)} pruned for memory)`,
        ],
        ...(stats.wallS !== undefined
          ? ([["wall time", `${ms(stats.wallS)}${stats.workers ? ` on ${stats.workers} threads` : ""}`]] as [
              string,
              string,
            ][])
          : []),
      ],
    },
  ];
  if (best) blocks.push(...estimateBlocks(best, ctx));
  blocks.push(
    table(
      CANDIDATE_COLUMNS,
      r.top.map((e, i) => candidateRow(e, i + 1)),
      `Top ${r.top.length}`,
    ),
  );
  blocks.push(
    table(
      CANDIDATE_COLUMNS,
      r.pareto.map((e, i) => candidateRow(e, i + 1)),
      "Pareto front: step time against memory headroom",
      "no other strategy is both faster and leaves more memory free",
    ),
  );
  return {
    schema: "gigawatt/train@1",
    title: `Training ${ctx.model} on ${ctx.chips} x ${ctx.chip}: parallelism search`,
    blocks,
    data: {
      context: ctx,
      evaluated: r.evaluated,
      prunedMemory: r.prunedMemory,
      candidates: r.candidates,
      best: r.best,
      top: r.top,
      pareto: r.pareto,
    },
  };
}

/** What a chip-count sweep was: the context without a chip count. */
export type TrainSweepContext = Omit<TrainContext, "chips">;

/** The report of a chip-count sweep: the best strategy per count and the chips-time Pareto front. */
export function trainChipsReport(
  r: ChipSweepResult,
  ctx: TrainSweepContext,
  stats: { wallS?: number; workers?: number } = {},
): Doc {
  const timed = r.metric === "time to train";
  const row = (pt: ChipCountPoint): Record<string, Cell> => {
    const run = pt.best.run;
    return {
      chips: pt.chips,
      front: pt.onFront ? "yes" : "",
      strategy: strategyText(pt.best.strategy),
      step: ms(pt.best.time.step),
      tokensPerChip: formatNumber(pt.best.tokensPerSecondPerChip),
      mfu: pct(pt.best.mfu),
      time: timed ? formatDuration(pt.seconds) : ms(pt.seconds),
      chipHours: run ? formatNumber(run.chipHours) : "",
      cost: run?.costUsd !== undefined ? formatMoney(run.costUsd) : "",
      speedup: `${pt.speedup.toFixed(2)}x`,
      efficiency: pct(pt.scalingEfficiency, 0),
      bound: pt.best.bound,
    };
  };
  const columns: [string, string][] = [
    ["chips", "chips"],
    ["front", "on front"],
    ["strategy", "best strategy"],
    ["step", "step"],
    ["tokensPerChip", "tokens/s/chip"],
    ["mfu", "MFU"],
    ...(timed
      ? ([
          ["time", "time to train"],
          ["chipHours", "chip-hours"],
          ["cost", "cost"],
        ] as [string, string][])
      : []),
    ["speedup", "speed-up"],
    ["efficiency", "scaling efficiency"],
    ["bound", "bound"],
  ];
  const first = r.counts[0];
  const last = r.counts[r.counts.length - 1];
  const fastest = r.pareto[r.pareto.length - 1];
  const items: [string, string][] = [
    ["model", ctx.model],
    ["system", `${ctx.system} (${ctx.chip})`],
    ["precision, sequence", `${ctx.precision}, ${formatNumber(ctx.seq)} tokens`],
    [
      "chip counts",
      `${r.counts.length} (${first === undefined ? "none" : `${formatNumber(first)} to ${formatNumber(last!)}`})${r.smallestFitting !== undefined ? `; ${formatNumber(r.smallestFitting)} is the smallest power of two that fits` : ""}`,
    ],
    ["measure", timed ? "time to train the given tokens" : "step time of the same global batch"],
    ["candidates", `${formatNumber(r.candidates)} over every count (${formatNumber(r.evaluated)} timed)`],
  ];
  if (stats.wallS !== undefined)
    items.push(["wall time", `${ms(stats.wallS)}${stats.workers ? ` on ${stats.workers} threads` : ""}`]);
  if (fastest)
    items.push([
      "fastest",
      `${formatNumber(fastest.chips)} chips: ${timed ? formatDuration(fastest.seconds) : ms(fastest.seconds)} (${fastest.speedup.toFixed(2)}x the smallest count at ${pct(fastest.scalingEfficiency, 0)} scaling efficiency)`,
    ]);
  const blocks: Block[] = [
    { kind: "kv", title: "Chip-count sweep", items },
    table(
      columns,
      r.pareto.map(row),
      `Pareto front: chips against ${r.metric}`,
      "each count is faster than every count with fewer chips",
    ),
    table(
      columns,
      r.points.map(row),
      "Best strategy at each chip count",
      "scaling efficiency: speed-up over the smallest count divided by the chip ratio",
    ),
  ];
  if (r.skipped.length > 0)
    blocks.push(
      table(
        [
          ["chips", "chips"],
          ["reason", "reason"],
        ],
        r.skipped.map((s) => ({ chips: s.chips, reason: s.reason })),
        "Counts without a strategy",
      ),
    );
  const point = (pt: ChipCountPoint) => ({
    chips: pt.chips,
    seconds: pt.seconds,
    onFront: pt.onFront,
    speedup: pt.speedup,
    scalingEfficiency: pt.scalingEfficiency,
    evaluated: pt.evaluated,
    candidates: pt.candidates,
    best: pt.best,
  });
  return {
    schema: "gigawatt/train-chips@1",
    title: `Training ${ctx.model} on ${ctx.chip}: chips against ${r.metric}`,
    blocks,
    data: {
      context: ctx,
      metric: r.metric,
      counts: r.counts,
      smallestFitting: r.smallestFitting,
      evaluated: r.evaluated,
      candidates: r.candidates,
      pareto: r.pareto.map(point),
      points: r.points.map(point),
      skipped: r.skipped,
    },
  };
}
