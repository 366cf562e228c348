/**
 * Validation of the training planner against published runs (the format of
 * `shared/validation/training.json`): each row's architecture is built from its own fields
 * (gaps filled from the catalog model, if any), its hardware label mapped to a catalog system,
 * the strategy fields it leaves unpublished searched, and the predicted tokens/s per chip compared
 * with the measured one (or one derived with the row's own FLOP convention). Browser-safe: the
 * caller passes the rows and a catalog.
 */
import type { SystemSpec } from "../catalog/catalog.js";
import type { Model, Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape, forwardFlopsPerToken } from "../llm/architecture.js";
import { calibrationFamily, defaultCalibration, type FamilyCalibration } from "./calibration.js";
import { estimateOn } from "./estimate.js";
import { type FitCase, type FitOptions, fitFamilies } from "./fit.js";
import { HARDWARE_LABELS, MODEL_LABELS } from "./labels.js";
import { type Problem, prepare } from "./problem.js";
import { searchSlice } from "./search.js";
import { cpValid, epValid, ppValid, tpValid } from "./space.js";
import type { GradientPrecision, Strategy, TrainingOptions } from "./types.js";

/** What validation needs from a catalog. */
export interface CatalogLookup {
  /** A system or chip by id; undefined when unknown. */
  systemOrChip(id: string): SystemSpec | undefined;
  model(id: string): Model | undefined;
}

/** One evaluated row. */
export interface RowResult {
  id: string | number;
  source: string;
  model: string;
  hardware: string;
  system: string;
  chip: string;
  family: string;
  chips: number;
  precision: Precision;
  /** Predicted and measured tokens/s per chip. */
  predicted: number;
  measured: number;
  /** |predicted - measured| / measured. */
  ape: number;
  /** (predicted - measured) / measured. */
  error: number;
  /** Where the measured figure came from (and any conversion). */
  measuredFrom: string;
  /** The strategy the prediction used; `fixed` lists the published fields it kept. */
  strategy: Strategy;
  fixed: string[];
  /**
   * For a row that publishes tp, pp, dp and the micro-batch: whether some completion of its
   * published strategy fits in modelled memory ("fits"), none does ("over"), or the published
   * degrees are outside the modelled space ("outside"). Absent when the strategy is not published.
   */
  publishedFit?: "fits" | "over" | "outside";
  /** Precision of the gradient buffer assumed for the row's framework. */
  gradientPrecision: GradientPrecision;
  notes: string[];
}

export interface Skipped {
  id: string | number;
  reason: string;
}

export interface Summary {
  key: string;
  rows: number;
  mape: number;
  medianApe: number;
  /** Mean signed error (positive: the model predicts faster than measured). */
  bias: number;
}

/** How many published strategies fit in modelled memory (they all ran, so all should). */
export interface MemoryFit {
  /** Rows that publish tp, pp, dp and the micro-batch. */
  rows: number;
  fits: number;
  /** fits / rows. */
  rate: number;
  /** Ids of rows whose published strategy exceeds modelled memory. */
  over: (string | number)[];
  /** Ids of rows whose published degrees the modelled space cannot represent. */
  outside: (string | number)[];
}

/** Leave-one-source-out cross-validation: each source scored with constants fitted without it. */
export interface CrossValidation {
  method: string;
  /** Rows scored (every evaluated row, once, in its source's fold). */
  n: number;
  mape: number;
  medianApe: number;
  /** Per left-out source: its rows' errors, and the families that had no other source. */
  bySource: (Summary & { families: string[]; unfitted: string[] })[];
  byFamily: Summary[];
  /** Families whose evaluated rows all come from one source (their fold falls back to `default`). */
  singleSourceFamilies: { family: string; source: string }[];
  results: {
    id: string | number;
    source: string;
    family: string;
    predicted: number;
    measured: number;
    ape: number;
  }[];
}

