/**
 * Validation of the serving planner against published inference runs: each row's architecture
 * is built from its own fields, completed from the catalog model; its hardware label names a
 * catalog chip; its throughput (output tokens/s per chip) and latencies (TTFT, TPOT) are
 * predicted with the calibrated constants of the chip's family - never per row or per source.
 * Also the fit of those constants and their leave-one-source-out cross-validation.
 */
import { type Catalog, type ChipSpec, type SystemSpec, systemFromChip } from "../catalog/catalog.js";
import { resolveHardware, tpUnitsPerChip } from "../catalog/labels.js";
import type { Model, Precision } from "../catalog/schema.js";
import { type ArchitectureShape, architectureShape } from "../llm/architecture.js";
import { calibrationFor, type ServingConstants } from "../serve/calibration.js";
import { type Precisions, peakFlopsAt } from "../serve/precision.js";
import { maxBatchFor, type ServingSetup, servingSetup } from "../serve/setup.js";
import { staticBatch, steadyStepSeconds } from "../serve/workload.js";
import { leaveOneSourceOut } from "./cross-validation.js";
import { type ErrorSummary, relativeError, summarize, summarizeBy } from "./errors.js";
import { type FitBounds, fitConstants, fitObjective } from "./fit.js";
import type { InferenceRow } from "./rows.js";
import { Skip, skipOf, type ValidationSkip } from "./skip.js";

export type ValidationMetric = "throughput" | "ttft" | "tpot";

/** One prediction against one measurement. */
export interface ServingResult {
  id: string;
  metric: ValidationMetric;
  predicted: number;
  measured: number;
  /** (predicted - measured) / measured. */
  error: number;
  /** |error|. */
  ape: number;
  source: string;
  family: string;
  chip: string;
  model: string;
  /** How the prediction was made (static batch, saturation, ...). */
  basis: string;
}

/** Throughput and latency errors of a group of results. */
export interface GroupErrors {
  throughput: ErrorSummary;
  latency: ErrorSummary;
}

export interface ServingValidation extends GroupErrors {
  rows: number;
  evaluated: number;
  skipped: ValidationSkip[];
  /** Errors per source and per chip. */
  bySource: (GroupErrors & { key: string })[];
  byChip: (GroupErrors & { key: string })[];
  results: ServingResult[];
}

/** Constants replaced per calibration family (for fitting and what-if; reports use none). */
export type Override = Readonly<Record<string, Partial<ServingConstants>>>;

const str = (v: string | null | undefined): string | undefined => (v ? v : undefined);
const num = (v: number | null | undefined): number | undefined => v ?? undefined;

function chipOf(cat: Catalog, label: string | undefined): ChipSpec {
  if (!label) throw new Skip("no hardware_chip");
  const r = resolveHardware(label, cat);
  if ("reason" in r) throw new Skip(r.reason);
  return r.chip;
}

function systemOf(cat: Catalog, chip: ChipSpec, row: InferenceRow): SystemSpec {
  const name = str(row.system_name);
  const sys = name ? cat.systems.find(name) : undefined;
  if (sys && sys.chip.id === chip.id) return sys;
  return systemFromChip(chip);
}

/** Parses "8 experts, top-2", "128 experts, top-8, expert FFN 1536", "plus shared expert", "alternating". */
function moeOf(text: string | undefined, base: Model | undefined, ffn: number | undefined): Model["moe"] {
  if (!text) return base?.moe;
  const experts = Number(/(\d+)\s+(?:routed\s+)?experts/i.exec(text)?.[1] ?? base?.moe?.experts);
  const topK = Number(/top-?(\d+)/i.exec(text)?.[1] ?? base?.moe?.topK);
  const expertFfn = Number(/expert FFN\s+(\d+)/i.exec(text)?.[1] ?? base?.moe?.expertFfn ?? ffn);
  if (!(experts > 0 && topK > 0 && expertFfn > 0)) throw new Skip(`cannot read the MoE config "${text}"`);
  const shared = /shared expert/i.test(text)
    ? Math.max(1, base?.moe?.sharedExperts ?? 1)
    : (base?.moe?.sharedExperts ?? 0);
  const every = /alternating/i.test(text) ? 2 : (base?.moe?.every ?? 1);
  return { experts, topK, expertFfn, sharedExperts: shared, denseLayers: base?.moe?.denseLayers ?? 0, every };
}

