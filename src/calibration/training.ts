/**
 * Validation of the training planner against published runs: each row's architecture is built
 * from its own fields (gaps filled from the catalog model, if any), its hardware label mapped to
 * a catalog system, the strategy fields it leaves unpublished searched, and the predicted
 * tokens/s per chip compared with the measured one (or one derived with the row's own FLOP
 * convention). Also the fit of the training constants and its leave-one-source-out check.
 */
import type { Catalog, SystemSpec } from "../catalog/catalog.js";
import { resolveHardware, tpUnitsPerChip } from "../catalog/labels.js";
import type { Model, Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape, forwardFlopsPerToken } from "../llm/architecture.js";
import { calibrationFamily, defaultCalibration, type FamilyCalibration } from "../train/calibration.js";
import { estimateOn } from "../train/estimate.js";
import { RC_FULL, RC_NONE, RC_PARTIAL, RC_SELECTIVE, stepTime } from "../train/evaluate.js";
import { type Problem, prepare, recalibrated } from "../train/problem.js";
import { searchSlice } from "../train/search.js";
import { cpValid, epValid, ppValid, tpValid } from "../train/space.js";
import type { GradientPrecision, Strategy, TrainingOptions } from "../train/types.js";
import { leaveOneSourceOut } from "./cross-validation.js";
import { type ErrorSummary, relativeError, summarize, summarizeBy } from "./errors.js";
import { type FitBounds, fitConstants, fitObjective } from "./fit.js";
import type { TrainingRow } from "./rows.js";
import { Skip, type ValidationSkip } from "./skip.js";

