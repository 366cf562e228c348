/**
 * One engine step of continuous batching: some sequences decode one token each, and a chunk of
 * prefill tokens rides along. The step is two rooflines on each chip, one after the other - the
 * matmuls (weights read against their FLOPs) and attention (KV cache read against its FLOPs) -
 * plus the tensor-parallel all-reduces (latency-bound at small batch), the
 * pipeline hand-offs and a fixed per-step overhead. With `pp` stages the batch is split into `pp`
 * micro-batches that cycle through the stages, so one full step takes `pp` stage times.
 */
import type { ServingSetup } from "./setup.js";

/** What limits a step. */
export type Bound = "memory bandwidth" | "compute" | "scale-up network" | "overhead";

/** A step's time by component, seconds (each component summed over the pipeline stages). */
export interface StepBreakdown {
  /** Reading the weights (including the MoE experts touched). */
  weightsS: number;
  /** Reading and writing the KV cache. */
  kvS: number;
  /** Matmuls, attention and logits at the achievable FLOP rate. */
  computeS: number;
  /** Tensor-parallel all-reduces. */
  allReduceS: number;
  /** Pipeline hand-offs between stages. */
  pipelineS: number;
  /** Fixed per-step overhead. */
  overheadS: number;
  /** The step: roofline(weights, matmuls) + roofline(KV, attention) + all-reduce + pipeline + overhead. */
  totalS: number;
  bound: Bound;
  /** Routed experts touched per MoE layer (0 for dense models). */
  expertsTouched: number;
}

/** The work of one step on one replica. */
export interface StepWork {
  /** Sequences decoding one token. */
  decode: number;
  /** Sum of the decoding sequences' context lengths (tokens). */
  decodeContext: number;
  /** Prefill tokens in the step. */
  prefill: number;
  /** Sum over prefill tokens of the positions they attend to (causal). */
  prefillContext: number;
  /** Tokens whose logits are computed (decodes plus prefills that finish). */
  sampled: number;
}

/**
 * Memory and compute time of one kernel overlapped imperfectly: a smooth maximum (the 2-norm),
 * equal to the larger term far from the ridge and 41% above it at the ridge, where neither the
 * loads nor the matmuls keep their units busy.
 */
export function overlap(memS: number, computeS: number): number {
  return Math.sqrt(memS * memS + computeS * computeS);
}

/** Expected distinct experts touched when `tokens` tokens each pick `topK` of `experts`. */
export function expertsTouched(experts: number, topK: number, tokens: number): number {
  if (experts === 0 || tokens <= 0) return 0;
  return experts * (1 - (1 - topK / experts) ** tokens);
}

/**
 * Seconds of one step. Hot path (simulation, search): plain arithmetic, no allocation.
 * `decodeContext` and `prefillContext` are sums over the step's tokens.
 */
export function stepSeconds(
  s: ServingSetup,
  decode: number,
  decodeContext: number,
  prefill: number,
  prefillContext: number,
  sampled: number,
): number {
  const pp = s.layout.pp;
  const tokens = (decode + prefill) / pp;
  if (tokens <= 0) return 0;
  const touched = s.experts > 0 ? expertsTouched(s.experts, s.topK, tokens) : 0;
  const weightBytes = s.staticWeightBytes + s.moeLayersPerStage * touched * s.expertBytes;
  const kvBytes = s.kvBytesPerToken * ((decodeContext + prefillContext / Math.max(1, prefill)) / pp + tokens);
  // Two rooflines, one after the other: the matmuls stream the weights, attention the KV cache.
  const gemm = overlap(
    weightBytes / s.bandwidth,
    (tokens * s.matmulFlopsPerToken + (sampled / pp) * s.logitsFlopsPerToken) / s.compute,
  );
  const attention = overlap(
    kvBytes / s.kvBandwidth,
    (((decodeContext + prefillContext) / pp) * s.attentionFlopsPerContext) / s.attentionCompute,
  );
  let comm = 0;
  if (s.allReducesPerStage > 0) {
    const tp = s.layout.tp;
    comm =
      s.allReducesPerStage *
      (s.allReduceLatencyS + ((2 * (tp - 1)) / tp) * ((tokens * s.allReduceBytesPerToken) / s.linkBandwidth));
  }
  const hop =
    pp > 1
      ? s.calibration.allReduceLatencyS + (tokens * s.allReduceBytesPerToken) / (s.linkBandwidth || 25e9)
      : 0;
  return pp * (gemm + attention + comm + hop) + s.calibration.stepOverheadS;
}

/** The same step with its breakdown and bound (for reports). */
export function stepBreakdown(s: ServingSetup, w: StepWork): StepBreakdown {
  const pp = s.layout.pp;
  const tokens = (w.decode + w.prefill) / pp;
  const touched = s.experts > 0 ? expertsTouched(s.experts, s.topK, tokens) : 0;
  const weightsS = (pp * (s.staticWeightBytes + s.moeLayersPerStage * touched * s.expertBytes)) / s.bandwidth;
  const kvS =
    (pp * s.kvBytesPerToken * ((w.decodeContext + w.prefillContext / Math.max(1, w.prefill)) / pp + tokens)) /
    s.kvBandwidth;
  const gemmComputeS =
    (pp * (tokens * s.matmulFlopsPerToken + (w.sampled / pp) * s.logitsFlopsPerToken)) / s.compute;
  const attentionComputeS =
    (pp * ((w.decodeContext + w.prefillContext) / pp) * s.attentionFlopsPerContext) / s.attentionCompute;
  const computeS = gemmComputeS + attentionComputeS;
  const totalS = stepSeconds(s, w.decode, w.decodeContext, w.prefill, w.prefillContext, w.sampled);
  const overheadS = s.calibration.stepOverheadS;
  const rest = totalS - overheadS - overlap(weightsS, gemmComputeS) - overlap(kvS, attentionComputeS);
  let allReduceS = 0;
  let pipelineS = 0;
  if (pp > 1) {
    pipelineS =
      pp *
      (s.calibration.allReduceLatencyS + (tokens * s.allReduceBytesPerToken) / (s.linkBandwidth || 25e9));
  }
  allReduceS = Math.max(0, rest - pipelineS);
  const parts: [Bound, number][] = [
    ["memory bandwidth", weightsS + kvS],
    ["compute", computeS],
    ["scale-up network", allReduceS + pipelineS],
    ["overhead", overheadS],
  ];
  const bound = parts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return {
    weightsS,
    kvS,
    computeS,
    allReduceS,
    pipelineS,
    overheadS,
    totalS,
    bound,
    expertsTouched: touched,
  };
}