/** The row's architecture from its own fields, completed from the catalog model. */
export function rowModel(cat: Catalog, row: InferenceRow): { model: Model; notes: string[] } {
  const name = str(row.model) ?? "unnamed";
  const base = cat.models.find(name);
  const notes: string[] = [];
  const pick = (field: keyof InferenceRow, fallback: number | undefined, what: string): number => {
    const v = (row[field] as number | null | undefined) ?? fallback;
    if (v === undefined) throw new Skip(`${what} (${field}) missing and "${name}" is not in the catalog`);
    return v;
  };
  const layers = pick("n_layers", base?.layers, "layers");
  const hidden = pick("hidden_size", base?.hidden, "hidden size");
  const heads = pick("n_heads", base?.heads, "heads");
  const kvHeads = num(row.n_kv_heads) ?? base?.kvHeads ?? heads;
  const vocab = pick("vocab_size", base?.vocab, "vocab size");
  const ffnRow = num(row.ffn_size);
  const moe = moeOf(str(row.moe_config), base, ffnRow);
  const ffn = moe ? (base?.ffn ?? ffnRow ?? moe.expertFfn) : pick("ffn_size", base?.ffn, "FFN size");
  const headDim = base?.headDim ?? hidden / heads;
  if (!base) notes.push(`"${name}" not in the catalog: head dim hidden/heads, SwiGLU assumed`);
  const model: Model = {
    id: base?.id ?? name.toLowerCase().replace(/[^a-z0-9.]+/g, "-"),
    name,
    aliases: [],
    family: base?.family ?? "unknown",
    hypothetical: false,
    layers,
    hidden,
    heads,
    kvHeads,
    headDim,
    ffn,
    activation: base?.activation ?? "swiglu",
    vocab,
    tiedEmbeddings: base?.tiedEmbeddings ?? false,
    maxSeq: undefined,
    moe,
    mla: base?.mla,
    sources: base?.sources ?? ["validation row"],
    notes: [],
  };
  return { model, notes };
}

function precisionOf(text: string | undefined): Precision | undefined {
  if (!text) return undefined;
  if (/int4|awq/i.test(text)) throw new Skip(`precision "${text}" (4-bit integer) is not modelled`);
  if (/fp4/i.test(text)) return "fp4";
  if (/fp8/i.test(text)) return "fp8";
  if (/int8/i.test(text)) return "int8";
  if (/bf16|bfloat16|fp16|float16/i.test(text)) return "bf16";
  return undefined;
}

/**
 * One row made ready for prediction: everything that does not depend on the calibration
 * constants (catalog lookups, architecture, precisions, lengths), so fitting can re-predict it
 * cheaply.
 */
export interface PreparedRow {
  id: string;
  /** The source document: its title, with the commit of the page when the reference gives one. */
  source: string;
  /** The calibration family of the row's chip. */
  family: string;
  chip: ChipSpec;
  system: SystemSpec;
  model: Model;
  shape: ArchitectureShape;
  precisions: Precisions;
  input: number;
  output: number;
  chips: number;
  pp: number;
  ep: number;
  /** Published tensor-parallel degree in chips (undefined: not published). */
  tp?: number;
  batch?: number;
  /** The benchmark runtime's own limits where its method publishes them (e.g. trtllm-bench). */
  runtime: Partial<ServingConstants>;
  /** Requests in the benchmark's dataset, all queued at once, where the method publishes it. */
  requests?: number;
  measured: { throughput?: number; ttft?: number; tpot?: number };
}

