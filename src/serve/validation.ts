/**
 * Validation against published inference runs (the format of ../shared/validation/inference.json):
 * each row's architecture is built from its own fields, completed from the catalog model; its
 * chip is found in the catalog; throughput rows (output tokens/s per chip) and latency rows
 * (TTFT, TPOT) are predicted with the calibrated constants of the chip's family - never per row
 * or per source. Browser-safe: the caller reads the file.
 */
import { type Catalog, type ChipSpec, type SystemSpec, systemFromChip } from "../catalog/catalog.js";
import type { Model, Precision } from "../catalog/schema.js";
import { type ArchitectureShape, architectureShape } from "../llm/architecture.js";
import { calibrationFor, type ServingCalibration } from "./calibration.js";
import { type Precisions, peakFlopsAt } from "./precision.js";
import { maxBatchFor, type ServingSetup, servingSetup } from "./setup.js";
import { staticBatch, steadyStepSeconds } from "./workload.js";

/** One published run; fields as in the validation file (null where not published). */
export type ValidationRow = Record<string, unknown>;

export type ValidationMetric = "throughput" | "ttft" | "tpot";

/** One prediction against one measurement. */
export interface ValidationResult {
  id: string;
  metric: ValidationMetric;
  predicted: number;
  measured: number;
  /** Absolute percentage error, |predicted - measured| / measured * 100. */
  ape: number;
  source: string;
  chip: string;
  model: string;
  /** How the prediction was made (static batch, saturation, ...). */
  basis: string;
}

export interface ValidationSkip {
  id: string;
  reason: string;
}

export interface ErrorSummary {
  n: number;
  /** Mean absolute percentage error, %. */
  mape: number;
  /** Median absolute percentage error, %. */
  medianApe: number;
}

export interface GroupSummary {
  throughput: ErrorSummary;
  latency: ErrorSummary;
}