/** One evaluated row. */
export interface TrainingResult {
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
  /** (predicted - measured) / measured. */
  error: number;
  /** |error|. */
  ape: number;
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

/** Errors of a group of rows. */
export type GroupSummary = ErrorSummary & { key: string };

/** Leave-one-source-out cross-validation: each source scored with constants fitted without it. */
export interface TrainingCrossValidation extends ErrorSummary {
  method: string;
  /** Per left-out source: its rows' errors, and the families that could not be refitted. */
  bySource: (GroupSummary & { families: string[]; notRefitted: string[] })[];
  byFamily: GroupSummary[];
  /** Families with too few measurements outside one of their sources: not (fully) scored out of sample. */
  notCrossValidated: string[];
  results: {
    id: string | number;
    source: string;
    family: string;
    predicted: number;
    measured: number;
    error: number;
    ape: number;
  }[];
}

export interface TrainingValidation extends ErrorSummary {
  rows: number;
  evaluated: number;
  results: TrainingResult[];
  skipped: ValidationSkip[];
  bySource: GroupSummary[];
  byChip: GroupSummary[];
  byFamily: GroupSummary[];
  memoryFit: MemoryFit;
  /** Present when `crossValidate` was asked for. */
  crossValidation?: TrainingCrossValidation;
}

const num = (v: number | null | undefined): number | undefined => v ?? undefined;
const str = (v: string | null | undefined): string => v ?? "";
const skip = (reason: string): never => {
  throw new Skip(reason);
};

/** Model-name patterns to catalog model ids, used only to fill architecture fields a row leaves out. */
export const MODEL_LABELS: { pattern: RegExp; ids: string[] }[] = [
  { pattern: /^GPT-([\d.]+)B \(Megatron weak/i, ids: ["megatron-gpt-$1b"] },
  { pattern: /^GPT-([\d.]+)B \(Megatron-Core/i, ids: ["mcore-gpt-$1b"] },
  { pattern: /deepseek.?v3/i, ids: ["deepseek-v3"] },
  { pattern: /deepseek.?v2/i, ids: ["deepseek-v2"] },
  { pattern: /qwen3.?30b/i, ids: ["qwen3-30b-a3b"] },
  { pattern: /qwen3.?235b/i, ids: ["qwen3-235b-a22b"] },
  { pattern: /qwen2.?57b/i, ids: ["qwen2-57b-a14b"] },
  { pattern: /gpt.?oss.?120b/i, ids: ["gpt-oss-120b"] },
  { pattern: /mixtral.?8x22b/i, ids: ["mixtral-8x22b"] },
  { pattern: /mixtral.?8x7b/i, ids: ["mixtral-8x7b"] },
  { pattern: /llama.?3\.?1.?405b/i, ids: ["llama-3.1-405b"] },
  { pattern: /llama.?3(\.1)?.?70b/i, ids: ["llama-3.1-70b", "llama-3-70b"] },
  { pattern: /llama.?3(\.1)?.?8b/i, ids: ["llama-3.1-8b", "llama-3-8b"] },
  { pattern: /nemotron.?4?.?340b/i, ids: ["nemotron-4-340b"] },
  { pattern: /nemotron.?(3.?)?8b/i, ids: ["nemotron-3-8b"] },
  { pattern: /nemotron.?22b/i, ids: ["nemotron-22b"] },
  { pattern: /gpt.?3.?20b/i, ids: ["nemo-gpt3-20b"] },
  { pattern: /gpt.?3.?5b/i, ids: ["nemo-gpt3-5b"] },
  { pattern: /^gpt 22b/i, ids: ["megatron-gpt-22b"] },
  { pattern: /mt-?nlg|530b/i, ids: ["mt-nlg-530b", "megatron-gpt-530b"] },
  { pattern: /gpt.?3.*175b|gpt3.?175b|175b llm/i, ids: ["gpt-3-175b"] },
  { pattern: /bloom/i, ids: ["bloom-176b"] },
  { pattern: /opt.?175b/i, ids: ["opt-175b"] },
  { pattern: /glm.?130b/i, ids: ["glm-130b"] },
  { pattern: /neox/i, ids: ["gpt-neox-20b"] },
  { pattern: /palm/i, ids: ["palm-540b"] },
  { pattern: /gopher/i, ids: ["gopher-280b"] },
  { pattern: /deepseek llm 67b/i, ids: ["deepseek-llm-67b"] },
];

function systemOf(label: string, cat: Catalog): { system: SystemSpec; unitsPerChip: number } {
  const r = resolveHardware(label, cat);
  if ("reason" in r) return skip(r.reason);
  return { system: r.systems[0]!, unitsPerChip: tpUnitsPerChip(r.chip) };
}

function catalogModel(name: string, cat: Catalog): Model | undefined {
  for (const m of MODEL_LABELS) {
    const match = m.pattern.exec(name);
    if (!match) continue;
    for (const template of m.ids) {
      const found = cat.models.find(template.replace("$1", match[1] ?? ""));
      if (found) return found;
    }
  }
  return undefined;
}

/** The row's architecture: its own fields first, gaps from the catalog model, then conventions. */
export function rowModel(r: TrainingRow, cat: Catalog): { model: Model; notes: string[] } {
  const notes: string[] = [];
  const name = str(r.model);
  const base = catalogModel(name, cat);
  const layers = num(r.layers) ?? base?.layers;
  const hidden = num(r.hidden_size) ?? base?.hidden;
  if (!layers || !hidden) return skip("architecture not published (layers or hidden size missing)");
  let heads = num(r.attention_heads) ?? base?.heads;
  if (!heads) {
    heads = Math.max(1, Math.round(hidden / 128));
    notes.push(`heads assumed hidden/128 = ${heads}`);
  }
  const moe = r.moe === true;
  const activationText = str(r.ffn_activation).toLowerCase();
  const activation: Model["activation"] = /swiglu|silu|glu/.test(activationText)
    ? "swiglu"
    : /gelu/.test(activationText)
      ? "gelu"
      : (base?.activation ?? "gelu");
  let ffn = num(r.ffn_size);
  if (!ffn) {
    if (base) ffn = moe ? base.moe?.expertFfn : base.ffn;
    else if (activation === "gelu" && !moe) {
      ffn = 4 * hidden;
      notes.push("ffn assumed 4 x hidden (GPT convention)");
    }
  }
  if (!ffn) return skip("FFN size not published");
  const vocab = num(r.vocab_size) ?? base?.vocab ?? 51200;
  if (!num(r.vocab_size) && !base) notes.push("vocab assumed 51200");
  const kvHeads = num(r.kv_heads) ?? (base && base.heads === heads ? base.kvHeads : heads);
  const headDim =
    num(r.head_dim) ?? (base && base.heads === heads ? base.headDim : Math.round(hidden / heads));
  let moeSpec: Model["moe"];
  if (moe) {
    const experts = num(r.num_experts) ?? base?.moe?.experts;
    const topK = num(r.experts_per_token) ?? base?.moe?.topK;
    if (!experts || !topK) return skip("MoE experts or top-k not published");
    moeSpec = base?.moe
      ? { ...base.moe, experts, topK, expertFfn: num(r.ffn_size) ?? base.moe.expertFfn }
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

function rowPrecision(r: TrainingRow, system: SystemSpec): Precision {
  if (/fp8/i.test(str(r.precision)) && system.chip.peakFlops.fp8) return "fp8";
  if (system.chip.peakFlops.bf16) return "bf16";
  return "fp16";
}

/** FLOPs per token under a row's stated convention (6N-style plus attention; recompute when it says so). */
export function conventionFlopsPerToken(
  r: Pick<TrainingRow, "flops_convention">,
  model: Model,
  seq: number,
): { flops: number; what: string } {
  const conv = str(r.flops_convention);
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

function conventionPeak(r: TrainingRow, system: SystemSpec): number {
  const m = /(?:vs|peak)\s*(\d{3,4})\s*TFLOP/i.exec(str(r.flops_convention));
  if (m) return Number(m[1]) * 1e12;
  const ref = num(r.peak_tflops_per_chip_reference);
  if (ref) return ref * 1e12;
  return system.chip.peakFlops.bf16 ?? system.chip.peakFlops.fp16 ?? 0;
}

/** The measured tokens/s per chip, and how it was obtained. */
export function measuredTokensPerChip(
  r: TrainingRow,
  model: Model,
  seq: number,
  chips: number,
  batchTokens: number | undefined,
  system: SystemSpec,
): { value: number; from: string } {
  const direct = num(r.measured_tokens_per_sec_per_chip);
  if (direct) return { value: direct, from: "measured tokens/s per chip" };
  const derived = num(r.derived_tokens_per_sec_per_chip);
  if (derived) return { value: derived, from: "derived tokens/s per chip (row)" };
  const total = num(r.measured_tokens_per_sec_total);
  if (total) return { value: total / chips, from: "measured tokens/s total / chips" };
  const seqs = num(r.measured_seqs_per_sec_total);
  if (seqs) return { value: (seqs * seq) / chips, from: "measured sequences/s x seq / chips" };
  const step = num(r.measured_step_time_s);
  if (step && batchTokens)
    return { value: batchTokens / step / chips, from: "global batch tokens / step time / chips" };
  const conv = conventionFlopsPerToken(r, model, seq);
  const tflops = num(r.measured_tflops_per_chip);
  if (tflops)
    return { value: (tflops * 1e12) / conv.flops, from: `TFLOP/s per chip / FLOPs per token (${conv.what})` };
  const peak = conventionPeak(r, system);
  const mfu = num(r.measured_mfu_pct);
  if (mfu && peak) {
    const c = conventionFlopsPerToken(
      { flops_convention: str(r.flops_convention).replace(/recompute|HFU-like|Narayanan/gi, "") },
      model,
      seq,
    );
    return {
      value: ((mfu / 100) * peak) / c.flops,
      from: `MFU x ${Math.round(peak / 1e12)} TFLOP/s / FLOPs per token (${c.what})`,
    };
  }
  const hfu = num(r.measured_hfu_pct);
  if (hfu && peak) {
    const c = conventionFlopsPerToken(
      { flops_convention: `${str(r.flops_convention)} recompute` },
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

function shardingZero(r: TrainingRow): Strategy["zero"] | undefined {
  const s = str(r.sharding);
  if (!s) return undefined;
  if (/SHARD_GRAD_OP|ZeRO-?2/i.test(s)) return 2;
  if (/FULL_SHARD|FSDP|ZeRO-?3/i.test(s)) return 3;
  if (/ZeRO-?1|distributed optimizer/i.test(s)) return 1;
  if (/DDP/i.test(s)) return 0;
  return undefined;
}

function recomputeMode(r: TrainingRow): Strategy["recompute"] | undefined {
  const t = str(r.activation_recompute).toLowerCase();
  if (!t) return undefined;
  if (/^none|^no\b|remat_policy=none/.test(t)) return "none";
  if (/full/.test(t) && !/selective|partial/.test(t)) return "full";
  if (/selective|minimal|partial|qkv|save/.test(t)) return "selective";
  if (/yes|re-?materiali[sz]ation/.test(t)) return "full";
  return undefined;
}

/** The published strategy fields that are valid for our model of the run. */
export function fixedFields(
  r: TrainingRow,
  p: Problem,
  unitsPerChip: number,
  notes: string[],
): Partial<Strategy> {
  const f: Partial<Strategy> = {};
  const chips = p.chips;
  let tp = num(r.tp);
  if (tp && unitsPerChip > 1) {
    const scaled = tp / unitsPerChip;
    notes.push(`tp ${tp} counts cores; ${scaled} chips`);
    tp = Number.isInteger(scaled) ? scaled : undefined;
  }
  if (tp && chips % tp === 0 && tpValid(p, tp)) f.tp = tp;
  else if (tp) notes.push(`published tp ${tp} not usable here; searched`);
  const pp = num(r.pp);
  if (pp && chips % ((f.tp ?? 1) * pp) === 0 && ppValid(p, pp, 1, "any")) f.pp = pp;
  else if (pp) notes.push(`published pp ${pp} not usable; searched`);
  const published = f.tp !== undefined || f.pp !== undefined || num(r.dp) !== undefined;
  const cp = num(r.cp);
  if (cp && chips % ((f.tp ?? 1) * (f.pp ?? 1) * cp) === 0 && cpValid(p, cp)) f.cp = cp;
  // A run that publishes its other degrees but no CP did not use context parallelism.
  else if (cp === undefined && published) f.cp = 1;
  const vp = num(r.vp);
  if (vp && f.pp && ppValid(p, f.pp, vp, "any")) f.vp = vp;
  else if (f.pp !== undefined && vp === undefined) f.vp = 1;
  const dp = num(r.dp);
  const sliced = /ICI|DCN|slice/i.test(str(r.sharding));
  if (dp && !sliced && chips % dp === 0) {
    const rest = chips / dp;
    if (f.tp !== undefined && f.pp !== undefined && rest === f.tp * f.pp * (f.cp ?? 1)) f.dp = dp;
    else if (f.tp === undefined && f.pp === undefined) {
      f.dp = dp;
      if (rest === 1) Object.assign(f, { tp: 1, pp: 1, cp: 1, vp: 1 });
    }
  }
  const ep = num(r.ep);
  if (ep !== undefined && p.moeLayers > 0 && f.tp && f.pp && f.cp) {
    const d = chips / (f.tp * f.pp * f.cp);
    if (epValid(p, ep, f.tp, f.cp, d)) f.ep = ep;
  }
  const zero = shardingZero(r);
  if (zero !== undefined) f.zero = zero;
  const rc = recomputeMode(r);
  if (rc) f.recompute = rc;
  const mb = num(r.micro_batch);
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
export function rowGradientPrecision(r: TrainingRow): GradientPrecision {
  return /Megatron-Bridge/i.test(`${str(r.framework)} ${str(r.source)}`) ? "bf16" : "fp32";
}

/** Short source label for summaries: the text before the first comma or parenthesis. */
export function sourceKey(source: string): string {
  const cut = source.split(/[,(']/)[0]!.trim();
  return cut.length > 0 ? cut.slice(0, 60) : source.slice(0, 60);
}

/** Calibration overrides per family name (for fitting, cross-validation and what-if). */
export type TrainingOverride = Readonly<Record<string, Partial<FamilyCalibration>>>;

/**
 * One row as the fitter sees it: a prepared problem, the measurement, and the few fastest
 * strategies the search found with the stored constants (the prediction under trial constants
 * is the fastest of them: a fit that held one strategy would chase the search's choice).
 */
export interface FitCase {
  id: string | number;
  source: string;
  family: string;
  problem: Problem;
  strategies: Strategy[];
  /** Measured tokens/s per chip. */
  measured: number;
}

interface Evaluated {
  result: TrainingResult;
  fitCase: FitCase;
  row: TrainingRow;
}

/** Strategies a fit case keeps from the search: the fastest few. */
const FIT_CANDIDATES = 8;

/** Evaluates one row; throws Skip with the reason when it cannot. */
function evaluateRow(r: TrainingRow, cat: Catalog, override: TrainingOverride = {}): Evaluated {
  const chips = num(r.chip_count);
  if (!chips) return skip("chip count not published");
  const seq = num(r.seq_len);
  if (!seq) return skip("sequence length not published");
  const { system, unitsPerChip } = systemOf(str(r.hardware), cat);
  const { model, notes } = rowModel(r, cat);
  const tokensBatch = num(r.global_batch_tokens);
  const batchSeqs = num(r.global_batch_seqs) ?? (tokensBatch ? Math.round(tokensBatch / seq) : undefined);
  if (!batchSeqs) return skip("global batch not published");
  const precision = rowPrecision(r, system);
  const family = calibrationFamily(system.chip);
  const gradientPrecision = rowGradientPrecision(r);
  const opts: TrainingOptions = {
    model,
    system,
    chips,
    seq,
    batchSeqs,
    precision,
    gradientPrecision,
    calibration: override[family],
  };
  let p: Problem;
  try {
    p = prepare(opts);
  } catch (e) {
    if (e instanceof InputError) return skip(e.message);
    throw e;
  }
  const fixed = fixedFields(r, p, unitsPerChip, notes);
  let res = searchSlice(p, { fixed, top: FIT_CANDIDATES, pipelineSplit: "any" });
  const published =
    fixed.tp !== undefined &&
    fixed.pp !== undefined &&
    fixed.dp !== undefined &&
    fixed.microBatch !== undefined;
  const publishedFit: TrainingResult["publishedFit"] = !published
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
    res = searchSlice(p, { top: FIT_CANDIDATES, pipelineSplit: "any" });
  }
  if (res.top.length === 0) return skip(`does not fit in modelled memory on ${chips} ${system.chip.name}`);
  const best = estimateOn(p, res.top[0]!.strategy, opts);
  const measured = measuredTokensPerChip(r, model, seq, chips, batchSeqs * seq, system);
  const predicted = best.tokensPerSecondPerChip;
  const error = relativeError(predicted, measured.value);
  const result: TrainingResult = {
    id: r.id,
    source: str(r.source),
    model: str(r.model),
    hardware: str(r.hardware),
    system: system.id,
    chip: system.chip.id,
    family,
    chips,
    precision,
    predicted,
    measured: measured.value,
    error,
    ape: Math.abs(error),
    measuredFrom: measured.from,
    strategy: best.strategy,
    fixed: Object.keys(fixed),
    publishedFit,
    gradientPrecision,
    notes,
  };
  const fitCase: FitCase = {
    id: r.id,
    source: sourceKey(result.source),
    family,
    problem: p,
    strategies: res.top.map((f) => f.strategy),
    measured: measured.value,
  };
  return { result, fitCase, row: r };
}

function evaluateAll(rows: readonly TrainingRow[], cat: Catalog, override?: TrainingOverride) {
  const evaluated: Evaluated[] = [];
  const skipped: ValidationSkip[] = [];
  for (const r of rows) {
    try {
      evaluated.push(evaluateRow(r, cat, override));
    } catch (e) {
      if (e instanceof Skip) skipped.push({ id: String(r.id), reason: e.message });
      else throw e;
    }
  }
  return { evaluated, skipped };
}

/** Options of `validateTraining`. */
export interface TrainingValidationOptions {
  /** Calibration overrides per family name (for tuning and sensitivity studies). */
  calibration?: TrainingOverride;
  /** Also run leave-one-source-out cross-validation (refits the constants once per source). */
  crossValidate?: boolean;
}

/** Validates the planner on published runs. */
export function validateTraining(
  rows: readonly TrainingRow[],
  cat: Catalog,
  opts: TrainingValidationOptions = {},
): TrainingValidation {
  const { evaluated, skipped } = evaluateAll(rows, cat, opts.calibration);
  const results = evaluated.map((e) => e.result);
  const published = results.filter((r) => r.publishedFit !== undefined);
  const fits = published.filter((r) => r.publishedFit === "fits").length;
  const by = (key: (r: TrainingResult) => string) => summarizeBy(results, key, (r) => r.error);
  return {
    rows: rows.length,
    evaluated: results.length,
    ...summarize(results.map((r) => r.error)),
    results,
    skipped,
    bySource: by((r) => sourceKey(r.source)),
    byChip: by((r) => r.chip),
    byFamily: by((r) => r.family),
    memoryFit: {
      rows: published.length,
      fits,
      rate: published.length ? fits / published.length : 1,
      over: published.filter((r) => r.publishedFit === "over").map((r) => r.id),
      outside: published.filter((r) => r.publishedFit === "outside").map((r) => r.id),
    },
    crossValidation: opts.crossValidate ? crossValidate(evaluated, cat) : undefined,
  };
}

const RC: Record<Strategy["recompute"], number> = {
  none: RC_NONE,
  selective: RC_SELECTIVE,
  partial: RC_PARTIAL,
  full: RC_FULL,
};

/** Predicted tokens/s per chip of a case under constants `cal`: its fastest candidate strategy. */
export function predictCase(c: FitCase, cal: FamilyCalibration): number {
  const p = recalibrated(c.problem, { ...cal, family: c.family });
  let t = Number.POSITIVE_INFINITY;
  for (const s of c.strategies)
    t = Math.min(t, stepTime(p, s.tp, s.pp, s.vp, s.dp, s.cp, s.ep, s.microBatch, s.zero, RC[s.recompute]));
  return (p.batchSeqs * p.seq) / t / p.chips;
}

/**
 * The constants the training fit moves, within physical bounds. Upper bounds: large GEMMs
 * sustain at most ~85% of the dense peak, flash attention ~75%, elementwise kernels 50-92% of
 * HBM bandwidth (STREAM-like), collectives ~90% of the link rate (NCCL bus bandwidth).
 */
export const TRAINING_BOUNDS: FitBounds<
  | "matmulEfficiency"
  | "lowPrecisionMatmulEfficiency"
  | "attentionEfficiency"
  | "moeEfficiency"
  | "memoryBandwidthEfficiency"
  | "scaleUpEfficiency"
  | "scaleOutEfficiency"
  | "tpOverlap"
  | "stepOverheadS"
> = {
  matmulEfficiency: { min: 0.2, max: 0.85, scale: "log" },
  lowPrecisionMatmulEfficiency: { min: 0.2, max: 0.85, scale: "log" },
  attentionEfficiency: { min: 0.05, max: 0.75, scale: "log" },
  moeEfficiency: { min: 0.1, max: 1, scale: "log" },
  memoryBandwidthEfficiency: { min: 0.5, max: 0.92, scale: "log" },
  scaleUpEfficiency: { min: 0.2, max: 0.9, scale: "log" },
  scaleOutEfficiency: { min: 0.2, max: 0.9, scale: "log" },
  tpOverlap: { min: 0, max: 0.9, scale: "linear" },
  stepOverheadS: { min: 0.001, max: 0.5, scale: "log" },
};

/**
 * Fits one family's constants to its cases (each row's strategy held at the one searched with
 * the stored constants, so a trial is one step time per row), from the default constants.
 */
export function fitTrainingFamily(cases: readonly FitCase[]): FamilyCalibration {
  const start = defaultCalibration();
  if (cases.length === 0) return start;
  return fitConstants(start, TRAINING_BOUNDS, (cal) =>
    fitObjective(cases.map((c) => Math.abs(predictCase(c, cal) / c.measured - 1))),
  );
}

/** The fitted constants of every family, from the rows evaluated with `override` (default: stored). */
export function fitTraining(
  rows: readonly TrainingRow[],
  cat: Catalog,
  override?: TrainingOverride,
): Record<string, FamilyCalibration> {
  const cases = evaluateAll(rows, cat, override).evaluated.map((e) => e.fitCase);
  const families = [...new Set(cases.map((c) => c.family))].sort();
  return Object.fromEntries(families.map((f) => [f, fitTrainingFamily(cases.filter((c) => c.family === f))]));
}

export const CROSS_VALIDATION_METHOD =
  "leave one source out: for each source, every family its rows belong to is refitted (src/calibration/fit.ts: coordinate descent from the default constants, each row predicted with the fastest of its in-sample candidate strategies) on the other sources' rows; the left-out rows are then searched and predicted with those constants. A family with too few measurements outside the source is not scored out of sample.";

function crossValidate(evaluated: readonly Evaluated[], cat: Catalog): TrainingCrossValidation {
  type Scored = TrainingCrossValidation["results"][number];
  const cv = leaveOneSourceOut<Evaluated, FamilyCalibration, Scored>({
    items: evaluated,
    source: (e) => e.fitCase.source,
    family: (e) => e.fitCase.family,
    measurements: () => 1,
    refit: (_f, train) => fitTrainingFamily(train.map((e) => e.fitCase)),
    predict: (held, fitted) =>
      held.map((e) => {
        const r = Object.keys(fitted).length ? evaluateRow(e.row, cat, fitted).result : e.result;
        return {
          id: r.id,
          source: e.fitCase.source,
          family: r.family,
          predicted: r.predicted,
          measured: r.measured,
          error: r.error,
          ape: r.ape,
        };
      }),
  });
  const out = cv.folds.flatMap((f) => f.crossValidated);
  return {
    method: CROSS_VALIDATION_METHOD,
    ...summarize(out.map((o) => o.error)),
    bySource: cv.folds.map((f) => ({
      key: f.source,
      ...summarize(f.crossValidated.map((o) => o.error)),
      families: f.families,
      notRefitted: f.notRefitted,
    })),
    byFamily: summarizeBy(
      out,
      (o) => o.family,
      (o) => o.error,
    ),
    notCrossValidated: cv.notCrossValidated,
    results: out,
  };
}