function isTrtllmBench(row: InferenceRow): boolean {
  return /trtllm-bench/i.test(`${str(row.scenario) ?? ""} ${str(row.software_stack) ?? ""}`);
}

/**
 * Scheduler limits of the benchmark tool named in the row. trtllm-bench (TensorRT-LLM
 * perf-overview) sizes max_batch_size from the KV cache that fits, capped at 4096, and
 * max_num_tokens to the steady state's batch x (1 + ISL/OSL), capped at 32768
 * (tensorrt_llm/bench/build/tuning.py): the KV cache, not a fixed 1024, bounds the batch.
 */
function runtimeOf(row: InferenceRow): PreparedRow["runtime"] {
  return isTrtllmBench(row) ? { maxBatch: 4096 } : {};
}

/**
 * trtllm-bench's datasets: $num_requests per ISL/OSL pair, as the perf-overview page's
 * "Preparing a Dataset" table gives it (fewer requests for longer sequences). A benchmark input
 * like a batch size, not a result.
 */
const TRTLLM_BENCH_REQUESTS: [number, number, number][] = [
  [128, 128, 30000],
  [128, 2048, 3000],
  [128, 4096, 1500],
  [500, 2000, 3000],
  [1000, 1000, 3000],
  [1000, 2000, 1500],
  [2048, 128, 3000],
  [2048, 2048, 1500],
  [5000, 500, 1500],
  [20000, 2000, 1000],
];

function requestsOf(row: InferenceRow, input: number, output: number): number | undefined {
  if (!isTrtllmBench(row)) return undefined;
  return TRTLLM_BENCH_REQUESTS.find(([i, o]) => i === input && o === output)?.[2];
}

/** The source document of a row: its title, plus the page's commit when the reference names one. */
export function sourceKeyOf(row: Pick<InferenceRow, "source_title" | "source_ref">): string {
  const title = str(row.source_title) ?? "?";
  const commit = /@([0-9a-f]{7,40})\b/.exec(str(row.source_ref) ?? "")?.[1];
  return commit ? `${title} @${commit.slice(0, 8)}` : title;
}

function precisionsFor(chip: ChipSpec, row: InferenceRow): Precisions {
  const w = precisionOf(str(row.weight_precision)) ?? "bf16";
  const aText = precisionOf(str(row.activation_precision));
  const a = aText ?? (peakFlopsAt(chip, w) !== undefined && w !== "int8" ? w : "bf16");
  if (peakFlopsAt(chip, a) === undefined) throw new Skip(`${chip.name} does not compute in ${a}`);
  const k = precisionOf(str(row.kv_cache_precision)) ?? (a === "fp8" || a === "fp4" ? a : "bf16");
  return { weights: w, activations: a, kvCache: k === "fp4" ? "fp8" : k };
}

function prepare(cat: Catalog, row: InferenceRow): PreparedRow {
  const id = String(row.id);
  const throughput = num(row.derived_output_tokens_per_s_per_chip);
  const ttft = num(row.ttft_ms_p50) ?? num(row.ttft_ms_mean);
  const tpot = num(row.tpot_ms_p50) ?? num(row.tpot_ms_mean);
  if (throughput === undefined && ttft === undefined && tpot === undefined) {
    throw new Skip("no output tokens/s per chip, TTFT or TPOT published");
  }
  const chip = chipOf(cat, str(row.hardware_chip));
  const system = systemOf(cat, chip, row);
  const { model } = rowModel(cat, row);
  const input = num(row.input_length);
  // A first-token latency needs only the prompt; throughput needs both lengths.
  const output = num(row.output_length) ?? (throughput === undefined ? 1 : undefined);
  if (input === undefined || output === undefined) throw new Skip("input/output lengths not published");
  const chips = num(row.chip_count);
  if (chips === undefined) throw new Skip("chip count not published");
  const pp = num(row.pp) ?? 1;
  const units = tpUnitsPerChip(chip);
  let tp = num(row.tp);
  if (tp !== undefined && tp * pp > chips && tp % units === 0) tp = tp / units; // NeuronCores to chips
  return {
    id,
    source: sourceKeyOf(row),
    family: calibrationFor(chip).family,
    chip,
    system,
    model,
    shape: architectureShape(model),
    precisions: precisionsFor(chip, row),
    input,
    output,
    chips,
    pp,
    ep: num(row.ep) ?? 1,
    tp,
    batch: num(row.batch_size),
    runtime: runtimeOf(row),
    requests: requestsOf(row, input, output),
    measured: { throughput, ttft, tpot },
  };
}

