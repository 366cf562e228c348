/**
 * Types of the training planner: the parallel strategy (execution), the options that describe
 * the application and the system, and the estimate with its breakdowns.
 */
import type { SystemSpec } from "../catalog/catalog.js";
import type { Model, Precision } from "../catalog/schema.js";
import type { FamilyCalibration } from "./calibration.js";

/**
 * Activation recomputation: none, selective (cheap elementwise ops and norms), partial (half the
 * layers fully recomputed, Megatron's recompute-num-layers), or full (every layer's forward).
 */
export type RecomputeMode = "none" | "selective" | "partial" | "full";
export const RECOMPUTE_MODES: readonly RecomputeMode[] = ["none", "selective", "partial", "full"];

/** Precision of the gradient buffer: fp32 (Megatron-LM's default for bf16) or bf16 (Megatron-Core grad_reduce_in_fp32=false). */
export type GradientPrecision = "fp32" | "bf16";

/** ZeRO stage: 0 replicated, 1 optimizer sharded, 2 + gradients, 3 + weights (FSDP). */
export type ZeroStage = 0 | 1 | 2 | 3;

/** A parallel strategy. `tp * pp * dp * cp` equals the chip count; `ep` splits experts inside `tp * cp * dp`. */
export interface Strategy {
  /** Tensor parallel (with sequence parallelism). */
  tp: number;
  /** Pipeline stages. */
  pp: number;
  /** Virtual stages per pipeline rank (interleaved 1F1B); 1 = plain 1F1B. */
  vp: number;
  /** Data parallel. */
  dp: number;
  /** Context parallel (ring attention over the sequence). */
  cp: number;
  /** Expert parallel (MoE only; 1 for dense). */
  ep: number;
  /** Sequences per micro-batch. */
  microBatch: number;
  zero: ZeroStage;
  recompute: RecomputeMode;
}

/** Options shared by `estimateTraining` and `searchTraining`. */
export interface TrainingOptions {
  /** The architecture (a catalog Model, or one built inline). */
  model: Model;
  /** The system: a catalog system, or `systemFromChip(chip)`. */
  system: SystemSpec;
  /** Number of chips. */
  chips: number;
  /** Compute precision of the matmuls (default bf16); weights and attention stay in bf16. */
  precision?: Precision;
  /** Sequence length in tokens. */
  seq: number;
  /** Global batch in sequences; or give `batchTokens`. */
  batchSeqs?: number;
  /** Global batch in tokens (rounded to whole sequences). */
  batchTokens?: number;
  /** Training tokens, for time to train, chip-hours, energy and cost (default: none, those are omitted). */
  tokens?: number;
  /** Price per chip-hour, USD, overriding the system's catalog price. */
  pricePerChipHour?: number;
  /** Power usage effectiveness of the datacenter (default: economics.json's). */
  pue?: number;
  /** Average server draw as a share of its rated power (default: economics.json's). */
  averageLoad?: number;
  /**
   * Precision of the gradient buffer, its accumulation and its data-parallel reduction
   * (default "fp32", Megatron-LM's accumulate_allreduce_grads_in_fp32; "bf16" is Megatron-Core
   * with grad_reduce_in_fp32=false, as in the NeMo / Megatron-Bridge performance recipes).
   */
  gradientPrecision?: GradientPrecision;
  /** Strategy fields to hold fixed; the others are searched (or defaulted by `estimateTraining`). */
  strategy?: Partial<Strategy>;
  /** Calibration constants to use instead of the chip family's (for experiments and tests). */
  calibration?: Partial<FamilyCalibration>;
  /**
   * How pipeline stages may split the layers: "even", "embedding" (default: layers or layers + 2,
   * Megatron counting the embedding and the loss as a layer each) or "any".
   */
  pipelineSplit?: "even" | "embedding" | "any";
}

