/**
 * The serving request (`gigawatt serve`, POST /v1/serve): an estimate, or with `search`, `curve`,
 * `compare` or `simulate` the reports of those. Replaying a trace file is the CLI's alone (`--trace`).
 */
import { z } from "zod";
import type { Catalog, SystemSpec } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import type { Length } from "../serve/options.js";
import { parseLength, pricedSystem, tpInChips } from "../serve/requests.js";
import type { SimulationOptions } from "../serve/simulate.js";
import { LIMITS } from "../units/limits.js";
import { parseQuantity, SECONDS_PER_HOUR } from "../units/quantity.js";
import { amount, catalogRef, flag, names, oneOf, whole } from "./fields.js";
import { conflict, type EngineNames } from "./read.js";

/** Tokens per request: "2048", "2k", or a range "1000..3000" (uniform), at most LIMITS.sequence. */
const length = z.union([z.string(), z.number()]).transform((v, ctx): Length => {
  try {
    const l = parseLength(String(v), "");
    const high = typeof l === "number" ? l : l.type === "uniform" ? l.high : 0;
    if (high <= LIMITS.sequence.max) return l;
    ctx.addIssue({
      code: "custom",
      message: `"${v}" is above ${LIMITS.sequence.max.toLocaleString("en-US")} tokens`,
      params: { hint: LIMITS.sequence.why },
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    ctx.addIssue({ code: "custom", message: e.message, params: { hint: e.hint } });
  }
  return z.NEVER;
});

/** Requests per second: 5, "5", "5/s", "1.2k/s". */
const perSecond = z.union([z.string(), z.number()]).transform((v, ctx): number => {
  let n = Number.NaN;
  try {
    n = parseQuantity(String(v).replace(/\s*\/\s*s$/, ""), "count").value;
  } catch {
    // refused below
  }
  if (n > 0 && n <= LIMITS.rate.max) return n;
  ctx.addIssue({
    code: "custom",
    message:
      n > LIMITS.rate.max
        ? `"${v}" is above ${LIMITS.rate.max.toLocaleString("en-US")} requests per second`
        : `expected requests per second above 0, got "${v}"`,
    params: { hint: n > LIMITS.rate.max ? LIMITS.rate.why : "e.g. 5" },
  });
  return z.NEVER;
});

const PRECISION = ["bf16", "fp16", "fp8", "int8", "fp4"] as const;
const MODES = ["compare", "simulate", "search", "curve"] as const;

export const ServeRequest = z
  .strictObject({
    model: catalogRef("models").describe("catalog model, e.g. llama-3.1-70b"),
    system: z
      .string()
      .max(200)
      .optional()
      .describe("catalog system or chip, e.g. p5.48xlarge, inf2.48xlarge or h200"),
    chips: whole(LIMITS.chips).optional().describe("chips in use (default: one node)"),
    tp: whole().optional().describe("tensor-parallel degree (Neuron: NeuronCores are accepted)"),
    pp: whole().optional().describe("pipeline stages"),
    ep: whole().optional().describe("expert-parallel degree (MoE)"),
    weights: oneOf(PRECISION).optional().describe("weight precision: bf16, fp16, fp8, int8, fp4"),
    activations: oneOf(PRECISION).optional().describe("activation (compute) precision"),
    kvCache: oneOf(PRECISION).optional().describe("KV cache precision"),
    input: length.describe("prompt tokens per request, e.g. 2048, or a range LOW..HIGH"),
    output: length.describe("output tokens per request, e.g. 256, or a range LOW..HIGH"),
    batch: whole(LIMITS.batchSeqs).optional().describe("sequences per replica"),
    concurrency: whole(LIMITS.batchSeqs).optional().describe("requests in flight over the system"),
    rate: perSecond.optional().describe("requests per second offered to the system, e.g. 5"),
    sloTtft: amount("time", { zero: false, max: LIMITS.duration })
      .optional()
      .describe("time-to-first-token target, e.g. 2s"),
    sloTpot: amount("time", { zero: false, max: LIMITS.duration })
      .optional()
      .describe("time-per-output-token target, e.g. 100ms"),
    sloPercentile: oneOf(["p50", "p90", "p99"])
      .optional()
      .describe("percentile of the targets: p50, p90 or p99"),
    search: flag.optional().describe("find the best layout and batch under the targets"),
    curve: flag.optional().describe("throughput against latency over batch sizes"),
    compare: names
      .optional()
      .describe("compare with other systems or chips, e.g. h200,trainium2,inferentia2"),
    simulate: flag.optional().describe("discrete-event simulation (needs rate, or the CLI's --trace)"),
    duration: amount("time", { zero: false, max: LIMITS.duration })
      .optional()
      .describe("simulated time of arrivals, e.g. 10min (default 10 min)"),
    seed: whole(LIMITS.degree).optional().describe("simulation seed"),
    price: amount("moneyRate", { zero: false, max: LIMITS.money })
      .optional()
      .describe("price per chip-hour, e.g. $2.50/h"),
  })
  .superRefine((r, ctx) => {
    const modes = MODES.filter((m) => r[m] !== undefined && r[m] !== false);
    if (modes.length > 1) conflict(ctx, r, modes[0]!, modes[1]!);
    conflict(ctx, r, "batch", "concurrency");
    conflict(ctx, r, "batch", "rate");
    conflict(ctx, r, "concurrency", "rate");
    if (r.system === undefined && r.compare === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["system"],
        message: "which system?",
        params: { hint: "e.g. {system} p5.48xlarge, or {compare} h200,trainium2" },
      });
    const requests = (r.rate ?? 0) * (r.duration ?? 600);
    if (r.simulate && requests > LIMITS.simulatedRequests.max)
      ctx.addIssue({
        code: "custom",
        path: [r.duration !== undefined ? "duration" : "rate"],
        message: `{rate} x {duration} is ${Math.round(requests).toLocaleString("en-US")} simulated requests, above the ${LIMITS.simulatedRequests.max.toLocaleString("en-US")} allowed`,
        params: { hint: `${LIMITS.simulatedRequests.why}: shorten {duration} or lower {rate}` },
      });
  });
export type ServeRequest = z.output<typeof ServeRequest>;

/** Engine options named otherwise in the request. */
export const SERVE_NAMES: EngineNames = {
  layout: "tp",
  "slo-ttft": "sloTtft",
  "slo-tpot": "sloTpot",
  load: "batch",
  priceUsdPerChipHour: "price",
  durationS: "duration",
};

/** What a serving request asks, with the engine's options. */
export interface ServePlan {
  kind: "estimate" | "search" | "curve" | "compare" | "simulate";
  options: SimulationOptions;
  system: SystemSpec;
  /** With `compare`: every system, the first one's included, each once. */
  systems: SystemSpec[];
  /** Notes for the report (how TP was read). */
  notes: string[];
}

/** The engine's options for a serving request; `trace` says a trace file replaces `rate`. */
export function servePlan(r: ServeRequest, cat: Catalog, opts: { trace?: boolean } = {}): ServePlan {
  const model = cat.model(r.model, "model");
  const named = r.system ?? r.compare![0]!;
  const system = pricedSystem(named, r.system !== undefined ? "system" : "compare[0]", cat);
  const notes: string[] = [];
  const neuron = r.tp === undefined ? undefined : tpInChips(r.tp, r.pp, r.chips, system);
  if (neuron?.note) notes.push(neuron.note);
  const kind = MODES.find((m) => r[m] !== undefined && r[m] !== false) ?? "estimate";
  if (kind === "simulate" && r.rate === undefined && !opts.trace)
    throw new InputError("a simulation needs a rate", {
      location: "simulate",
      hint: "give {rate}, e.g. 5 requests per second",
    });
  const systems = [system, ...(r.compare ?? []).map((n, i) => pricedSystem(n, `compare[${i}]`, cat))];
  return {
    kind,
    system,
    systems: systems.filter((s, i) => systems.findIndex((x) => x.id === s.id) === i),
    notes,
    options: {
      model,
      system,
      chips: r.chips,
      weights: r.weights,
      activations: r.activations,
      kvCache: r.kvCache,
      input: r.input,
      output: r.output,
      batch: r.batch,
      concurrency: r.concurrency,
      rate: r.rate,
      layout: { tp: neuron?.tp, pp: r.pp, ep: r.ep },
      targets: { ttftS: r.sloTtft, tpotS: r.sloTpot, percentile: r.sloPercentile },
      priceUsdPerChipHour: r.price !== undefined ? r.price * SECONDS_PER_HOUR : undefined,
      durationS: r.duration,
      seed: r.seed,
    },
  };
}