function setupFor(p: PreparedRow, tp: number, ep: number, override?: Override): ServingSetup {
  return servingSetup({
    model: p.model,
    system: p.system,
    precisions: p.precisions,
    layout: { tp, pp: p.pp, ep },
    calibration: { ...p.runtime, ...override?.[p.family] },
    shape: p.shape,
  });
}

/** The setup of a prepared row: its published layout, else the one with the best throughput per chip. */
function layoutFor(p: PreparedRow, override?: Override): ServingSetup {
  const { pp, chips, batch, input, output } = p;
  let tp = p.tp;
  const total = input + output;
  if (tp === undefined) {
    // Not published ("max TP/PP/DP config"): the layout with the highest throughput per chip.
    let best: { tp: number; rate: number } | undefined;
    for (let t = 1; t * pp <= chips; t *= 2) {
      if (chips % (t * pp) !== 0) continue;
      const s = setupFor(p, t, 1, override);
      const b = batch ?? maxBatchFor(s, total);
      if (b < 1 || maxBatchFor(s, total) < b) continue;
      const rate = b / (t * pp * steadyStepSeconds(s, b, input, output));
      if (!best || rate > best.rate) best = { tp: t, rate };
    }
    if (!best) throw new Skip("the model does not fit any layout of these chips");
    tp = best.tp;
  }
  return setupFor(p, tp, Math.min(p.ep, tp), override);
}

/** Predicts one prepared row's published metrics with the given constants. */
export function predictRow(p: PreparedRow, override?: Override): ServingResult[] {
  const s = layoutFor(p, override);
  const common = { id: p.id, source: p.source, family: p.family, chip: s.chip.id, model: s.model.name };
  const fit = maxBatchFor(s, p.input + p.output);
  if (fit < 1) throw new Skip("the model does not fit the published layout");
  let tputPred: number;
  let ttftPred: number | undefined;
  let tpotPred: number | undefined;
  let basis: string;
  if (p.batch !== undefined) {
    const sb = staticBatch(s, p.batch, p.input, p.output);
    tputPred = sb.outputTokensPerS / (s.layout.tp * s.layout.pp);
    ttftPred = sb.ttftS;
    tpotPred = sb.tpotS;
    basis = `static batch ${p.batch}`;
  } else if (p.requests !== undefined) {
    // All requests queued at once, every one of the same lengths: they run in waves of the batch
    // that fits, each wave OSL steps with its prompts' chunks riding along; the last wave is short.
    const n = p.requests / Math.max(1, Math.floor(p.chips / (s.layout.tp * s.layout.pp)));
    const full = Math.floor(n / fit);
    const rest = n - full * fit;
    const t =
      p.output *
      (full * steadyStepSeconds(s, fit, p.input, p.output) +
        (rest > 0 ? steadyStepSeconds(s, rest, p.input, p.output) : 0));
    tputPred = (n * p.output) / t / (s.layout.tp * s.layout.pp);
    basis = `${p.requests} requests queued at once: waves of ${Math.min(fit, Math.ceil(n))} (largest batch that fits)`;
  } else {
    const step = steadyStepSeconds(s, fit, p.input, p.output);
    tputPred = fit / step / (s.layout.tp * s.layout.pp);
    basis = `in-flight batching at saturation: batch ${fit} (largest that fits)`;
  }
  basis += `, tp ${s.layout.tp} pp ${s.layout.pp}, ${s.precisions.weights}/${s.precisions.activations}/${s.precisions.kvCache}`;
  const out: ServingResult[] = [];
  const add = (metric: ValidationMetric, predicted: number, measured: number) => {
    const error = relativeError(predicted, measured);
    out.push({ ...common, metric, predicted, measured, error, ape: Math.abs(error), basis });
  };
  const { throughput, ttft, tpot } = p.measured;
  if (throughput !== undefined) add("throughput", tputPred, throughput);
  if (ttft !== undefined && ttftPred !== undefined) add("ttft", ttftPred * 1e3, ttft);
  if (tpot !== undefined && tpotPred !== undefined) add("tpot", tpotPred * 1e3, tpot);
  if (out.length === 0)
    throw new Skip("latency published without a batch size (a loaded server): not predicted");
  return out;
}

