/** Reports of the serving planner: estimate, search, comparison, curve, simulation. */
import type { ServingEstimate } from "../serve/estimate.js";
import type { ServingTargets } from "../serve/options.js";
import type { ServingComparison, ServingPoint, ServingSearch } from "../serve/search.js";
import type { SimulationResult } from "../serve/simulate.js";
import type { StepBreakdown } from "../serve/step.js";
import { formatBytes, formatDuration, formatMoney, formatNumber } from "../units/format.js";
import { type Doc, type KeyValues, table } from "./document.js";

const ms = (s: number) => formatDuration(s);
const n3 = (x: number) => formatNumber(x, 3);
const tokS = (x: number) => `${formatNumber(x, 3)} tok/s`;
const gb = (b: number) => formatBytes(b);

function layoutText(e: ServingEstimate): string {
  const l = e.layout;
  return `tp ${l.tp} x pp ${l.pp}${l.ep > 1 ? ` (ep ${l.ep})` : ""} = ${l.chipsPerReplica} chips per replica, ${l.replicas} replica${l.replicas > 1 ? "s" : ""}`;
}

function stepTable(rows: [string, StepBreakdown][], title: string) {
  return table(
    [
      ["step", "step"],
      ["weights", "weights read"],
      ["kv", "KV read"],
      ["compute", "compute"],
      ["allReduce", "TP all-reduce"],
      ["pipeline", "pipeline"],
      ["overhead", "overhead"],
      ["total", "total"],
      ["bound", "bound"],
    ],
    rows.map(([step, b]) => ({
      step,
      weights: ms(b.weightsS),
      kv: ms(b.kvS),
      compute: ms(b.computeS),
      allReduce: ms(b.allReduceS),
      pipeline: ms(b.pipelineS),
      overhead: ms(b.overheadS),
      total: ms(b.totalS),
      bound: b.bound,
    })),
    title,
    "total = matmuls (weights against their FLOPs) + attention (KV cache against its FLOPs) + all-reduce + pipeline + overhead; each a smooth roofline, sqrt(memory^2 + compute^2): memory and compute overlap imperfectly near the ridge.",
  );
}

function summaryItems(e: ServingEstimate): KeyValues["items"] {
  const items: KeyValues["items"] = [
    ["model", e.model],
    ["system", `${e.system} (${e.chip}, calibration ${e.calibrationFamily})`],
    ["chips", `${e.chips}: ${layoutText(e)}`],
    [
      "precisions",
      `weights ${e.precisions.weights}, activations ${e.precisions.activations}, KV cache ${e.precisions.kvCache}`,
    ],
    ["workload", `${n3(e.input)} input + ${n3(e.output)} output tokens per request`],
    ["batch", `${n3(e.batch)} sequences per replica (${e.batchBasis}; at most ${e.maxBatch} fit)`],
    ["TTFT", ms(e.ttftS)],
    ["TPOT", `${ms(e.tpotS)} (${n3(1 / e.tpotS)} tok/s per sequence)`],
    ["end-to-end", ms(e.e2eS)],
    [
      "output throughput",
      `${tokS(e.throughput.outputTokensPerS)} (${tokS(e.throughput.outputTokensPerSPerChip)} per chip)`,
    ],
    [
      "total throughput",
      `${tokS(e.throughput.totalTokensPerS)} (${tokS(e.throughput.totalTokensPerSPerChip)} per chip)`,
    ],
    ["requests", `${n3(e.throughput.requestsPerS)} /s`],
    ["bound", e.bound],
  ];
  if (e.cost) {
    items.push(
      ["price", `${formatMoney(e.cost.usdPerChipHour)}/chip-hour (${e.cost.priceKind})`],
      ["cost per M input tokens", formatMoney(e.cost.usdPerMillionInput)],
      ["cost per M output tokens", formatMoney(e.cost.usdPerMillionOutput)],
      ["cost per M tokens (all)", formatMoney(e.cost.usdPerMillionTotal)],
    );
  }
  if (e.energy) {
    items.push(
      ["output tokens per joule", `${n3(e.energy.outputTokensPerJoule)} (${e.energy.basis})`],
      ["output tokens/s per MW facility", n3(e.energy.outputTokensPerSPerMW)],
    );
  }
  return items;
}

