/**
 * Architecture math for decoder-only LLMs: parameters, FLOPs and bytes per layer and per token,
 * for dense and MoE models with MHA, GQA, MQA or MLA attention.
 *
 * Conventions: a multiply-add is 2 FLOP; biases and norm weights are counted in parameters but
 * not in FLOPs; attention is causal and flash-style (no s^2 memory), so the score and value
 * products cost 2 * 2 * heads * headDim * context FLOP per token, with context = s/2 on average
 * over a causal sequence of length s.
 */
import type { Model } from "../catalog/schema.js";

/** The parameter and FLOP shape of one transformer layer. */
export interface LayerShape {
  moe: boolean;
  /** Attention projections (Q, K, V, O, and MLA's down/up projections). */
  attentionParams: number;
  /** All FFN parameters of the layer: the dense MLP, or every expert plus shared experts. */
  ffnParams: number;
  /** FFN parameters one token passes through (top-k and shared experts for MoE). */
  ffnActiveParams: number;
  /** Parameters of one routed expert (0 for dense layers). */
  expertParams: number;
  routerParams: number;
  normParams: number;
}

/** A summary of an architecture that the planners precompute once. */
export interface ArchitectureShape {
  model: Model;
  layers: LayerShape[];
  denseLayers: number;
  moeLayers: number;
  /** Input embedding parameters (token and learned position embeddings). */
  embeddingParams: number;
  /** Output projection (logits) parameters; 0 when tied to the input embedding. */
  outputParams: number;
  totalParams: number;
  activeParams: number;
  /** Query/key head size used by the attention products (MLA: nope + rope). */
  qkHeadDim: number;
  /** Value head size. */
  vHeadDim: number;
  /** Elements of KV cache per token per layer (2 * kvHeads * headDim; MLA: kvLoraRank + rope). */
  kvElementsPerTokenPerLayer: number;
}

function attentionParams(m: Model): number {
  const h = m.hidden;
  if (m.mla) {
    const a = m.mla;
    const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const q =
      a.qLoraRank > 0 ? h * a.qLoraRank + a.qLoraRank + a.qLoraRank * m.heads * qHead : h * m.heads * qHead;
    const kv =
      h * (a.kvLoraRank + a.qkRopeHeadDim) +
      a.kvLoraRank +
      a.kvLoraRank * m.heads * (a.qkNopeHeadDim + a.vHeadDim);
    const o = m.heads * a.vHeadDim * h;
    return q + kv + o;
  }
  const q = h * m.heads * m.headDim;
  const kv = 2 * h * m.kvHeads * m.headDim;
  const o = m.heads * m.headDim * h;
  return q + kv + o;
}

/** Weights of one MLP of inner size `ffn`: gated (SwiGLU, GeGLU) have three matrices. */
export function mlpParams(hidden: number, ffn: number, activation: Model["activation"]): number {
  const gated = activation === "swiglu" || activation === "geglu";
  return (gated ? 3 : 2) * hidden * ffn;
}

function isMoeLayer(m: Model, i: number): boolean {
  const moe = m.moe;
  if (!moe || i < moe.denseLayers) return false;
  return (i - moe.denseLayers) % moe.every === moe.every - 1;
}

/** Computes the shape of a model: parameters per layer, totals, KV cache size. */
export function architectureShape(m: Model): ArchitectureShape {
  const attn = attentionParams(m);
  const dense = mlpParams(m.hidden, m.ffn, m.activation);
  const layers: LayerShape[] = [];
  for (let i = 0; i < m.layers; i++) {
    const normParams = 2 * m.hidden;
    if (isMoeLayer(m, i) && m.moe) {
      const expert = mlpParams(m.hidden, m.moe.expertFfn, m.activation);
      const shared = m.moe.sharedExperts * expert;
      layers.push({
        moe: true,
        attentionParams: attn,
        ffnParams: m.moe.experts * expert + shared,
        ffnActiveParams: m.moe.topK * expert + shared,
        expertParams: expert,
        routerParams: m.hidden * m.moe.experts,
        normParams,
      });
    } else {
      layers.push({
        moe: false,
        attentionParams: attn,
        ffnParams: dense,
        ffnActiveParams: dense,
        expertParams: 0,
        routerParams: 0,
        normParams,
      });
    }
  }
  const positions = m.positionEmbedding === "learned" ? (m.maxSeq ?? 0) * m.hidden : 0;
  const embeddingParams = m.vocab * m.hidden + positions;
  const outputParams = m.tiedEmbeddings ? 0 : m.vocab * m.hidden;
  const finalNorm = m.hidden;
  let total = embeddingParams + outputParams + finalNorm;
  let active = total;
  for (const l of layers) {
    const common = l.attentionParams + l.routerParams + l.normParams;
    total += common + l.ffnParams;
    active += common + l.ffnActiveParams;
  }
  const moeLayers = layers.filter((l) => l.moe).length;
  return {
    model: m,
    layers,
    denseLayers: layers.length - moeLayers,
    moeLayers,
    embeddingParams,
    outputParams,
    totalParams: total,
    activeParams: active,
    qkHeadDim: m.mla ? m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim : m.headDim,
    vHeadDim: m.mla ? m.mla.vHeadDim : m.headDim,
    kvElementsPerTokenPerLayer: m.mla ? m.mla.kvLoraRank + m.mla.qkRopeHeadDim : 2 * m.kvHeads * m.headDim,
  };
}

/** Forward FLOPs per token, split by where they are spent. */
export interface ForwardFlops {
  /** Weight matmuls of all layers (attention projections, MLP or active experts, router). */
  matmul: number;
  /** Attention score and value products (depend on context length). */
  attention: number;
  /** The output projection to the vocabulary. */
  logits: number;
  total: number;
}

/**
 * Forward FLOPs per token at an average attended context of `context` tokens
 * (s/2 for a causal sequence of length s in training and prefill; the position in decode).
 */
export function forwardFlopsPerToken(shape: ArchitectureShape, context: number): ForwardFlops {
  const m = shape.model;
  let matmul = 0;
  for (const l of shape.layers) matmul += 2 * (l.attentionParams + l.ffnActiveParams + l.routerParams);
  const attention = shape.layers.length * 2 * m.heads * (shape.qkHeadDim + shape.vHeadDim) * context;
  const logits = 2 * m.vocab * m.hidden;
  return { matmul, attention, logits, total: matmul + attention + logits };
}

/**
 * Model FLOPs per token for training at sequence length `seq`: forward plus backward (twice the
 * forward), causal attention, no recomputation. This is the MFU convention used throughout
 * (PaLM's 6N plus causal attention); recomputation counts only toward HFU.
 */
export function trainingFlopsPerToken(shape: ArchitectureShape, seq: number): number {
  return 3 * forwardFlopsPerToken(shape, seq / 2).total;
}

/** KV cache bytes per token over all layers at `bytesPerElement` (2 for bf16, 1 for fp8). */
export function kvCacheBytesPerToken(shape: ArchitectureShape, bytesPerElement: number): number {
  return shape.layers.length * shape.kvElementsPerTokenPerLayer * bytesPerElement;
}