export interface ValidationReport {
  rows: number;
  evaluated: number;
  skipped: number;
  mape: number;
  medianApe: number;
  results: RowResult[];
  skippedRows: Skipped[];
  bySource: Summary[];
  byChip: Summary[];
  byFamily: Summary[];
  memoryFit: MemoryFit;
  /** Present when `crossValidate` was asked for. */
  crossValidation?: CrossValidation;
}

type Row = Record<string, unknown>;

const num = (r: Row, k: string): number | undefined => {
  const v = r[k];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};
const str = (r: Row, k: string): string => (typeof r[k] === "string" ? (r[k] as string) : "");

class Skip extends Error {}
const skip = (reason: string): never => {
  throw new Skip(reason);
};

function resolveHardware(label: string, cat: CatalogLookup): { system: SystemSpec; unitsPerChip: number } {
  for (const h of HARDWARE_LABELS) {
    if (!h.pattern.test(label)) continue;
    for (const id of h.ids) {
      const s = cat.systemOrChip(id);
      if (s) return { system: s, unitsPerChip: h.unitsPerChip ?? 1 };
    }
    return skip(`hardware "${label}" maps to ${h.ids.join("/")}, not in the catalog`);
  }
  return skip(`hardware "${label}" matches no catalog chip`);
}

function catalogModel(name: string, cat: CatalogLookup): Model | undefined {
  for (const m of MODEL_LABELS) {
    const match = m.pattern.exec(name);
    if (!match) continue;
    for (const template of m.ids) {
      const id = template.replace("$1", match[1] ?? "");
      const found = cat.model(id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The row's architecture: its own fields first, gaps from the catalog model, then conventions. */
export function rowModel(r: Row, cat: CatalogLookup): { model: Model; notes: string[] } {
  const notes: string[] = [];
  const name = str(r, "model");
  const base = catalogModel(name, cat);
  const layers = num(r, "layers") ?? base?.layers;
  const hidden = num(r, "hidden_size") ?? base?.hidden;
  if (!layers || !hidden) return skip("architecture not published (layers or hidden size missing)");
  let heads = num(r, "attention_heads") ?? base?.heads;
  if (!heads) {
    heads = Math.max(1, Math.round(hidden / 128));
    notes.push(`heads assumed hidden/128 = ${heads}`);
  }
  const moe = r.moe === true;
  const activationText = str(r, "ffn_activation").toLowerCase();
  const activation: Model["activation"] = /swiglu|silu|glu/.test(activationText)
    ? "swiglu"
    : /gelu/.test(activationText)
      ? "gelu"
      : (base?.activation ?? "gelu");
  let ffn = num(r, "ffn_size");
  if (!ffn) {
    if (base) ffn = moe ? base.moe?.expertFfn : base.ffn;
    else if (activation === "gelu" && !moe) {
      ffn = 4 * hidden;
      notes.push("ffn assumed 4 x hidden (GPT convention)");
    }
  }
  if (!ffn) return skip("FFN size not published");
  const vocab = num(r, "vocab_size") ?? base?.vocab ?? 51200;
  if (!num(r, "vocab_size") && !base) notes.push("vocab assumed 51200");
  const kvHeads = num(r, "kv_heads") ?? (base && base.heads === heads ? base.kvHeads : heads);
  const headDim =
    num(r, "head_dim") ?? (base && base.heads === heads ? base.headDim : Math.round(hidden / heads));
  let moeSpec: Model["moe"];
  if (moe) {
    const experts = num(r, "num_experts") ?? base?.moe?.experts;
    const topK = num(r, "experts_per_token") ?? base?.moe?.topK;
    if (!experts || !topK) return skip("MoE experts or top-k not published");
    moeSpec = base?.moe
      ? { ...base.moe, experts, topK, expertFfn: num(r, "ffn_size") ?? base.moe.expertFfn }
      : { experts, topK, sharedExperts: 0, expertFfn: ffn, denseLayers: 0, every: 1 };
    if (!base?.moe)
      notes.push("MoE details (shared experts, dense layers) not in the catalog: routed experts only");
  }
  const model: Model = {
    id: base?.id ?? "row",
    name,
    aliases: [],
    family: base?.family ?? "validation",
    hypothetical: false,
    layers,
    hidden,
    heads,
    kvHeads,
    headDim,
    ffn: moe && base ? base.ffn : ffn,
    activation,
    vocab,
    tiedEmbeddings: base?.tiedEmbeddings ?? false,
    moe: moeSpec,
    mla: base?.mla && base.heads === heads ? base.mla : undefined,
    sources: ["validation row"],
    notes: [],
  };
  return { model, notes };
}

function rowPrecision(r: Row, system: SystemSpec): Precision {
  const text = str(r, "precision");
  if (/fp8/i.test(text) && system.chip.peakFlops.fp8) return "fp8";
  if (system.chip.peakFlops.bf16) return "bf16";
  return "fp16";
}

/** FLOPs per token under a row's stated convention (6N-style plus attention; recompute when it says so). */
export function conventionFlopsPerToken(r: Row, model: Model, seq: number): { flops: number; what: string } {
  const conv = str(r, "flops_convention");
  const causal = /\bcausal/i.test(conv) && !/non-?causal/i.test(conv);
  const recompute =
    /recompute|HFU-like|Narayanan/i.test(conv) && !/no recompute|excludes? recompute/i.test(conv);
  const shape = architectureShape(model);
  const fwd = forwardFlopsPerToken(shape, causal ? seq / 2 : seq);
  const layers = 3 * (fwd.matmul + fwd.attention) * (recompute ? 4 / 3 : 1);
  const flops = layers + 3 * fwd.logits;
  const what = `${causal ? "causal" : "non-causal"} attention${recompute ? ", with recompute" : ""}`;
  return { flops, what };
}

function conventionPeak(r: Row, system: SystemSpec): number {
  const conv = str(r, "flops_convention");
  const m = /(?:vs|peak)\s*(\d{3,4})\s*TFLOP/i.exec(conv);
  if (m) return Number(m[1]) * 1e12;
  const ref = num(r, "peak_tflops_per_chip_reference");
  if (ref) return ref * 1e12;
  return system.chip.peakFlops.bf16 ?? system.chip.peakFlops.fp16 ?? 0;
}

/** The measured tokens/s per chip, and how it was obtained. */
export function measuredTokensPerChip(
  r: Row,
  model: Model,
  seq: number,
  chips: number,
  batchTokens: number | undefined,
  system: SystemSpec,
): { value: number; from: string } {
  const direct = num(r, "measured_tokens_per_sec_per_chip");
  if (direct) return { value: direct, from: "measured tokens/s per chip" };
  const derived = num(r, "derived_tokens_per_sec_per_chip");
  if (derived) return { value: derived, from: "derived tokens/s per chip (row)" };
  const total = num(r, "measured_tokens_per_sec_total");
  if (total) return { value: total / chips, from: "measured tokens/s total / chips" };
  const seqs = num(r, "measured_seqs_per_sec_total");
  if (seqs) return { value: (seqs * seq) / chips, from: "measured sequences/s x seq / chips" };
  const step = num(r, "measured_step_time_s");
  if (step && batchTokens)
    return { value: batchTokens / step / chips, from: "global batch tokens / step time / chips" };
  const conv = conventionFlopsPerToken(r, model, seq);
  const tflops = num(r, "measured_tflops_per_chip");
  if (tflops)
    return { value: (tflops * 1e12) / conv.flops, from: `TFLOP/s per chip / FLOPs per token (${conv.what})` };
  const peak = conventionPeak(r, system);
  const mfu = num(r, "measured_mfu_pct");
  if (mfu && peak) {
    const c = conventionFlopsPerToken(
      { ...r, flops_convention: str(r, "flops_convention").replace(/recompute|HFU-like|Narayanan/gi, "") },
      model,
      seq,
    );
    return {
      value: ((mfu / 100) * peak) / c.flops,
      from: `MFU x ${Math.round(peak / 1e12)} TFLOP/s / FLOPs per token (${c.what})`,
    };
  }
  const hfu = num(r, "measured_hfu_pct");
  if (hfu && peak) {
    const c = conventionFlopsPerToken(
      { ...r, flops_convention: `${str(r, "flops_convention")} recompute` },
      model,
      seq,
    );
    return {
      value: ((hfu / 100) * peak) / c.flops,
      from: `HFU x ${Math.round(peak / 1e12)} TFLOP/s / FLOPs per token (${c.what})`,
    };
  }
  return skip("no throughput measurement");
}

function shardingZero(r: Row): Strategy["zero"] | undefined {
  const s = str(r, "sharding");
  if (!s) return undefined;
  if (/SHARD_GRAD_OP|ZeRO-?2/i.test(s)) return 2;
  if (/FULL_SHARD|FSDP|ZeRO-?3/i.test(s)) return 3;
  if (/ZeRO-?1|distributed optimizer/i.test(s)) return 1;
  if (/DDP/i.test(s)) return 0;
  return undefined;
}

function recomputeMode(r: Row): Strategy["recompute"] | undefined {
  const t = str(r, "activation_recompute").toLowerCase();
  if (!t) return undefined;
  if (/^none|^no\b|remat_policy=none/.test(t)) return "none";
  if (/full/.test(t) && !/selective|partial/.test(t)) return "full";
  if (/selective|minimal|partial|qkv|save/.test(t)) return "selective";
  if (/yes|re-?materiali[sz]ation/.test(t)) return "full";
  return undefined;
}

/** The published strategy fields that are valid for our model of the run. */
export function fixedFields(r: Row, p: Problem, unitsPerChip: number, notes: string[]): Partial<Strategy> {
  const f: Partial<Strategy> = {};
  const chips = p.chips;
  let tp = num(r, "tp");
  if (tp && unitsPerChip > 1) {
    const scaled = tp / unitsPerChip;
    notes.push(`tp ${tp} counts cores; ${scaled} chips`);
    tp = Number.isInteger(scaled) ? scaled : undefined;
  }
  if (tp && chips % tp === 0 && tpValid(p, tp)) f.tp = tp;
  else if (tp) notes.push(`published tp ${tp} not usable here; searched`);
  const pp = num(r, "pp");
  if (pp && chips % ((f.tp ?? 1) * pp) === 0 && ppValid(p, pp, 1, "any")) f.pp = pp;
  else if (pp) notes.push(`published pp ${pp} not usable; searched`);
  const published = f.tp !== undefined || f.pp !== undefined || num(r, "dp") !== undefined;
  const cp = num(r, "cp");
  if (cp && chips % ((f.tp ?? 1) * (f.pp ?? 1) * cp) === 0 && cpValid(p, cp)) f.cp = cp;
  // A run that publishes its other degrees but no CP did not use context parallelism.
  else if (cp === undefined && published) f.cp = 1;
  const vp = num(r, "vp");
  if (vp && f.pp && ppValid(p, f.pp, vp, "any")) f.vp = vp;
  else if (f.pp !== undefined && vp === undefined) f.vp = 1;
  const dp = num(r, "dp");
  const sliced = /ICI|DCN|slice/i.test(str(r, "sharding"));
  if (dp && !sliced && chips % dp === 0) {
    const rest = chips / dp;
    if (f.tp !== undefined && f.pp !== undefined && rest === f.tp * f.pp * (f.cp ?? 1)) f.dp = dp;
    else if (f.tp === undefined && f.pp === undefined) {
      f.dp = dp;
      if (rest === 1) Object.assign(f, { tp: 1, pp: 1, cp: 1, vp: 1 });
    }
  }
  const ep = num(r, "ep");
  if (ep !== undefined && p.moeLayers > 0 && f.tp && f.pp && f.cp) {
    const d = chips / (f.tp * f.pp * f.cp);
    if (epValid(p, ep, f.tp, f.cp, d)) f.ep = ep;
  }
  const zero = shardingZero(r);
  if (zero !== undefined) f.zero = zero;
  const rc = recomputeMode(r);
  if (rc) f.recompute = rc;
  const mb = num(r, "micro_batch");
  if (mb && f.tp !== undefined && f.pp !== undefined) {
    const d = chips / (f.tp * f.pp * (f.cp ?? 1));
    // MaxText and llm-foundry give a per-device batch: that is no accumulation across DP ranks.
    const perDevice = mb * chips === p.batchSeqs;
    const m = perDevice ? p.batchSeqs / d : mb;
    if (Number.isInteger(m) && p.batchSeqs % (d * m) === 0) f.microBatch = m;
  }
  return f;
}

/**
 * The gradient buffer's precision by framework, from its documented defaults (a fact about the
 * run, like its precision; not a fitted constant): Megatron-Bridge's performance recipes set
 * grad_reduce_in_fp32=false (bf16 main grads); Megatron-LM forces
 * accumulate_allreduce_grads_in_fp32 for bf16, and NeMo 2's bf16_ddp_config sets
 * grad_reduce_in_fp32=true. FSDP and ZeRO-3 runs hold 16 bytes per parameter either way.
 */
export function rowGradientPrecision(r: Row): GradientPrecision {
  return /Megatron-Bridge/i.test(`${str(r, "framework")} ${str(r, "source")}`) ? "bf16" : "fp32";
}

/** Options of `validateTraining`. */
export interface ValidationOptions {
  /** Calibration overrides per family name (for tuning and sensitivity studies). */
  calibration?: Record<string, Partial<FamilyCalibration>>;
  /** Evaluate only rows whose chip is in one of these families. */
  families?: string[];
  /** Also run leave-one-source-out cross-validation (refits the constants once per source). */
  crossValidate?: boolean;
  /** Options of the cross-validation's fit. */
  fit?: FitOptions;
}

interface Evaluated {
  result: RowResult;
  fitCase: FitCase;
}

/** Evaluates one row; throws Skip with the reason when it cannot. */
function evaluateRow(r: Row, cat: CatalogLookup, vopts: ValidationOptions = {}): Evaluated {
  const id = (r.id as string | number) ?? "?";
  const chips = num(r, "chip_count");
  if (!chips) return skip("chip count not published");
  const seq = num(r, "seq_len");
  if (!seq) return skip("sequence length not published");
  const { system, unitsPerChip } = resolveHardware(str(r, "hardware"), cat);
  const { model, notes } = rowModel(r, cat);
  const seqs = num(r, "global_batch_seqs");
  const tokensBatch = num(r, "global_batch_tokens");
  const batchSeqs = seqs ?? (tokensBatch ? Math.round(tokensBatch / seq) : undefined);
  if (!batchSeqs) return skip("global batch not published");
  const precision = rowPrecision(r, system);
  const family = calibrationFamily(system.chip);
  if (vopts.families && !vopts.families.includes(family)) return skip("family not selected");
  const gradientPrecision = rowGradientPrecision(r);
  const opts: TrainingOptions = {
    model,
    system,
    chips,
    seq,
    batchSeqs,
    precision,
    gradientPrecision,
    calibration: vopts.calibration?.[family],
  };
  let p: Problem;
  try {
    p = prepare(opts);
  } catch (e) {
    if (e instanceof InputError) return skip(e.message);
    throw e;
  }
  const fixed = fixedFields(r, p, unitsPerChip, notes);
  let res = searchSlice(p, { fixed, top: 1, pipelineSplit: "any" });
  const published =
    fixed.tp !== undefined &&
    fixed.pp !== undefined &&
    fixed.dp !== undefined &&
    fixed.microBatch !== undefined;
  const publishedFit: RowResult["publishedFit"] = !published
    ? undefined
    : res.top.length > 0
      ? "fits"
      : res.prunedMemory > 0
        ? "over"
        : "outside";
  if (res.top.length === 0 && Object.keys(fixed).length > 0) {
    // The published fields do not fit our memory model (or our space): search freely, and say so.
    notes.push(
      res.prunedMemory > 0
        ? "published strategy over modelled memory; searched all fields"
        : "published strategy outside the modelled space; searched all fields",
    );
    res = searchSlice(p, { top: 1, pipelineSplit: "any" });
  }
  if (res.top.length === 0) return skip(`does not fit in modelled memory on ${chips} ${system.chip.name}`);
  const best = estimateOn(p, res.top[0]!.strategy, opts);
  const measured = measuredTokensPerChip(r, model, seq, chips, batchSeqs * seq, system);
  const predicted = best.tokensPerSecondPerChip;
  const error = (predicted - measured.value) / measured.value;
  const result: RowResult = {
    id,
    source: str(r, "source"),
    model: str(r, "model"),
    hardware: str(r, "hardware"),
    system: system.id,
    chip: system.chip.id,
    family,
    chips,
    precision,
    predicted,
    measured: measured.value,
    ape: Math.abs(error),
    error,
    measuredFrom: measured.from,
    strategy: best.strategy,
    fixed: Object.keys(fixed),
    publishedFit,
    gradientPrecision,
    notes,
  };
  const fitCase: FitCase = {
    id,
    source: sourceKey(result.source),
    family,
    problem: p,
    strategy: best.strategy,
    measured: measured.value,
  };
  return { result, fitCase };
}

function defaultOf(): FamilyCalibration {
  return defaultCalibration();
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(results: RowResult[], key: (r: RowResult) => string): Summary[] {
  const groups = new Map<string, RowResult[]>();
  for (const r of results) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([k, rs]) => ({
      key: k,
      rows: rs.length,
      mape: rs.reduce((s, r) => s + r.ape, 0) / rs.length,
      medianApe: median(rs.map((r) => r.ape)),
      bias: rs.reduce((s, r) => s + r.error, 0) / rs.length,
    }))
    .sort((a, b) => b.rows - a.rows || (a.key < b.key ? -1 : 1));
}

/** Short source label for summaries: the text before the first comma or parenthesis. */
export function sourceKey(source: string): string {
  const cut = source.split(/[,(']/)[0]!.trim();
  return cut.length > 0 ? cut.slice(0, 60) : source.slice(0, 60);
}

/** Validates the planner on published runs. Rows are the parsed JSON array. */
export function validateTraining(
  rows: unknown[],
  cat: CatalogLookup,
  opts: ValidationOptions = {},
): ValidationReport {
  const { results, cases, raws, skippedRows } = evaluateAll(rows, cat, opts);
  const apes = results.map((r) => r.ape);
  const published = results.filter((r) => r.publishedFit !== undefined);
  const fits = published.filter((r) => r.publishedFit === "fits").length;
  return {
    rows: rows.length,
    evaluated: results.length,
    skipped: skippedRows.length,
    mape: mean(apes),
    medianApe: median(apes),
    results,
    skippedRows,
    bySource: summarise(results, (r) => sourceKey(r.source)),
    byChip: summarise(results, (r) => r.chip),
    byFamily: summarise(results, (r) => r.family),
    memoryFit: {
      rows: published.length,
      fits,
      rate: published.length ? fits / published.length : 1,
      over: published.filter((r) => r.publishedFit === "over").map((r) => r.id),
      outside: published.filter((r) => r.publishedFit === "outside").map((r) => r.id),
    },
    crossValidation: opts.crossValidate ? crossValidate(raws, cases, cat, opts) : undefined,
  };
}

function evaluateAll(rows: unknown[], cat: CatalogLookup, opts: ValidationOptions) {
  const results: RowResult[] = [];
  const cases: FitCase[] = [];
  const raws: Row[] = [];
  const skippedRows: Skipped[] = [];
  for (const raw of rows) {
    const r = (raw ?? {}) as Row;
    try {
      const e = evaluateRow(r, cat, opts);
      results.push(e.result);
      cases.push(e.fitCase);
      raws.push(r);
    } catch (e) {
      if (e instanceof Skip) skippedRows.push({ id: (r.id as string | number) ?? "?", reason: e.message });
      else throw e;
    }
  }
  return { results, cases, raws, skippedRows };
}

/**
 * Fits every family's constants to the rows (the procedure `crossValidation` repeats without
 * each source): evaluate the rows with the current constants, fit with each row's strategy
 * held, and return the fitted constants per family, to review and store in
 * data/calibration/training.json.
 */
export function fitCalibration(
  rows: unknown[],
  cat: CatalogLookup,
  opts: ValidationOptions & FitOptions = {},
): Record<string, FamilyCalibration> {
  return fitFamilies(evaluateAll(rows, cat, opts).cases, opts);
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export const CROSS_VALIDATION_METHOD =
  "leave one source out: for each source, every family's constants are refitted (src/train/fit.ts: coordinate descent from the default constants on median + mean APE, each row's strategy held at the in-sample choice) on the rows of the other sources only; the left-out rows are then searched and predicted with those constants. A family with no rows outside the left-out source uses the default constants.";

/** Leave-one-source-out: refit without each source, then search and score that source's rows. */
function crossValidate(
  raws: Row[],
  cases: FitCase[],
  cat: CatalogLookup,
  opts: ValidationOptions,
): CrossValidation {
  const sources = [...new Set(cases.map((c) => c.source))];
  const out: CrossValidation["results"] = [];
  const unfittedBySource = new Map<string, string[]>();
  for (const source of sources) {
    const train = cases.filter((c) => c.source !== source);
    const fitted = fitFamilies(train, opts.fit);
    const heldFamilies = [...new Set(cases.filter((c) => c.source === source).map((c) => c.family))].sort();
    const unfitted = heldFamilies.filter((f) => !fitted[f]);
    unfittedBySource.set(source, unfitted);
    const calibration: Record<string, Partial<FamilyCalibration>> = {};
    for (const f of heldFamilies) calibration[f] = fitted[f] ?? defaultOf();
    for (let i = 0; i < cases.length; i++) {
      if (cases[i]!.source !== source) continue;
      const { result } = evaluateRow(raws[i]!, cat, { ...opts, calibration, crossValidate: false });
      out.push({
        id: result.id,
        source,
        family: result.family,
        predicted: result.predicted,
        measured: result.measured,
        ape: result.ape,
      });
    }
  }
  const asRows = out.map((o) => ({ ...o, error: o.predicted / o.measured - 1 }));
  const group = (key: (o: (typeof asRows)[number]) => string): Summary[] => {
    const m = new Map<string, typeof asRows>();
    for (const o of asRows) m.set(key(o), [...(m.get(key(o)) ?? []), o]);
    return [...m.entries()]
      .map(([k, rs]) => ({
        key: k,
        rows: rs.length,
        mape: mean(rs.map((r) => r.ape)),
        medianApe: median(rs.map((r) => r.ape)),
        bias: mean(rs.map((r) => r.error)),
      }))
      .sort((a, b) => b.rows - a.rows || (a.key < b.key ? -1 : 1));
  };
  const familySources = new Map<string, Set<string>>();
  for (const c of cases)
    familySources.set(c.family, (familySources.get(c.family) ?? new Set()).add(c.source));
  const apes = out.map((o) => o.ape);
  return {
    method: CROSS_VALIDATION_METHOD,
    n: out.length,
    mape: mean(apes),
    medianApe: median(apes),
    bySource: group((o) => o.source).map((s) => ({
      ...s,
      families: [...new Set(out.filter((o) => o.source === s.key).map((o) => o.family))].sort(),
      unfitted: unfittedBySource.get(s.key) ?? [],
    })),
    byFamily: group((o) => o.family),
    singleSourceFamilies: [...familySources.entries()]
      .filter(([, s]) => s.size === 1)
      .map(([family, s]) => ({ family, source: [...s][0]! }))
      .sort((a, b) => (a.family < b.family ? -1 : 1)),
    results: out,
  };
}