function memoryBlock(e: ServingEstimate): KeyValues {
  const m = e.memory;
  return {
    kind: "kv",
    title: "Memory per chip",
    items: [
      ["capacity", `${gb(m.capacityBytes)} (${gb(m.usableBytes)} usable)`],
      ["weights", gb(m.weightsBytes)],
      ["workspace", gb(m.workspaceBytes)],
      ["KV cache capacity", gb(Math.max(0, m.kvCapacityBytes))],
      ["KV per token", gb(m.kvBytesPerToken)],
      ["KV per sequence", gb(m.kvPerSequenceBytes)],
      ["KV in use", gb(m.kvUsedBytes)],
    ],
  };
}

/** The report of one steady-state estimate. */
export function estimateReport(e: ServingEstimate): Doc {
  return {
    schema: "gigawatt/serve@1",
    title: `Serving ${e.model} on ${e.chips} x ${e.chip}`,
    blocks: [
      { kind: "kv", title: "Summary (steady state of continuous batching)", items: summaryItems(e) },
      stepTable(
        [
          ["decode step (steady, with prefill riding along)", e.decode],
          ["prefill of one request alone", e.prefill],
        ],
        "Step time by component",
      ),
      memoryBlock(e),
      ...(e.notes.length
        ? [{ kind: "text" as const, title: "Notes", text: e.notes.map((n) => `- ${n}`).join("\n") }]
        : []),
    ],
    data: { estimate: e },
  };
}

function pointRow(p: ServingPoint) {
  return {
    layout: `tp${p.layout.tp} pp${p.layout.pp}${p.layout.ep > 1 ? ` ep${p.layout.ep}` : ""} x${p.layout.replicas}`,
    batch: p.batch,
    ttft: ms(p.ttftS),
    tpot: ms(p.tpotS),
    perChip: Number(p.outputTokensPerSPerChip.toPrecision(4)),
    cost: p.usdPerMillionOutput !== undefined ? formatMoney(p.usdPerMillionOutput) : "",
    bound: p.bound,
    meets: p.meets ? "yes" : "no",
  };
}

const pointColumns: [string, string][] = [
  ["layout", "layout"],
  ["batch", "batch"],
  ["ttft", "TTFT"],
  ["tpot", "TPOT"],
  ["perChip", "out tok/s/chip"],
  ["cost", "$/M out"],
  ["bound", "bound"],
  ["meets", "meets targets"],
];

/** The throughput-latency curve over batch sizes. */
export function curveReport(points: ServingPoint[], e: ServingEstimate): Doc {
  return {
    schema: "gigawatt/serve-curve@1",
    title: `Throughput against latency: ${e.model} on ${e.chips} x ${e.chip}`,
    blocks: [table(pointColumns, points.map(pointRow), "Batch sweep")],
    data: { points },
  };
}

/** The best configuration under the targets, the closest when none meets them, and the Pareto front. */
export function searchReport(s: ServingSearch, targets: string): Doc {
  const head = s.best ?? s.closest;
  const blocks: Doc["blocks"] = [];
  if (s.best)
    blocks.push({ kind: "kv", title: `Best configuration (${targets})`, items: summaryItems(s.best) });
  else if (s.closest)
    blocks.push({
      kind: "kv",
      title: `No configuration meets ${s.unmet.join(", ")}; the closest`,
      items: summaryItems(s.closest),
    });
  if (head) blocks.push(stepTable([["decode step", head.decode]], "Step time by component"));
  blocks.push(
    table(
      pointColumns,
      s.pareto.map(pointRow),
      "Pareto front: cost per token against TPOT",
      `${s.evaluated} configurations evaluated.`,
    ),
  );
  const notes = [...(head?.notes ?? []), ...s.notes];
  if (notes.length)
    blocks.push({ kind: "text", title: "Notes", text: notes.map((n) => `- ${n}`).join("\n") });
  return {
    schema: "gigawatt/serve-search@1",
    title: head ? `Serving search: ${head.model} on ${head.chips} x ${head.chip}` : "Serving search",
    blocks,
    data: { search: s },
  };
}

