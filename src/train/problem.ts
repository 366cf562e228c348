/**
 * Everything about a (model, system, precision, sequence, batch) that does not depend on the
 * parallel strategy, worked out once so that evaluating a candidate is plain arithmetic.
 */
import type { SystemSpec } from "../catalog/catalog.js";
import type { Model, Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape, forwardFlopsPerToken, trainingFlopsPerToken } from "../llm/architecture.js";
import { calibrationFor, type FamilyCalibration } from "./calibration.js";
import type { GradientPrecision, TrainingOptions } from "./types.js";

/** Bytes per parameter: bf16 weights, fp32 master weights + Adam m and v. */
export const WEIGHT_BYTES = 2;
export const OPTIMIZER_BYTES = 12;
/**
 * Bytes per parameter of the gradient buffer by its precision. "fp32": Megatron-LM's
 * main_grad buffer (accumulate_allreduce_grads_in_fp32, forced on for bf16), accumulated,
 * and reduced, in fp32. "bf16": Megatron-Core's DistributedDataParallelConfig with
 * grad_reduce_in_fp32=false (NeMo 2 / Megatron-Bridge performance recipes), DeepSpeed's bf16
 * gradients. ZeRO-3/FSDP keeps 16 bytes per parameter sharded either way (see memoryPerChip).
 */
export const GRAD_BYTES: Record<GradientPrecision, number> = { fp32: 4, bf16: 2 };
/** Weights are gathered in bf16. */
export const PARAM_COMM_BYTES = 2;
/**
 * Bytes per logit element held at the loss: the bf16 logits and their bf16 gradient, the
 * softmax done in fp32 inside a fused cross-entropy kernel (Megatron-Core's
 * cross_entropy_loss_fusion, flash-attn's CrossEntropyLoss in llm-foundry, XLA's fusion)
 * rather than as an fp32 copy of the logits.
 */
export const LOGIT_BYTES = 4;
/** Optimizer update traffic per local parameter: read grad, master, m, v; write master, m, v, bf16 weight. */
export const OPTIMIZER_TRAFFIC_BYTES = 30;
/** Runtime reserve: CUDA/Neuron context and libraries, plus allocator fragmentation. */
export const RESERVE_FIXED_BYTES = 2e9;
export const RESERVE_FRACTION = 0.05;
/**
 * HBM traffic of a GEMM's weight per parameter per micro-batch beyond the GEMM inputs: read in
 * the forward and again for the backward's input gradient (2 bytes each in bf16, 1 in fp8), and
 * the weight-gradient accumulator read and written by the weight-gradient GEMM (2 x the
 * gradient buffer's bytes, Megatron's gradient-accumulation fusion). A thin micro-batch (few tokens per chip) makes GEMMs
 * wait on this traffic instead of on the tensor cores: the GEMM roofline.
 */
export function gradAccumulateBytes(grad: GradientPrecision): number {
  return 2 * GRAD_BYTES[grad];
}
/**
 * HBM traffic per query element per remote ring step of context-parallel attention: each step
 * writes a partial output that is merged into an fp32 accumulator with the online-softmax
 * correction (write 2, read 2, accumulator read+write 8), and the backward accumulates the
 * query gradient the same way (12 more). Transformer Engine's flash_attn_fwd_out_correction and
 * the Neuron ring-attention kernel both make this HBM round trip per step. Zigzag load balancing
 * processes half the queries on about half the steps (CP_MERGE_SHARE).
 */
export const CP_MERGE_BYTES = 24;
export const CP_MERGE_SHARE = 0.75;
/** Latency of one collective step on the scale-up and scale-out tiers, s. */
export const SCALE_UP_LATENCY_S = 5e-6;
export const SCALE_OUT_LATENCY_S = 15e-6;
/** Defaults where the catalog has no figure: 100 Gb/s per chip scale-out. */
export const DEFAULT_SCALE_OUT_BPS = 12.5e9;