export interface ServingValidation {
  rows: number;
  evaluated: number;
  skipped: ValidationSkip[];
  throughput: ErrorSummary;
  latency: ErrorSummary;
  /** Errors per source and per chip, throughput and latency apart. */
  bySource: (GroupSummary & { source: string })[];
  byChip: (GroupSummary & { chip: string })[];
  results: ValidationResult[];
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

class Skip extends Error {}

function chipOf(cat: Catalog, label: string | undefined): ChipSpec {
  if (!label) throw new Skip("no hardware_chip");
  if (/\bA100\/H100\b/.test(label)) throw new Skip(`ambiguous chip "${label}"`);
  const direct = cat.chips.find(label);
  if (direct) return direct;
  const patterns: [RegExp, string][] = [
    [/GB200/i, "gb200"],
    [/GH200/i, "gh200"],
    [/B200/i, "b200"],
    [/H200/i, "h200"],
    [/H100.*PCIe/i, "h100-pcie"],
    [/H100/i, "h100-sxm"],
    [/A100.*40\s*GB/i, "a100-40gb"],
    [/A100/i, "a100-80gb"],
    [/L40S/i, "l40s"],
    [/RTX PRO 6000/i, "rtx-pro-6000"],
    [/Inferentia\s*2|Inf2/i, "inferentia2"],
    [/Trainium\s*2|Trn2/i, "trainium2"],
    [/Trainium|Trn1/i, "trainium1"],
    [/MI300X/i, "mi300x"],
    [/TPU v5e/i, "tpu-v5e"],
    [/Gaudi\s*2/i, "gaudi2"],
  ];
  for (const [re, id] of patterns) {
    if (re.test(label)) {
      const c = cat.chips.find(id);
      if (c) return c;
    }
  }
  throw new Skip(`chip "${label}" is not in the catalog`);
}

function systemOf(cat: Catalog, chip: ChipSpec, row: ValidationRow): SystemSpec {
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
export function rowModel(cat: Catalog, row: ValidationRow): { model: Model; notes: string[] } {
  const name = str(row.model) ?? "unnamed";
  const base = cat.models.find(name);
  const notes: string[] = [];
  const pick = (field: string, fallback: number | undefined, what: string): number => {
    const v = num(row[field]) ?? fallback;
    if (v === undefined) throw new Skip(`${what} (${field}) missing and "${name}" is not in the catalog`);
    return v;
  };
  const layers = pick("n_layers", base?.layers, "layers");
  const hidden = pick("hidden_size", base?.hidden, "hidden size");
  const heads = pick("n_heads", base?.heads, "heads");
  const kvHeads = num(row.n_kv_heads) ?? base?.kvHeads ?? heads;
  const vocab = pick("vocab_size", base?.vocab, "vocab size");
  const moeText = str(row.moe_config);
  const ffnRow = num(row.ffn_size);
  const moe = moeOf(moeText, base, ffnRow);
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

type Override = ValidationOptions["calibration"];

/** Options of a validation run. */
export interface ValidationOptions {
  /** Replaces constants per calibration family (for fitting and what-if; reports use none). */
  calibration?: Record<string, Partial<Omit<ServingCalibration, "family">>>;
}

/**
 * One row made ready for prediction: everything that does not depend on the calibration
 * constants (catalog lookups, architecture, precisions, lengths), so fitting can re-predict it
 * cheaply.
 */
export interface PreparedRow {
  id: string;
  /** The source title as published. */
  source: string;
  /** The source document: its title, with the commit of the page when the reference gives one. */
  sourceKey: string;
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
  runtime: Partial<Omit<ServingCalibration, "family">>;
  /** Requests in the benchmark's dataset, all queued at once, where the method publishes it. */
  requests?: number;
  measured: { throughput?: number; ttft?: number; tpot?: number };
}

/**
 * Scheduler limits of the benchmark tool named in the row. trtllm-bench (TensorRT-LLM
 * perf-overview) sizes max_batch_size from the KV cache that fits, capped at 4096, and
 * max_num_tokens to the steady state's batch x (1 + ISL/OSL), capped at 32768
 * (tensorrt_llm/bench/build/tuning.py): the KV cache, not a fixed 1024, bounds the batch.
 */
function runtimeOf(row: ValidationRow): PreparedRow["runtime"] {
  return isTrtllmBench(row) ? { maxBatch: 4096 } : {};
}

function isTrtllmBench(row: ValidationRow): boolean {
  return /trtllm-bench/i.test(`${str(row.scenario) ?? ""} ${str(row.software_stack) ?? ""}`);
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

function requestsOf(row: ValidationRow, input: number, output: number): number | undefined {
  if (!isTrtllmBench(row)) return undefined;
  return TRTLLM_BENCH_REQUESTS.find(([i, o]) => i === input && o === output)?.[2];
}

/** The source document of a row: its title, plus the page's commit when the reference names one. */
export function sourceKeyOf(row: ValidationRow): string {
  const title = str(row.source_title) ?? "?";
  const commit = /@([0-9a-f]{7,40})\b/.exec(str(row.source_ref) ?? "")?.[1];
  return commit ? `${title} @${commit.slice(0, 8)}` : title;
}

function precisionsFor(chip: ChipSpec, row: ValidationRow): Precisions {
  const w = precisionOf(str(row.weight_precision)) ?? "bf16";
  const aText = precisionOf(str(row.activation_precision));
  const a = aText ?? (peakFlopsAt(chip, w) !== undefined && w !== "int8" ? w : "bf16");
  if (peakFlopsAt(chip, a) === undefined) throw new Skip(`${chip.name} does not compute in ${a}`);
  const k = precisionOf(str(row.kv_cache_precision)) ?? (a === "fp8" || a === "fp4" ? a : "bf16");
  return { weights: w, activations: a, kvCache: k === "fp4" ? "fp8" : k };
}

function prepare(cat: Catalog, row: ValidationRow): PreparedRow {
  const id = String(row.id ?? "?");
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
  const units = calibrationFor(chip).tpUnitsPerChip;
  let tp = num(row.tp);
  if (tp !== undefined && tp * pp > chips && tp % units === 0) tp = tp / units; // NeuronCores to chips
  return {
    id,
    source: str(row.source_title) ?? "?",
    sourceKey: sourceKeyOf(row),
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
export function predictRow(p: PreparedRow, override?: Override): ValidationResult[] {
  const s = layoutFor(p, override);
  const common = { id: p.id, source: p.sourceKey, chip: s.chip.id, model: s.model.name };
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
  const out: ValidationResult[] = [];
  const { throughput, ttft, tpot } = p.measured;
  if (throughput !== undefined) {
    out.push({
      ...common,
      metric: "throughput",
      predicted: tputPred,
      measured: throughput,
      ape: ape(tputPred, throughput),
      basis,
    });
  }
  if (ttft !== undefined && ttftPred !== undefined) {
    const pr = ttftPred * 1e3;
    out.push({ ...common, metric: "ttft", predicted: pr, measured: ttft, ape: ape(pr, ttft), basis });
  }
  if (tpot !== undefined && tpotPred !== undefined) {
    const pr = tpotPred * 1e3;
    out.push({ ...common, metric: "tpot", predicted: pr, measured: tpot, ape: ape(pr, tpot), basis });
  }
  if (out.length === 0)
    throw new Skip("latency published without a batch size (a loaded server): not predicted");
  return out;
}

function ape(predicted: number, measured: number): number {
  return Math.abs(predicted - measured) / measured;
}

/** Error summary of absolute percentage errors (fractions). */
export function summary(xs: number[]): ErrorSummary {
  if (xs.length === 0) return { n: 0, mape: 0, medianApe: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: xs.length, mape: xs.reduce((s, x) => s + x, 0) / xs.length, medianApe: median };
}

function skipOf(id: string, e: unknown): ValidationSkip {
  if (e instanceof Skip) return { id, reason: e.message };
  if (e instanceof Error && e.name === "InputError") return { id, reason: e.message };
  throw e;
}

/** Prepares every row it can; lists the others with the reason. */
export function prepareRows(
  rows: readonly ValidationRow[],
  cat: Catalog,
): { prepared: PreparedRow[]; skipped: ValidationSkip[] } {
  const prepared: PreparedRow[] = [];
  const skipped: ValidationSkip[] = [];
  for (const row of rows) {
    const id = String(row.id ?? "?");
    try {
      prepared.push(prepare(cat, row));
    } catch (e) {
      skipped.push(skipOf(id, e));
    }
  }
  return { prepared, skipped };
}

/** Predicts prepared rows; rows that cannot be predicted (a layout that does not fit) are skipped. */
export function predictRows(
  prepared: readonly PreparedRow[],
  override?: Override,
): { results: ValidationResult[]; skipped: ValidationSkip[]; evaluated: number } {
  const results: ValidationResult[] = [];
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

/** Throughput and latency summaries of results grouped by `key`. */
export function groupErrors<K extends "source" | "chip">(
  results: readonly ValidationResult[],
  key: K,
): (GroupSummary & Record<K, string>)[] {
  const m = new Map<string, { t: number[]; l: number[] }>();
  for (const r of results) {
    const g = m.get(r[key]) ?? { t: [], l: [] };
    (r.metric === "throughput" ? g.t : g.l).push(r.ape);
    m.set(r[key], g);
  }
  return [...m].map(
    ([k, g]) =>
      ({ [key]: k, throughput: summary(g.t), latency: summary(g.l) }) as unknown as GroupSummary &
        Record<K, string>,
  );
}

/** Predicts every row it can; lists the others with the reason. */
export function validateServing(
  rows: readonly ValidationRow[],
  cat: Catalog,
  opts: ValidationOptions = {},
): ServingValidation {
  const order = new Map(rows.map((r, i) => [String(r.id ?? "?"), i]));
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
    throughput: summary(results.filter((r) => r.metric === "throughput").map((r) => r.ape)),
    latency: summary(results.filter((r) => r.metric !== "throughput").map((r) => r.ape)),
    bySource: groupErrors(results, "source"),
    byChip: groupErrors(results, "chip"),
    results,
  };
}