/** Several systems on one workload. */
export function compareReport(rows: ServingComparison[], targets: string): Doc {
  return {
    schema: "gigawatt/serve-compare@1",
    title: `Serving comparison (${targets})`,
    blocks: [
      table(
        [
          ["system", "system"],
          ["chips", "chips"],
          ["layout", "layout"],
          ["batch", "batch"],
          ["ttft", "TTFT"],
          ["tpot", "TPOT"],
          ["perChip", "out tok/s/chip"],
          ["costIn", "$/M in"],
          ["costOut", "$/M out"],
          ["perJ", "out tok/J"],
          ["bound", "bound"],
          ["status", "status"],
        ],
        rows.map((r) => {
          const e = r.search?.best ?? r.search?.closest;
          if (!e) return { system: r.system, chips: r.chips, status: r.error ?? "no configuration" };
          return {
            system: r.system,
            chips: r.chips,
            layout: `tp${e.layout.tp} pp${e.layout.pp} x${e.layout.replicas}`,
            batch: Number(e.batch.toPrecision(4)),
            ttft: ms(e.ttftS),
            tpot: ms(e.tpotS),
            perChip: Number(e.throughput.outputTokensPerSPerChip.toPrecision(4)),
            costIn: e.cost ? formatMoney(e.cost.usdPerMillionInput) : "no price",
            costOut: e.cost ? formatMoney(e.cost.usdPerMillionOutput) : "no price",
            perJ: e.energy ? Number(e.energy.outputTokensPerJoule.toPrecision(3)) : "",
            bound: e.bound,
            status: r.search?.best ? "meets targets" : `misses ${r.search?.unmet.join(", ")}`,
          };
        }),
        "Best configuration per system",
        "Each system: the layout and batch with the most output tokens/s per chip that meets the targets.",
      ),
    ],
    data: { comparison: rows },
  };
}

/** A simulation's percentiles beside the steady-state estimate at the same rate, and the targets. */
export function simulationReport(
  sim: SimulationResult,
  steady?: ServingEstimate,
  targets?: ServingTargets,
): Doc {
  const checks: string[] = [];
  const p = targets?.percentile ?? "p50";
  if (targets?.ttftS !== undefined)
    checks.push(
      `TTFT ${p} ${ms(sim.ttft[p])} ${sim.ttft[p] <= targets.ttftS ? "meets" : "misses"} the ${ms(targets.ttftS)} target`,
    );
  if (targets?.tpotS !== undefined)
    checks.push(
      `TPOT ${p} ${ms(sim.tpot[p])} ${sim.tpot[p] <= targets.tpotS ? "meets" : "misses"} the ${ms(targets.tpotS)} target`,
    );
  const pct = (name: string, p: SimulationResult["ttft"], model?: number) => ({
    metric: name,
    mean: ms(p.mean),
    p50: ms(p.p50),
    p90: ms(p.p90),
    p99: ms(p.p99),
    steady: model !== undefined ? ms(model) : "",
  });
  return {
    schema: "gigawatt/serve-simulate@1",
    title: "Serving simulation (continuous batching, chunked prefill)",
    blocks: [
      {
        kind: "kv",
        title: "Run",
        items: [
          ["requests", `${sim.requests} arrived, ${sim.completed} completed, ${sim.rejected} rejected`],
          ["layout", `tp ${sim.layout.tp} x pp ${sim.layout.pp}, ${sim.layout.replicas} replicas`],
          ["makespan", ms(sim.makespanS)],
          [
            "achieved throughput",
            `${tokS(sim.throughput.outputTokensPerS)} (${tokS(sim.throughput.outputTokensPerSPerChip)} per chip), ${n3(sim.throughput.requestsPerS)} req/s`,
          ],
          ["mean batch", n3(sim.meanBatch)],
          ["engine steps", String(sim.steps)],
        ],
      },
      table(
        [
          ["metric", "metric"],
          ["mean", "mean"],
          ["p50", "p50"],
          ["p90", "p90"],
          ["p99", "p99"],
          ["steady", "steady-state model"],
        ],
        [
          pct("TTFT", sim.ttft, steady?.ttftS),
          pct("TPOT", sim.tpot, steady?.tpotS),
          pct("end-to-end", sim.e2e, steady?.e2eS),
          pct("queueing delay", sim.queue),
        ],
        "Latency percentiles",
      ),
      ...(checks.length
        ? [{ kind: "text" as const, title: "Targets", text: checks.map((n) => `- ${n}`).join("\n") }]
        : []),
      ...(sim.notes.length
        ? [{ kind: "text" as const, title: "Notes", text: sim.notes.map((n) => `- ${n}`).join("\n") }]
        : []),
    ],
    data: { simulation: sim, steady, targets },
  };
}