/** The precomputed problem. All figures SI; "per token" means per token of one sequence. */
export interface Problem {
  model: Model;
  system: SystemSpec;
  precision: Precision;
  calibration: FamilyCalibration & { family: string };
  chips: number;
  seq: number;
  batchSeqs: number;
  layers: number;
  moeLayers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  experts: number;
  topK: number;
  /** Layer-parameter totals: replicated across EP (attention, norms, router, dense/shared FFN) and routed experts. */
  paramsDense: number;
  paramsExpert: number;
  embeddingParams: number;
  outputParams: number;
  totalParams: number;
  /** Forward FLOPs per token of all layers: dense part, routed-expert part, attention products at seq. */
  fwdDenseFlops: number;
  fwdExpertFlops: number;
  fwdAttentionFlops: number;
  fwdLogitsFlops: number;
  /** Forward elementwise bytes per token of all layers, and of the logits' softmax. */
  fwdElemBytes: number;
  logitsElemBytes: number;
  /** Activation bytes per token per layer kept for backward, by recompute mode (before TP/CP split). */
  actBytesNone: number;
  actBytesSelective: number;
  actBytesFull: number;
  /** Bytes per parameter of the gradient buffer (and of the gradient reduce-scatter). */
  gradBytes: number;
  /** Bytes per token of one layer's K and V (for the CP ring). */
  kvBytesPerToken: number;
  /** Elements per token of one layer's attention output (query heads x value head dim), for CP merges. */
  attnOutDim: number;
  /** HBM bytes per weight per micro-batch of the GEMMs (fwd + bwd reads, fp32 gradient accumulation). */
  weightTrafficBytes: number;
  /** Smallest GEMM dimension before TP split (the model's narrowest projection). */
  gemmDim: number;
  /** MFU convention FLOPs per token (no recompute) and the recompute addition under full recompute. */
  modelFlopsPerToken: number;
  recomputeFlopsPerToken: number;
  /** Chip figures. */
  peakFlops: number;
  peakBf16: number;
  hbmBytes: number;
  hbmBandwidth: number;
  scaleUpBw: number;
  scaleOutBw: number;
  domain: number;
  /** Derived rates (peak x efficiency). */
  matmulRate: number;
  attentionRate: number;
  elemRate: number;
  upRate: number;
  outRate: number;
}

function twos(n: number): number {
  let k = 0;
  while (n % 2 === 0 && n > 0) {
    n /= 2;
    k++;
  }
  return k;
}

/**
 * A batch given in tokens becomes the whole number of sequences within 5% that data parallelism
 * splits best (most factors of two; the nearest on ties): "16M" tokens of 8192 is 1953.1
 * sequences, taken as 2048 (16.8M tokens, the "16M" of Llama 3). The report shows the batch used.
 */
export function splittableBatch(exactSeqs: number): number {
  const lo = Math.max(1, Math.ceil(exactSeqs * 0.95));
  const hi = Math.max(lo, Math.floor(exactSeqs * 1.05));
  let best = Math.max(1, Math.round(exactSeqs));
  for (let n = lo; n <= hi; n++) {
    const better =
      twos(n) > twos(best) ||
      (twos(n) === twos(best) && Math.abs(n - exactSeqs) < Math.abs(best - exactSeqs));
    if (better) best = n;
  }
  return best;
}

/** Global batch in sequences from the options. */
export function batchSeqsOf(opts: Pick<TrainingOptions, "batchSeqs" | "batchTokens" | "seq">): number {
  if (opts.batchSeqs !== undefined) {
    if (!Number.isInteger(opts.batchSeqs) || opts.batchSeqs <= 0)
      throw new InputError(
        `global batch must be a whole number of sequences above 0, got ${opts.batchSeqs}`,
        {
          location: "batch",
          hint: "e.g. 1536 sequences or 16M tokens",
        },
      );
    return opts.batchSeqs;
  }
  if (opts.batchTokens !== undefined) {
    const exact = opts.batchTokens / opts.seq;
    if (!(Math.round(exact) >= 1))
      throw new InputError(
        `global batch of ${opts.batchTokens} tokens is less than one sequence of ${opts.seq}`,
        {
          location: "batch",
          hint: "give at least one sequence per step",
        },
      );
    return splittableBatch(exact);
  }
  throw new InputError("no global batch given", {
    location: "batch",
    hint: "give --batch 16M (tokens) or 1536 seqs",
  });
}

function positive(x: number | undefined, what: string, location: string, hint: string): number {
  if (x === undefined || !Number.isFinite(x) || x <= 0)
    throw new InputError(`${what} is missing or not above 0`, { location, hint });
  return x;
}

