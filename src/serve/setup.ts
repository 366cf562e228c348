/**
 * What one serving layout costs per token, precomputed once: bytes of weights and KV cache per
 * chip, FLOPs per token, all-reduce sizes, and the memory left for the KV cache. The step model
 * (step.ts) and the simulation evaluate candidates from this without allocating.
 */
import type { ChipSpec, SystemSpec } from "../catalog/catalog.js";
import type { Model } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { type ArchitectureShape, architectureShape } from "../llm/architecture.js";
import { calibrationFor, type ServingCalibration } from "./calibration.js";
import { bytesPerElement, type Precisions, peakFlopsAt } from "./precision.js";

/** How one model replica is split over chips: tensor, pipeline and expert parallel degrees. */
export interface Layout {
  /** Tensor-parallel degree, in chips. */
  tp: number;
  /** Pipeline stages. */
  pp: number;
  /** Expert-parallel degree (MoE experts spread over this many of the tp chips). */
  ep: number;
}

/** Memory per chip, bytes. */
export interface MemoryBreakdown {
  /** Device memory. */
  capacityBytes: number;
  /** What the runtime uses: weights, workspace and the KV cache's share of the memory left. */
  usableBytes: number;
  weightsBytes: number;
  workspaceBytes: number;
  /** Left for the KV cache (negative: the weights do not fit). */
  kvCapacityBytes: number;
  /** KV cache of one token on this chip (its share of layers and heads). */
  kvBytesPerToken: number;
}

/** The per-chip costs of one layout, all in SI units. */
export interface ServingSetup {
  model: Model;
  shape: ArchitectureShape;
  system: SystemSpec;
  chip: ChipSpec;
  calibration: ServingCalibration;
  precisions: Precisions;
  layout: Layout;
  layersPerStage: number;
  /** Weight bytes every step reads on one chip whatever the batch (per stage; non-expert). */
  staticWeightBytes: number;
  /** Bytes of one routed expert on one chip (sharded over tp). */
  expertBytes: number;
  moeLayersPerStage: number;
  experts: number;
  topK: number;
  /** KV cache bytes per token on one chip. */
  kvBytesPerToken: number;
  /** Matmul FLOPs per token on one chip (without logits). */
  matmulFlopsPerToken: number;
  /** Logit FLOPs per sampled token on one chip. */
  logitsFlopsPerToken: number;
  /** Attention FLOPs per token per attended context token on one chip. */
  attentionFlopsPerContext: number;
  /** Effective memory bandwidth (peak times the achievable fraction), bytes/s. */
  bandwidth: number;
  /** Effective bandwidth of the attention kernels reading the paged KV cache, bytes/s. */
  kvBandwidth: number;
  /** Effective compute rate of the matmuls at the activation precision, FLOP/s. */
  compute: number;
  /**
   * Effective compute rate of attention, FLOP/s: its matmuls run at the KV cache's precision
   * (fp8 attention kernels with an fp8 cache; never fp4), at most the activations' rate.
   */
  attentionCompute: number;
  /** All-reduces per step per stage (two per layer). */
  allReducesPerStage: number;
  /**
   * Latency of one all-reduce over the tp chips (s): log2(tp) latency-bound rounds (tree or
   * recursive doubling), each the family's per-round latency.
   */
  allReduceLatencyS: number;
  /** All-reduce payload per token, bytes (bf16 hidden state). */
  allReduceBytesPerToken: number;
  /** Effective link bandwidth for TP collectives, bytes/s (0 when tp = 1). */
  linkBandwidth: number;
  memory: MemoryBreakdown;
}

const ACT_BYTES = 2; // hidden states travel between chips in bf16

/** Options for building a setup. */
export interface SetupOptions {
  model: Model;
  system: SystemSpec;
  precisions: Precisions;
  layout: Layout;
  calibration?: Partial<Omit<ServingCalibration, "family">>;
  shape?: ArchitectureShape;
}