/** Prepares every row it can; lists the others with the reason. */
export function prepareRows(
  rows: readonly InferenceRow[],
  cat: Catalog,
): { prepared: PreparedRow[]; skipped: ValidationSkip[] } {
  const prepared: PreparedRow[] = [];
  const skipped: ValidationSkip[] = [];
  for (const row of rows) {
    try {
      prepared.push(prepare(cat, row));
    } catch (e) {
      skipped.push(skipOf(String(row.id), e));
    }
  }
  return { prepared, skipped };
}

/** Predicts prepared rows; rows that cannot be predicted (a layout that does not fit) are skipped. */
export function predictRows(
  prepared: readonly PreparedRow[],
  override?: Override,
): { results: ServingResult[]; skipped: ValidationSkip[]; evaluated: number } {
  const results: ServingResult[] = [];
  const skipped: ValidationSkip[] = [];
  let evaluated = 0;
  for (const p of prepared) {
    try {
      results.push(...predictRow(p, override));
      evaluated++;
    } catch (e) {
      skipped.push(skipOf(p.id, e));
    }
  }
  return { results, skipped, evaluated };
}

/** Throughput and latency summaries of results. */
export function groupErrors(results: readonly ServingResult[]): GroupErrors {
  return {
    throughput: summarize(results.filter((r) => r.metric === "throughput").map((r) => r.error)),
    latency: summarize(results.filter((r) => r.metric !== "throughput").map((r) => r.error)),
  };
}

function groupsBy(results: readonly ServingResult[], key: (r: ServingResult) => string) {
  const keys = summarizeBy(results, key, (r) => r.error).map((g) => g.key);
  return keys.map((k) => ({ key: k, ...groupErrors(results.filter((r) => key(r) === k)) }));
}