/** Precomputes a problem; throws InputError on inputs it cannot plan for. */
export function prepare(opts: TrainingOptions): Problem {
  const { model: m, system } = opts;
  const chip = system.chip;
  const precision = opts.precision ?? "bf16";
  const chips = opts.chips;
  if (!Number.isInteger(chips) || chips <= 0)
    throw new InputError(`chip count must be a whole number above 0, got ${chips}`, {
      location: "chips",
      hint: "e.g. 4096",
    });
  const seq = opts.seq;
  if (!Number.isInteger(seq) || seq <= 0)
    throw new InputError(`sequence length must be a whole number above 0, got ${seq}`, {
      location: "seq",
      hint: "e.g. 8192",
    });
  const batchSeqs = batchSeqsOf(opts);
  const peakFlops = chip.peakFlops[precision];
  if (!peakFlops)
    throw new InputError(`${chip.name} has no ${precision} peak in the catalog`, {
      location: "precision",
      hint: `use one of ${Object.keys(chip.peakFlops).join(", ") || "(none listed)"}`,
    });
  const peakBf16 = chip.peakFlops.bf16 ?? chip.peakFlops.fp16 ?? peakFlops;
  const hbmBytes = positive(
    chip.memoryBytes,
    `${chip.name}'s memory`,
    "system",
    "the catalog entry needs memory",
  );
  const hbmBandwidth = positive(
    chip.memoryBandwidth,
    `${chip.name}'s memory bandwidth`,
    "system",
    "the catalog entry needs memoryBandwidth",
  );
  const scaleOutBw = system.scaleOutBandwidth ?? chip.scaleOutBandwidth ?? DEFAULT_SCALE_OUT_BPS;
  const scaleUpBw = system.scaleUpBandwidth ?? chip.scaleUpBandwidth ?? scaleOutBw;
  const domain = Math.max(1, system.scaleUpDomain || 1);

  const shape = architectureShape(m);
  const h = m.hidden;
  const gated = m.activation === "swiglu" || m.activation === "geglu";
  let paramsDense = 0;
  let paramsExpert = 0;
  let fwdDenseFlops = 0;
  let fwdExpertFlops = 0;
  let elem = 0;
  let actNone = 0;
  let actSel = 0;
  let actFull = 0;
  const gemmInBytes = precision === "fp8" || precision === "fp4" ? 1 : 2;
  const qDim = m.heads * shape.qkHeadDim;
  const kvDim = m.mla ? m.heads * (shape.qkHeadDim + shape.vHeadDim) : 2 * m.kvHeads * m.headDim;
  const oDim = m.heads * shape.vHeadDim;
  for (const l of shape.layers) {
    const routed = l.moe ? l.ffnParams - (m.moe?.sharedExperts ?? 0) * l.expertParams : 0;
    paramsExpert += routed;
    paramsDense += l.attentionParams + l.routerParams + l.normParams + l.ffnParams - routed;
    const activeRouted = l.moe ? (m.moe?.topK ?? 0) * l.expertParams : 0;
    fwdExpertFlops += 2 * activeRouted;
    fwdDenseFlops += 2 * (l.attentionParams + l.routerParams + l.ffnActiveParams - activeRouted);
    // FFN inner width one token passes through (elements), for activations and elementwise traffic.
    const ffnInner = l.moe && m.moe ? (m.moe.topK + m.moe.sharedExperts) * m.moe.expertFfn : m.ffn;
    const fc1 = gated ? 2 * ffnInner : ffnInner;
    // Elementwise traffic in elements: 2 norms (r+w), 2 residual adds (2r+w), rotary on q,k,
    // activation (r fc1, w ffn), MoE permute/unpermute of h per routed copy.
    const moeCopies = l.moe && m.moe ? 4 * m.moe.topK * h : 0;
    elem += 2 * (2 * h) + 2 * (3 * h) + 2 * (qDim + kvDim / 2) + fc1 + ffnInner + moeCopies;
    // Activations kept for backward, bytes (bf16): norm inputs and outputs, Q, K, V, attention
    // output, FFN inputs, fc1 output and activation output (Korthikanti et al. 2022, flash attention).
    // GEMM inputs (norm outputs, attention output, activation output) are kept in fp8 by fp8 GEMMs.
    const kept =
      2 * (2 * h + qDim + kvDim + fc1 + (l.moe ? (m.moe?.topK ?? 0) * h : 0)) +
      gemmInBytes * (2 * h + oDim + ffnInner);
    actNone += kept;
    // Selective: norms' outputs and the activation function's output are recomputed.
    actSel += kept - gemmInBytes * (2 * h + ffnInner);
    // Full: only the layer input survives.
    actFull += 2 * h;
  }
  const L = m.layers;
  const fwd = forwardFlopsPerToken(shape, seq / 2);
  const modelFlopsPerToken = trainingFlopsPerToken(shape, seq);
  const cal = calibrationFor(chip, opts.calibration);
  const grad = opts.gradientPrecision ?? "fp32";
  if (!(grad in GRAD_BYTES))
    throw new InputError(`gradient precision must be fp32 or bf16, got ${grad}`, {
      location: "gradientPrecision",
      hint: "fp32 (Megatron-LM) or bf16 (Megatron-Core grad_reduce_in_fp32=false)",
    });
  const ffnNarrow = m.moe ? Math.min(m.ffn, m.moe.expertFfn) : m.ffn;
  return {
    model: m,
    system,
    precision,
    calibration: cal,
    chips,
    seq,
    batchSeqs,
    layers: L,
    moeLayers: shape.moeLayers,
    hidden: h,
    heads: m.heads,
    kvHeads: m.kvHeads,
    vocab: m.vocab,
    experts: m.moe?.experts ?? 1,
    topK: m.moe?.topK ?? 1,
    paramsDense,
    paramsExpert,
    embeddingParams: shape.embeddingParams,
    outputParams: shape.outputParams,
    totalParams: shape.totalParams,
    fwdDenseFlops,
    fwdExpertFlops,
    fwdAttentionFlops: fwd.attention,
    fwdLogitsFlops: fwd.logits,
    fwdElemBytes: 2 * elem,
    // fp32 logits: write, softmax read+write, loss gradient write.
    logitsElemBytes: 16 * m.vocab,
    actBytesNone: actNone / L,
    actBytesSelective: actSel / L,
    actBytesFull: actFull / L,
    kvBytesPerToken: 2 * kvDim,
    attnOutDim: oDim,
    gradBytes: GRAD_BYTES[grad],
    weightTrafficBytes: 2 * gemmInBytes + gradAccumulateBytes(grad),
    gemmDim: Math.min(h, ffnNarrow, qDim),
    modelFlopsPerToken,
    recomputeFlopsPerToken: fwd.matmul + fwd.attention,
    peakFlops,
    peakBf16,
    hbmBytes,
    hbmBandwidth,
    scaleUpBw,
    scaleOutBw,
    domain,
    ...ratesOf(precision, peakFlops, peakBf16, hbmBandwidth, scaleUpBw, scaleOutBw, cal),
  };
}

