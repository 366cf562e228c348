/** Serving: the throughput-latency curve, the decode and prefill steps and the memory of a chip. */
import { formatOutput } from "../../scenario/outputs.js";
import type { ServingPoint } from "../../serve/index.js";
import { formatMoney, formatNumber, formatQuantity } from "../../units/format.js";
import type { ChartSpec, HtmlSection } from "../html/spec.js";
import { type Context, defined, keyFigure, nonZero, sourcesIn } from "./context.js";

/** How the cost per output token comes about: the chip-hour price and, beside it, the cost at TCO. */
export function servingCostNote(ctx: Context): string | undefined {
  const e = ctx.result.serving;
  if (!e?.cost) return undefined;
  const tco = ctx.result.outputs["serving.usdPerMOutputAtTco"];
  const at = `output tokens at ${formatMoney(e.cost.usdPerChipHour)}/chip-hour (${e.cost.priceNote ?? e.cost.priceKind})`;
  return tco !== undefined
    ? `${at}; ${formatOutput("serving.usdPerMOutputAtTco", tco)} at the provider's own TCO`
    : at;
}

/** Serving: the throughput-latency curve, the decode step and the memory of a chip. */
export function servingSection(ctx: Context, curve: ServingPoint[] | undefined): HtmlSection | undefined {
  const e = ctx.result.serving;
  if (!e) return undefined;
  const slo = ctx.s.serving?.slo;
  const charts: ChartSpec[] = [];
  if (curve?.length) {
    const layout = curve[0]!.layout;
    charts.push({
      kind: "line",
      title: "Throughput against time per output token",
      unit: { kind: "count", suffix: " tokens/s" },
      valueLabel: "output tokens/s per chip",
      xUnit: { kind: "time" },
      xLabel: "time per output token",
      // The scenario's point first, so that it is drawn over the curve it lies on.
      series: [
        {
          label: `this scenario (batch ${e.batch})`,
          points: [[e.tpotS, e.throughput.outputTokensPerSPerChip]],
          color: "#D55E00",
        },
        {
          label: `TP${layout.tp}${layout.pp > 1 ? ` PP${layout.pp}` : ""}${layout.ep > 1 ? ` EP${layout.ep}` : ""}, batch 1 to ${curve.at(-1)!.batch}`,
          points: curve.map((p) => [p.tpotS, p.outputTokensPerSPerChip]),
          color: "#0072B2",
        },
      ],
      markers: slo?.tpot
        ? [{ value: slo.tpot, label: `TPOT target ${formatQuantity(slo.tpot, "time")}` }]
        : [],
      caption:
        "Each point is a batch size (1, 2, 4, ... up to the largest that fits the KV cache) at steady state.",
    });
  }
  const step = (b: typeof e.decode) => {
    const memory = b.weightsS + b.kvS;
    return { ...b, computeBeyond: Math.max(0, b.computeS - memory) };
  };
  const steps = [step(e.decode), step(e.prefill)];
  charts.push({
    kind: "horizontalStackedBar",
    title: "Decode and prefill steps by component",
    unit: { kind: "time" },
    valueLabel: "seconds per step",
    categories: [`decode step (batch ${e.batch})`, "prefill of one request"],
    series: nonZero([
      { label: "reading weights", values: steps.map((b) => b.weightsS) },
      { label: "reading KV cache", values: steps.map((b) => b.kvS) },
      { label: "compute beyond memory time", values: steps.map((b) => b.computeBeyond) },
      { label: "TP all-reduce", values: steps.map((b) => b.allReduceS) },
      { label: "pipeline", values: steps.map((b) => b.pipelineS) },
      { label: "overhead", values: steps.map((b) => b.overheadS) },
    ]),
    caption: `Compute overlaps the memory reads: only the part beyond them adds time. The decode step is bound by ${e.decode.bound}, prefill by ${e.prefill.bound}.`,
  });
  const m = e.memory;
  charts.push({
    kind: "horizontalStackedBar",
    title: "Memory per chip against HBM",
    unit: { kind: "bytes" },
    valueLabel: "bytes per chip",
    categories: [`TP${e.layout.tp}${e.layout.pp > 1 ? ` PP${e.layout.pp}` : ""}, batch ${e.batch}`],
    series: nonZero([
      { label: "weights", values: [m.weightsBytes] },
      { label: "workspace", values: [m.workspaceBytes] },
      { label: "KV cache in use", values: [m.kvUsedBytes] },
      { label: "KV cache free", values: [Math.max(0, m.kvCapacityBytes - m.kvUsedBytes)] },
    ]),
    markers: [
      { value: m.capacityBytes, label: `HBM ${formatQuantity(m.capacityBytes, "bytes")}`, color: "#D55E00" },
    ],
    caption: `The runtime may use ${formatQuantity(m.usableBytes, "bytes")} of it; the largest batch that fits is ${formatNumber(e.maxBatch)}.`,
  });
  const figures = [
    keyFigure(ctx, "serving.usdPerMOutput", {
      formula: servingCostNote(ctx),
      sources: sourcesIn(ctx.s.hardware),
    }),
    keyFigure(ctx, "serving.usdPerMInput", {}),
    keyFigure(ctx, "serving.tpot", {
      limit: ctx.result.limits.serving,
      note: slo?.tpot ? `target ${formatQuantity(slo.tpot, "time")}` : undefined,
    }),
    keyFigure(ctx, "serving.ttft", {
      note: slo?.ttft ? `target ${formatQuantity(slo.ttft, "time")}` : undefined,
    }),
    keyFigure(ctx, "serving.outputTokensPerSecondPerChip", {}),
    keyFigure(ctx, "deal.outputTokensPerYear", {}),
  ].filter(defined);
  return {
    title: "Serving",
    intro: `${ctx.result.model?.name ?? e.model} on ${formatNumber(e.chips)} chips of ${ctx.result.system?.name ?? e.system}: ${formatNumber(e.layout.replicas)} replicas of ${formatNumber(e.layout.chipsPerReplica)} chips, ${e.precisions.weights} weights, ${formatNumber(e.input)} input and ${formatNumber(e.output)} output tokens per request.`,
    figures,
    charts,
    notes: e.notes.length ? e.notes : undefined,
  };
}