/** Precomputes the per-chip costs of serving `model` on `system` with `layout`. */
export function servingSetup(o: SetupOptions): ServingSetup {
  const { model, system, precisions, layout } = o;
  const chip = system.chip;
  const shape = o.shape ?? architectureShape(model);
  const cal = calibrationFor(chip, o.calibration);
  const { tp, pp } = layout;
  if (chip.memoryBandwidth === undefined || chip.memoryBytes === undefined) {
    throw new InputError(`${chip.name} has no memory size or bandwidth in the catalog`, {
      location: "system",
      hint: "pick an accelerator with HBM figures",
    });
  }
  const peak = peakFlopsAt(chip, precisions.activations);
  if (peak === undefined) throw new InputError(`${chip.name} does not compute in ${precisions.activations}`);
  const wb = bytesPerElement(precisions.weights);
  // Embeddings and the output head are stored like the blocks (a 70B model in fp8 fits one 80 GB chip).
  const eb = wb;
  const kb = bytesPerElement(precisions.kvCache);
  const m = model;
  const shards = tp * pp;

  let blockParams = 0;
  let staticParams = 0;
  let expertParams = 0;
  let moeLayers = 0;
  for (const l of shape.layers) {
    blockParams += l.attentionParams + l.ffnParams + l.routerParams + l.normParams;
    const common = l.attentionParams + l.routerParams + l.normParams;
    if (l.moe) {
      moeLayers++;
      expertParams = l.expertParams;
      staticParams += common + (l.ffnActiveParams - (m.moe?.topK ?? 0) * l.expertParams);
    } else staticParams += common + l.ffnParams;
  }
  const headParams = m.vocab * m.hidden;
  const weightsBytes = (blockParams * wb + (shape.embeddingParams + shape.outputParams) * eb) / shards;
  const staticWeightBytes = (staticParams * wb + headParams * eb) / shards;

  // KV heads split over tp until each chip holds one head; MLA's latent cache is replicated.
  const kvPerLayer = m.mla
    ? shape.kvElementsPerTokenPerLayer
    : (shape.kvElementsPerTokenPerLayer / m.kvHeads) * Math.max(1, m.kvHeads / tp);
  const layersPerStage = m.layers / pp;
  const kvBytesPerToken = kvPerLayer * kb * layersPerStage;

  const perTokenMatmul = shape.layers.reduce(
    (s, l) => s + 2 * (l.attentionParams + l.ffnActiveParams + l.routerParams),
    0,
  );
  const matmulFlopsPerToken = perTokenMatmul / shards;
  const logitsFlopsPerToken = (2 * headParams) / shards;
  const attentionFlopsPerContext = (2 * m.heads * (shape.qkHeadDim + shape.vHeadDim) * m.layers) / shards;

  const capacityBytes = chip.memoryBytes;
  // Activations of the largest step and the logits of the largest batch, beside a fixed runtime share.
  const activationBytes = cal.maxTokensPerStep * m.hidden * ACT_BYTES * 8 + (cal.maxBatch * m.vocab * 4) / tp;
  const workspaceBytes = cal.workspaceBytes + activationBytes;
  const free = capacityBytes - weightsBytes - workspaceBytes;
  const kvCapacityBytes = free > 0 ? free * cal.kvFreeMemoryFraction : free;
  const usableBytes = weightsBytes + workspaceBytes + Math.max(0, kvCapacityBytes);

  const inDomain = tp <= system.scaleUpDomain;
  const link = inDomain ? system.scaleUpBandwidth : system.scaleOutBandwidth;
  const linkBandwidth = tp > 1 ? (link ?? 25e9) * cal.linkFraction : 0;

  return {
    model,
    shape,
    system,
    chip,
    calibration: cal,
    precisions,
    layout,
    layersPerStage,
    staticWeightBytes,
    expertBytes: (expertParams * wb) / tp,
    moeLayersPerStage: moeLayers / pp,
    experts: m.moe?.experts ?? 0,
    topK: m.moe?.topK ?? 0,
    kvBytesPerToken,
    matmulFlopsPerToken,
    logitsFlopsPerToken,
    attentionFlopsPerContext,
    bandwidth: chip.memoryBandwidth * cal.bandwidthFraction,
    kvBandwidth: chip.memoryBandwidth * cal.kvBandwidthFraction,
    compute: peak * cal.computeFraction,
    attentionCompute: attentionPeak(chip, precisions, peak) * cal.computeFraction,
    allReducesPerStage: tp > 1 ? 2 * layersPerStage : 0,
    allReduceLatencyS: tp > 1 ? Math.ceil(Math.log2(tp)) * cal.allReduceLatencyS : 0,
    allReduceBytesPerToken: m.hidden * ACT_BYTES,
    linkBandwidth,
    memory: {
      capacityBytes,
      usableBytes,
      weightsBytes,
      workspaceBytes,
      kvCapacityBytes,
      kvBytesPerToken,
    },
  };
}

/** Peak FLOP/s of attention: at the KV cache's format (fp8 at the narrowest), within the activations'. */
function attentionPeak(chip: ChipSpec, p: Precisions, activationPeak: number): number {
  const kv = p.kvCache === "fp4" || p.kvCache === "int8" ? "fp8" : p.kvCache;
  const at = peakFlopsAt(chip, kv) ?? peakFlopsAt(chip, "bf16") ?? activationPeak;
  return Math.min(at, activationPeak);
}

/** The largest number of sequences of `tokensPerSequence` whose KV cache fits, capped by the runtime. */
export function maxBatchFor(s: ServingSetup, tokensPerSequence: number): number {
  if (s.memory.kvCapacityBytes <= 0) return 0;
  const fit = Math.floor(s.memory.kvCapacityBytes / (s.kvBytesPerToken * tokensPerSequence));
  return Math.max(0, Math.min(fit, s.calibration.maxBatch));
}