/** Predicts every row it can; lists the others with the reason. */
export function validateServing(
  rows: readonly InferenceRow[],
  cat: Catalog,
  opts: { calibration?: Override } = {},
): ServingValidation {
  const order = new Map(rows.map((r, i) => [String(r.id), i]));
  const prep = prepareRows(rows, cat);
  const pred = predictRows(prep.prepared, opts.calibration);
  const skipped = [...prep.skipped, ...pred.skipped].sort(
    (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const { results } = pred;
  return {
    rows: rows.length,
    evaluated: pred.evaluated,
    skipped,
    ...groupErrors(results),
    bySource: groupsBy(results, (r) => r.source),
    byChip: groupsBy(results, (r) => r.chip),
    results,
  };
}

/** The constants the serving fit moves, with their physical bounds. */
export const SERVING_BOUNDS: FitBounds<
  | "bandwidthFraction"
  | "kvBandwidthFraction"
  | "computeFraction"
  | "stepOverheadS"
  | "allReduceLatencyS"
  | "linkFraction"
> = {
  bandwidthFraction: { min: 0.5, max: 0.9, scale: "log" },
  kvBandwidthFraction: { min: 0.15, max: 0.9, scale: "log" },
  computeFraction: { min: 0.15, max: 0.9, scale: "log" },
  stepOverheadS: { min: 2e-4, max: 1e-2, scale: "log" },
  allReduceLatencyS: { min: 2e-6, max: 1e-4, scale: "log" },
  linkFraction: { min: 0.2, max: 0.9, scale: "log" },
};

type Fitted = Record<keyof typeof SERVING_BOUNDS, number>;

const measurementsOf = (p: PreparedRow) => Object.values(p.measured).filter((v) => v !== undefined).length;

/**
 * Fits the constants of one family to `rows` (all of that family), starting from the
 * family-independent defaults; the family's other constants (memory, runtime limits) stay.
 */
export function fitServingFamily(family: string, rows: readonly PreparedRow[]): Fitted {
  const start = calibrationFor({ id: "", family: "" });
  const c = Object.fromEntries(
    Object.keys(SERVING_BOUNDS).map((k) => [k, start[k as keyof Fitted]]),
  ) as Fitted;
  const expected = rows.reduce((n, p) => n + measurementsOf(p), 0);
  return fitConstants(c, SERVING_BOUNDS, (x) => {
    const { results } = predictRows(rows, { [family]: x });
    return fitObjective(
      results.map((r) => r.ape),
      Math.max(0, expected - results.length),
    );
  });
}

/** Fits every family that has rows. */
export function fitServing(prepared: readonly PreparedRow[]): Record<string, Fitted> {
  const families = [...new Set(prepared.map((p) => p.family))].sort();
  return Object.fromEntries(
    families.map((f) => [
      f,
      fitServingFamily(
        f,
        prepared.filter((p) => p.family === f),
      ),
    ]),
  );
}

/** Leave-one-source-out cross-validation of the serving constants. */
export interface ServingCrossValidation extends GroupErrors {
  /** The same rows scored with the stored constants, for comparison. */
  inSample: GroupErrors;
  byFamily: (GroupErrors & { family: string; sources: number; inSample: GroupErrors })[];
  bySource: {
    source: string;
    families: string[];
    notRefitted: string[];
    crossValidated: GroupErrors;
    inSample: GroupErrors;
  }[];
  /** Families that cannot be cross-validated (fully): too few measurements outside one source. */
  notCrossValidated: string[];
  results: ServingResult[];
}

/** Each source's rows predicted with constants refitted without that source. */
export function crossValidateServing(rows: readonly InferenceRow[], cat: Catalog): ServingCrossValidation {
  const { prepared } = prepareRows(rows, cat);
  const cv = leaveOneSourceOut({
    items: prepared,
    source: (p) => p.source,
    family: (p) => p.family,
    measurements: measurementsOf,
    refit: fitServingFamily,
    predict: (held, fitted) => predictRows(held, fitted).results,
  });
  const out = cv.folds.flatMap((f) => f.crossValidated);
  const ins = cv.folds.flatMap((f) => f.inSample);
  return {
    ...groupErrors(out),
    inSample: groupErrors(ins),
    byFamily: [...cv.sourcesByFamily]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([family, sources]) => ({
        family,
        sources,
        ...groupErrors(out.filter((r) => r.family === family)),
        inSample: groupErrors(ins.filter((r) => r.family === family)),
      }))
      .filter((f) => f.throughput.n + f.latency.n > 0),
    bySource: cv.folds.map((f) => ({
      source: f.source,
      families: f.families,
      notRefitted: f.notRefitted,
      crossValidated: groupErrors(f.crossValidated),
      inSample: groupErrors(f.inSample),
    })),
    notCrossValidated: cv.notCrossValidated,
    results: out,
  };
}