function ratesOf(
  precision: Precision,
  peakFlops: number,
  peakBf16: number,
  hbmBandwidth: number,
  scaleUpBw: number,
  scaleOutBw: number,
  cal: FamilyCalibration,
): Pick<Problem, "matmulRate" | "attentionRate" | "elemRate" | "upRate" | "outRate"> {
  const lowPrecision = precision === "fp8" || precision === "fp4" || precision === "int8";
  return {
    matmulRate: peakFlops * (lowPrecision ? cal.lowPrecisionMatmulEfficiency : cal.matmulEfficiency),
    attentionRate: peakBf16 * cal.attentionEfficiency,
    elemRate: hbmBandwidth * cal.memoryBandwidthEfficiency,
    upRate: scaleUpBw * cal.scaleUpEfficiency,
    outRate: scaleOutBw * cal.scaleOutEfficiency,
  };
}

/**
 * The same problem under other calibration constants: only the derived rates change, so a
 * fitter can try constants without preparing the problem again.
 */
export function recalibrated(p: Problem, cal: FamilyCalibration & { family: string }): Problem {
  return {
    ...p,
    calibration: cal,
    ...ratesOf(p.precision, p.peakFlops, p.peakBf16, p.hbmBandwidth, p.scaleUpBw, p.scaleOutBw, cal),
  };
}
