/** Training: the step-time and memory breakdowns of the best strategies the search found. */
import type { TrainingEstimate } from "../../train/index.js";
import { formatNumber, formatQuantity } from "../../units/format.js";
import type { HtmlSection, HtmlTable } from "../html/spec.js";
import { STRATEGY_COLUMNS, strategyCells } from "../train.js";
import { type Context, defined, keyFigure, nonZero } from "./context.js";

/**
 * Short labels of training strategies for a chart's axis, which a phone leaves little room:
 * the parallel degrees above 1 ("TP8 PP4 DP64"), with the micro-batch, ZeRO stage and
 * recomputation added only where the degrees alone would not tell two strategies apart.
 */
function strategyLabels(shown: TrainingEstimate[]): string[] {
  const degrees = shown.map(({ strategy: s }) =>
    (
      [
        ["TP", s.tp],
        ["PP", s.pp],
        ["VP", s.vp],
        ["DP", s.dp],
        ["CP", s.cp],
        ["EP", s.ep],
      ] as const
    )
      .filter(([k, v]) => v > 1 || k === "DP")
      .map(([k, v]) => `${k}${v}`)
      .join(" "),
  );
  return shown.map((e, i) =>
    degrees.indexOf(degrees[i]!) === degrees.lastIndexOf(degrees[i]!)
      ? degrees[i]!
      : `${degrees[i]} mb${e.strategy.microBatch} Z${e.strategy.zero} ${e.strategy.recompute}`,
  );
}

/** The strategies shown, in full, with their step time, memory and MFU. */
function strategyTable(shown: TrainingEstimate[], labels: string[]): HtmlTable {
  const cols: [string, string][] = [
    ["label", "strategy"],
    ...STRATEGY_COLUMNS,
    ["step", "step"],
    ["memory", "memory"],
    ["mfu", "MFU"],
    ["bound", "bound"],
  ];
  return {
    title: "Strategies, fastest first",
    columns: cols.map(([key, label]) => ({ key, label })),
    rows: shown.map((e, i) => ({
      label: labels[i],
      ...strategyCells(e.strategy),
      step: formatQuantity(e.time.step, "time"),
      memory: formatQuantity(e.memory.total, "bytes"),
      mfu: formatQuantity(e.mfu, "fraction"),
      bound: e.bound,
    })),
  };
}

/** Step-time components with their colours: computation first, then communication, then fixed costs. */
const STEP_PARTS: [keyof TrainingEstimate["time"], string, string][] = [
  ["matmul", "matmuls", "#0072B2"],
  ["attention", "attention", "#56B4E9"],
  ["memoryBound", "memory-bound ops", "#009E73"],
  ["recompute", "recompute", "#F0E442"],
  ["tp", "TP collectives", "#E69F00"],
  ["cp", "CP ring", "#CC79A7"],
  ["ep", "EP all-to-all", "#D55E00"],
  ["pp", "PP sends", "#8C564B"],
  ["bubble", "pipeline bubble", "#444444"],
  ["dp", "DP exposed", "#7F7F7F"],
  ["optimizer", "optimizer", "#B8B8B8"],
  ["overhead", "overhead", "#DDDDDD"],
];

const MEMORY_PARTS: [keyof TrainingEstimate["memory"], string][] = [
  ["weights", "weights"],
  ["gradients", "gradients"],
  ["optimizer", "optimizer state"],
  ["activations", "activations"],
  ["logits", "logits"],
  ["buffers", "buffers"],
  ["reserve", "reserve"],
];

/** Training: the step-time and memory breakdowns of the best strategies. */
export function trainingSection(ctx: Context): HtmlSection | undefined {
  const t = ctx.result.training;
  if (!t) return undefined;
  const best = t.estimate;
  const shown = t.search?.top.length ? t.search.top : [best];
  const cats = strategyLabels(shown);
  const where = `${ctx.result.model?.name ?? ctx.result.model?.id ?? "the model"} on ${formatNumber(ctx.result.chips ?? 0)} chips of ${ctx.result.system?.name ?? "the system"}`;
  const capacity = best.memory.capacity;
  const run = best.run;
  const figures = [
    keyFigure(ctx, "training.mfu", {
      limit: `step bound by ${best.bound}`,
      sources: ctx.result.model?.sources,
      note: `strategy ${cats[0]}`,
    }),
    keyFigure(ctx, "training.stepTime", {
      note: `${formatQuantity(best.tokensPerStep, "tokens")} per step, ${best.microBatches} micro-batches per pipeline`,
    }),
    keyFigure(ctx, "training.tokensPerSecondPerChip", {}),
    keyFigure(ctx, "training.timeToTrain", {
      note: run
        ? `${formatQuantity(run.tokens, "tokens")} in ${formatNumber(run.steps)} steps (nominal inputs)`
        : undefined,
    }),
    keyFigure(ctx, "training.cost", { formula: run?.priceNote }),
    keyFigure(ctx, "training.energy", { formula: run?.powerNote }),
  ].filter(defined);
  const search = t.search;
  return {
    title: "Training",
    intro: `${where}, ${formatNumber(ctx.s.training?.seq ?? 0)}-token sequences, ${formatNumber(best.batchSeqs)} sequences per batch. ${
      search
        ? `Best of ${formatNumber(search.evaluated)} strategies timed (${formatNumber(search.prunedMemory)} more did not fit in memory); the fastest ${shown.length} are shown, fastest first.`
        : "The strategy is the scenario's."
    }`,
    figures,
    charts: [
      {
        kind: "horizontalStackedBar",
        title: "Step time by component",
        unit: { kind: "time" },
        valueLabel: "seconds per optimizer step",
        categories: cats,
        series: nonZero(
          STEP_PARTS.map(([k, label, color]) => ({ label, color, values: shown.map((e) => e.time[k]) })),
        ),
        caption:
          "Communication is the part not hidden behind compute. TP tensor, PP pipeline, VP virtual stages, DP data, CP context, EP expert parallel.",
      },
      {
        kind: "horizontalStackedBar",
        title: "Memory per chip against HBM",
        unit: { kind: "bytes" },
        valueLabel: "bytes per chip (most loaded pipeline stage)",
        categories: cats,
        series: nonZero(MEMORY_PARTS.map(([k, label]) => ({ label, values: shown.map((e) => e.memory[k]) }))),
        markers: [{ value: capacity, label: `HBM ${formatQuantity(capacity, "bytes")}`, color: "#D55E00" }],
        caption: `The best strategy uses ${formatQuantity(best.memory.total, "bytes")} of ${formatQuantity(capacity, "bytes")}.`,
      },
    ],
    tables: [strategyTable(shown, cats)],
    notes: [`MFU convention: ${best.flopConvention}.`],
  };
}
