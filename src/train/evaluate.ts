/**
 * The hot path: memory per chip and step time of one candidate strategy, as plain arithmetic on
 * a precomputed Problem. Nothing here allocates; breakdowns go into a caller's Float64Array.
 */
import {
  CP_MERGE_BYTES,
  CP_MERGE_SHARE,
  LOGIT_BYTES,
  OPTIMIZER_BYTES,
  OPTIMIZER_TRAFFIC_BYTES,
  PARAM_COMM_BYTES,
  type Problem,
  RESERVE_FIXED_BYTES,
  RESERVE_FRACTION,
  SCALE_OUT_LATENCY_S,
  SCALE_UP_LATENCY_S,
  WEIGHT_BYTES,
} from "./problem.js";

/** Recompute mode codes used in the hot path. */
export const RC_NONE = 0;
export const RC_SELECTIVE = 1;
export const RC_FULL = 2;
/** Half the layers of a stage fully recomputed, the other half keeping everything (Megatron's recompute-num-layers). */
export const RC_PARTIAL = 3;

/** Slots of the memory breakdown array. */
export const M_WEIGHTS = 0;
export const M_GRADS = 1;
export const M_OPT = 2;
export const M_ACT = 3;
export const M_LOGITS = 4;
export const M_BUFFERS = 5;
export const M_RESERVE = 6;
export const M_TOTAL = 7;
export const MEMORY_SLOTS = 8;

/** Slots of the time breakdown array. */
export const T_MATMUL = 0;
export const T_ATTN = 1;
export const T_ELEM = 2;
export const T_RECOMPUTE = 3;
export const T_TP = 4;
export const T_CP = 5;
export const T_EP = 6;
export const T_PP = 7;
export const T_BUBBLE = 8;
export const T_DP = 9;
export const T_OPT = 10;
export const T_OVERHEAD = 11;
export const T_STEP = 12;
export const TIME_SLOTS = 13;

/**
 * Time of a collective (all-gather or reduce-scatter) of `bytes` (the full tensor) over `g` ranks
 * of which `k` share a scale-up domain: a two-level ring, the scale-out tier carrying 1/k of the
 * data per chip (alpha-beta per tier).
 */
export function collectiveTime(p: Problem, bytes: number, g: number, k: number): number {
  if (g <= 1) return 0;
  let t = 0;
  if (k > 1) t += ((k - 1) / k) * (bytes / p.upRate) + (k - 1) * SCALE_UP_LATENCY_S;
  const n = g / k;
  if (n > 1) t += ((n - 1) / n) * (bytes / k / p.outRate) + (n - 1) * SCALE_OUT_LATENCY_S;
  return t;
}

/** The latency part of `collectiveTime`: one step per ring member on each tier. */
export function collectiveLatency(g: number, k: number): number {
  if (g <= 1) return 0;
  return (k > 1 ? (k - 1) * SCALE_UP_LATENCY_S : 0) + (g > k ? (g / k - 1) * SCALE_OUT_LATENCY_S : 0);
}

/** Members of a group of `size` with rank stride `stride` that share one scale-up domain. */
function intra(p: Problem, size: number, stride: number): number {
  const fit = Math.floor(p.domain / stride);
  return fit <= 1 ? 1 : Math.min(fit, size);
}

/** Layers on the busiest pipeline stage, and whether the logits sit on a stage of their own share. */
export function stageLayers(layers: number, pp: number, vp: number): number {
  if (pp === 1) return layers;
  const chunks = pp * vp;
  if (layers % chunks === 0) return layers / pp;
  // Uneven split: embedding and loss count as one layer each (Megatron); any remainder goes to
  // the busiest stage.
  return Math.ceil((layers + 2) / chunks) * vp;
}

/**
 * Memory per chip of a candidate, bytes; fills `out` (MEMORY_SLOTS) when given. Pipeline
 * schedule 1F1B (interleaved when vp > 1); the busiest of the first and last stage.
 */