/** Seconds of one optimizer step by component. Communication figures are the exposed part. */
export interface StepBreakdown {
  /** Matmuls (forward and backward), at achievable matmul throughput. */
  matmul: number;
  /** Attention score/value products (flash-style). */
  attention: number;
  /**
   * Memory-bound work: norms, activations, residuals, softmax of the logits, and GEMMs waiting on
   * weight reads and gradient accumulation when a micro-batch has too few tokens per chip.
   */
  memoryBound: number;
  /** Recomputed forward work. */
  recompute: number;
  /** Tensor/sequence-parallel collectives on the critical path. */
  tp: number;
  /** Context-parallel ring: KV exchange not hidden behind attention, and partial-output merges. */
  cp: number;
  /** Expert-parallel all-to-all. */
  ep: number;
  /** Pipeline point-to-point sends. */
  pp: number;
  /** Pipeline bubble: (p-1)/(m*v) of the pipelined work. */
  bubble: number;
  /** Data-parallel (and FSDP) reduce-scatter / all-gather not hidden behind compute. */
  dp: number;
  /** Optimizer update (memory-bound). */
  optimizer: number;
  /** Fixed per-step and per-kernel overheads. */
  overhead: number;
  /** The whole step. */
  step: number;
}

/** Bytes per chip by category (the most loaded pipeline stage). */
export interface MemoryBreakdown {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** Logits and their gradient (fp32) on the last stage. */
  logits: number;
  /** Gathered weights (ZeRO-3/FSDP prefetch) and communication buffers. */
  buffers: number;
  /** Allocator and runtime reserve. */
  reserve: number;
  total: number;
  capacity: number;
  /** capacity - total (negative when it does not fit). */
  headroom: number;
}

/** What limits the step. */
export type Bound =
  | "compute"
  | "memory bandwidth"
  | "scale-up network"
  | "scale-out network"
  | "pipeline bubble"
  | "overhead";

/** The estimate for one strategy. */
export interface TrainingEstimate {
  strategy: Strategy;
  fits: boolean;
  /** The category over capacity when it does not fit (the largest one). */
  overCategory?: keyof Omit<MemoryBreakdown, "total" | "capacity" | "headroom">;
  memory: MemoryBreakdown;
  time: StepBreakdown;
  bound: Bound;
  /** Global batch in sequences and micro-batches per step per pipeline. */
  batchSeqs: number;
  microBatches: number;
  tokensPerStep: number;
  tokensPerSecond: number;
  tokensPerSecondPerChip: number;
  /** Model FLOPs per token (MFU convention, see `flopConvention`). */
  modelFlopsPerToken: number;
  /** Hardware FLOPs per token: model FLOPs plus recomputation. */
  hardwareFlopsPerToken: number;
  /** Peak FLOP/s per chip the utilisations are relative to (the chosen precision's dense peak). */
  peakFlops: number;
  mfu: number;
  hfu: number;
  flopConvention: string;
  /** Present when `tokens` was given. */
  run?: RunTotals;
}

/** Totals for a training run of `tokens`. */
export interface RunTotals {
  tokens: number;
  steps: number;
  seconds: number;
  chipHours: number;
  /** Average facility power, W (chips, servers, PUE; src/power), when the chip's TDP is known. */
  powerW?: number;
  energyJ?: number;
  /** How power was worked out. */
  powerNote?: string;
  usdPerChipHour?: number;
  costUsd?: number;
  priceNote: string;
}

/** A search's answer. */
export interface SearchResult {
  best: TrainingEstimate | undefined;
  /** The best `top` strategies by step time. */
  top: TrainingEstimate[];
  /** Step time against memory headroom: no other candidate is faster with more headroom. */
  pareto: TrainingEstimate[];
  /** Candidates whose memory and time were evaluated. */
  evaluated: number;
  /** Candidates dropped because they do not fit in memory (before timing). */
  prunedMemory: number;
  /** Valid candidates considered: evaluated + prunedMemory (invalid divisions are never generated). */
  candidates: number;
}