export function memoryPerChip(
  p: Problem,
  tp: number,
  pp: number,
  vp: number,
  dp: number,
  cp: number,
  ep: number,
  mb: number,
  zero: number,
  rc: number,
  out?: Float64Array,
): number {
  const etp = (dp * cp) % ep === 0 ? tp : 1;
  const stageL = stageLayers(p.layers, pp, vp);
  const layerShare = stageL / p.layers;
  const edge = pp === 1 ? p.embeddingParams + p.outputParams : Math.max(p.embeddingParams, p.outputParams);
  const denseParams = (p.paramsDense * layerShare + edge) / tp;
  const expertParams = (p.paramsExpert * layerShare) / (ep * etp);
  const shardDense = dp * cp;
  const shardExpert = (dp * cp * tp) / (ep * etp);
  const weights =
    WEIGHT_BYTES *
    (zero >= 3 ? denseParams / shardDense + expertParams / shardExpert : denseParams + expertParams);
  // ZeRO-3/FSDP holds 16 bytes per parameter, sharded, in both common layouts: DeepSpeed keeps
  // bf16 weight and gradient shards beside the fp32 master, m and v; PyTorch FSDP's sharded
  // parameter is the fp32 master itself, with an fp32 gradient shard and m, v (2 + 2 + 12).
  const gradBytes = zero >= 3 ? 2 : p.gradBytes;
  const grads =
    gradBytes *
    (zero >= 2 ? denseParams / shardDense + expertParams / shardExpert : denseParams + expertParams);
  const opt =
    OPTIMIZER_BYTES *
    (zero >= 1 ? denseParams / shardDense + expertParams / shardExpert : denseParams + expertParams);
  const tokens = (mb * p.seq) / cp;
  const m = p.batchSeqs / (dp * mb);
  const perLayer =
    rc === RC_FULL
      ? p.actBytesFull
      : rc === RC_SELECTIVE
        ? p.actBytesSelective
        : rc === RC_PARTIAL
          ? (p.actBytesFull + p.actBytesNone) / 2
          : p.actBytesNone;
  // 1F1B: the first stage holds min(pp, m) micro-batches; interleaving adds (pp-1)/(pp*vp).
  const inflight = pp === 1 ? 1 : Math.min(pp, m) * (vp > 1 ? 1 + (pp - 1) / (pp * vp) : 1);
  let act = (tokens * perLayer * stageL * inflight) / tp;
  // Full recompute rebuilds one layer's activations at a time during backward.
  if (rc === RC_FULL || rc === RC_PARTIAL) act += (tokens * p.actBytesNone) / tp;
  const logits = (tokens * p.vocab * LOGIT_BYTES) / tp;
  const layerParams = (p.paramsDense + p.paramsExpert / ep) / p.layers / tp;
  const buffers = zero >= 3 ? 2 * WEIGHT_BYTES * layerParams * 2 : 0;
  const reserve = RESERVE_FIXED_BYTES + RESERVE_FRACTION * p.hbmBytes;
  const total = weights + grads + opt + Math.max(act, act / inflight + logits) + buffers + reserve;
  if (out) {
    out[M_WEIGHTS] = weights;
    out[M_GRADS] = grads;
    out[M_OPT] = opt;
    const lastStageHeavier = act / inflight + logits > act;
    out[M_ACT] = lastStageHeavier ? act / inflight : act;
    out[M_LOGITS] = lastStageHeavier ? logits : 0;
    out[M_BUFFERS] = buffers;
    out[M_RESERVE] = reserve;
    out[M_TOTAL] = total;
  }
  return total;
}

/** Step time of a candidate, seconds; fills `out` (TIME_SLOTS) when given. */
export function stepTime(
  p: Problem,
  tp: number,
  pp: number,
  vp: number,
  dp: number,
  cp: number,
  ep: number,
  mb: number,
  zero: number,
  rc: number,
  out?: Float64Array,
): number {
  const c = p.calibration;
  const L = p.layers;
  const stageL = stageLayers(L, pp, vp);
  const share = stageL / L;
  const m = p.batchSeqs / (dp * mb);
  const tokens = (mb * p.seq) / cp;
  const tokTp = tokens / tp;
  // GEMM efficiency falls for narrow per-chip matmuls (tiles and waves): x / (x + x0).
  const dim = p.gemmDim / tp;
  const mmRate = (p.matmulRate * dim) / (dim + c.gemmHalfSize);
  // Forward work of one layer for one micro-batch, and of the logits (last stage).
  const mmDense = (tokTp * p.fwdDenseFlops) / L / mmRate;
  const mmExpert = (tokTp * p.fwdExpertFlops) / c.moeEfficiency / L / mmRate;
  const mmLayer = mmDense + mmExpert;
  const attLayer = (tokTp * p.fwdAttentionFlops) / L / p.attentionRate;
  const elLayer = (tokTp * p.fwdElemBytes) / L / p.elemRate;
  const mmLogits = (tokTp * p.fwdLogitsFlops) / mmRate;
  const elLogits = (tokTp * p.logitsElemBytes) / p.elemRate;
  // GEMM roofline: forward + backward of a micro-batch stream every local weight from HBM
  // (fwd and dgrad reads, fp32 gradient accumulation); with few tokens per chip (thin CP slices,
  // small micro-batches, few tokens per expert) that traffic, not the tensor cores, sets the time.
  const etp = (dp * cp) % ep === 0 ? tp : 1;
  const wDense = (p.paramsDense * p.weightTrafficBytes) / L / tp / p.elemRate;
  const wExpert = (p.paramsExpert * p.weightTrafficBytes) / L / (ep * etp) / p.elemRate;
  const wLogits = (p.outputParams * p.weightTrafficBytes) / tp / p.elemRate;
  const waitLayer = Math.max(0, wDense - 3 * mmDense) + Math.max(0, wExpert - 3 * mmExpert);
  const waitLogits = Math.max(0, wLogits - 3 * mmLogits);
  // The busiest stage: all layers of a stage plus the logits on the last one; with Megatron's
  // uneven split the last stage holds one layer fewer.
  const layerF = mmLayer + attLayer + elLayer;
  const uneven = pp > 1 && L % (pp * vp) !== 0;
  const lastLayers = uneven ? stageL - 1 : stageL;
  const lastHeavier = lastLayers * layerF + mmLogits + elLogits >= stageL * layerF;
  const busyLayers = lastHeavier ? lastLayers : stageL;
  const withLogits = lastHeavier ? 1 : 0;
  const mmF = busyLayers * mmLayer + withLogits * mmLogits;
  const attF = busyLayers * attLayer;
  const elF = busyLayers * elLayer + withLogits * elLogits;
  // Backward costs twice the forward; flash attention's backward about 2.5 times. GEMMs waiting
  // on weight traffic count as memory-bound time.
  const matmul = 3 * mmF;
  const attention = 3.5 * attF;
  const memoryBound = 3 * elF + busyLayers * waitLayer + withLogits * waitLogits;
  const recompute =
    rc === RC_FULL
      ? busyLayers * layerF
      : rc === RC_PARTIAL
        ? 0.5 * busyLayers * layerF
        : rc === RC_SELECTIVE
          ? 0.5 * busyLayers * elLayer
          : 0;
  const computeMb = matmul + attention + memoryBound + recompute;
  const lastF = mmF + attF + elF;
  // Tensor/sequence parallel: 2 all-gathers + 2 reduce-scatters per layer forward, same backward,
  // 2 more all-gathers when the forward is recomputed.
  let tpT = 0;
  if (tp > 1) {
    const kTp = intra(p, tp, 1);
    const one = collectiveTime(p, tokens * p.hidden * 2, tp, kTp);
    // Overlap with GEMMs works inside the scale-up domain only (userbuffer-style kernels).
    tpT =
      one * stageL * (rc === RC_FULL ? 10 : rc === RC_PARTIAL ? 9 : 8) * (kTp >= tp ? 1 - c.tpOverlap : 1);
  }
  // Context parallel ring: cp-1 steps per layer, each passing one KV block (forward) or a KV
  // and a dKV block (backward) while attention runs on the previous block; a step costs the
  // larger of its transfer (plus link latency) and its share of the attention. Every remote
  // step's partial output (and query gradient) is merged in HBM: with short per-rank chunks the
  // merges outweigh the attention they split (arithmetic intensity ~ seq / cp).
  let cpT = 0;
  if (cp > 1) {
    const kCp = intra(p, cp, tp);
    const within = kCp >= cp;
    const rate = within ? p.upRate : p.outRate;
    const lat = within ? SCALE_UP_LATENCY_S : SCALE_OUT_LATENCY_S;
    const xfer = (tokTp * p.kvBytesPerToken) / rate;
    const attStep = attLayer / cp;
    const fwd = Math.max(0, xfer + lat - attStep);
    const bwd = Math.max(0, 2 * xfer + lat - 2.5 * attStep);
    const merge = (CP_MERGE_SHARE * tokTp * p.attnOutDim * CP_MERGE_BYTES) / p.elemRate;
    const refwd = rc === RC_FULL ? 2 : rc === RC_PARTIAL ? 1.5 : 1;
    cpT = stageL * (cp - 1) * (refwd * fwd + bwd + merge);
  }
  // Expert parallel: dispatch and combine all-to-alls, forward and backward. EP ranks sit
  // `etp` apart (expert tensor parallelism inside), so with TP fewer of them share a domain.
  let epT = 0;
  if (ep > 1 && p.moeLayers > 0) {
    const kEp = intra(p, ep, etp);
    const bytes = tokTp * p.topK * p.hidden * 2;
    const upPart = (bytes * (kEp - 1)) / ep / p.upRate;
    const outPart = (bytes * (ep - kEp)) / ep / p.outRate;
    const a2a = Math.max(upPart, outPart) + (kEp < ep ? SCALE_OUT_LATENCY_S : SCALE_UP_LATENCY_S);
    epT = a2a * p.moeLayers * share * (rc === RC_FULL ? 6 : rc === RC_PARTIAL ? 5 : 4);
  }
  // Pipeline sends: activations forward, gradients backward, per virtual stage.
  let ppT = 0;
  if (pp > 1) {
    const crossing = tp * cp * dp >= p.domain;
    const bytes = tokTp * p.hidden * 2;
    ppT =
      2 *
      vp *
      (bytes / (crossing ? p.outRate : p.upRate) + (crossing ? SCALE_OUT_LATENCY_S : SCALE_UP_LATENCY_S));
  }
  const kernel = c.kernelOverheadS * stageL * (rc === RC_FULL ? 1.33 : rc === RC_PARTIAL ? 1.17 : 1);
  const tMb = computeMb + tpT + cpT + epT + ppT + kernel;
  const bubbleMb = pp > 1 ? (pp - 1) / vp : 0;
  const pipe = (m + bubbleMb) * tMb;
  // Data parallel over dp*cp (gradients of CP ranks are reduced too); experts over their own group.
  const denseLocal =
    (p.paramsDense * share + (pp === 1 ? p.embeddingParams + p.outputParams : p.outputParams)) / tp;
  const expertLocal = (p.paramsExpert * share) / (ep * etp);
  const gDense = dp * cp;
  const gExpert = (dp * cp * tp) / (ep * etp);
  const kDense = intra(p, gDense, tp);
  const kExpert = intra(p, gExpert, ep * etp);
  // Gradients are reduced in the buffer's precision (FSDP reduce-scatters bf16).
  const gradComm = zero >= 3 ? 2 : p.gradBytes;
  const rs =
    collectiveTime(p, denseLocal * gradComm, gDense, kDense) +
    collectiveTime(p, expertLocal * gradComm, gExpert, kExpert);
  const ag =
    collectiveTime(p, denseLocal * PARAM_COMM_BYTES, gDense, kDense) +
    collectiveTime(p, expertLocal * PARAM_COMM_BYTES, gExpert, kExpert);
  const bwdMb = 2 * lastF;
  let dpT: number;
  if (zero >= 3) {
    // FSDP: gather weights forward and backward and reduce-scatter gradients every micro-batch,
    // layer by layer (a ring's latency per layer and collective), overlapped with that
    // micro-batch's compute.
    const lat =
      collectiveLatency(gDense, kDense) + (expertLocal > 0 ? collectiveLatency(gExpert, kExpert) : 0);
    const comm = 2 * ag + rs + 3 * (stageL - 1) * lat;
    dpT = m * Math.max(0, comm - computeMb) + ag / stageL;
  } else if (zero === 2) {
    // Sharded gradients leave nowhere to accumulate a full gradient: every micro-batch's
    // backward reduce-scatters its gradients (behind that backward); one all-gather after the update.
    dpT = m * Math.max(0, rs - bwdMb) + Math.max(0, ag - lastF);
  } else {
    // Gradient reduce-scatter overlaps the last backward, the weight all-gather the next forward.
    const fwdMb = lastF;
    dpT = zero === 0 ? Math.max(0, 2 * rs - bwdMb) : Math.max(0, rs - bwdMb) + Math.max(0, ag - fwdMb);
  }
  const shardOpt = zero >= 1 ? gDense : 1;
  const optT =
    ((denseLocal / shardOpt + expertLocal / (zero >= 1 ? gExpert : 1)) * OPTIMIZER_TRAFFIC_BYTES) /
    p.elemRate;
  const step = pipe + dpT + optT + c.stepOverheadS;
  if (out) {
    const scale = m;
    out[T_MATMUL] = matmul * scale;
    out[T_ATTN] = attention * scale;
    out[T_ELEM] = memoryBound * scale;
    out[T_RECOMPUTE] = recompute * scale;
    out[T_TP] = tpT * scale;
    out[T_CP] = cpT * scale;
    out[T_EP] = epT * scale;
    out[T_PP] = ppT * scale;
    out[T_BUBBLE] = bubbleMb * tMb;
    out[T_DP] = dpT;
    out[T_OPT] = optT;
    out[T_OVERHEAD] = c.stepOverheadS + kernel * scale;
    out[T_STEP] = step;
  }
  return step;
}
