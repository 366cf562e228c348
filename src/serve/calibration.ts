/**
 * The serving model's achievable-efficiency constants, one named set per chip family, stored as
 * data (`data/calibration/serving.json`, the format of src/catalog/calibration.ts) with the
 * validation rows that justify them.
 */
import data from "../../data/calibration/serving.json" with { type: "json" };
import { CalibrationTable } from "../catalog/calibration.js";
import type { ChipSpec } from "../catalog/catalog.js";

/** The constants of one chip family. Fractions are of the catalog's peak figures. */
export interface ServingConstants {
  /** Fraction of peak memory bandwidth reached when streaming weights and KV cache. */
  bandwidthFraction: number;
  /** Fraction of peak memory bandwidth reached by attention reading the paged KV cache. */
  kvBandwidthFraction: number;
  /** Fraction of dense peak FLOP/s reached by the step's matmuls and attention. */
  computeFraction: number;
  /** Fixed time per engine step: scheduling, sampling, kernel launches, host sync (s). */
  stepOverheadS: number;
  /**
   * Latency of one latency-bound round of a tensor-parallel all-reduce at small message size (s);
   * an all-reduce over tp chips takes log2(tp) rounds. Pipeline hand-offs take one.
   */
  allReduceLatencyS: number;
  /** Fraction of the scale-up link bandwidth reached by all-reduce. */
  linkFraction: number;
  /**
   * Fraction of the memory left free after weights and workspace that the runtime gives the KV
   * cache (TensorRT-LLM's kv_cache_free_gpu_mem_fraction; the rest: CUDA context, allocator).
   */
  kvFreeMemoryFraction: number;
  /** Runtime workspace per chip besides weights and KV cache (bytes). */
  workspaceBytes: number;
  /** The largest batch a serving runtime schedules at once per replica. */
  maxBatch: number;
  /** Tokens processed per step (prefill chunk plus decodes), the runtime's max_num_tokens. */
  maxTokensPerStep: number;
}

/** The constants with the family they come from. */
export type ServingCalibration = ServingConstants & { family: string };

/** The names of the constants, in the order reports list them. */
export const SERVING_CONSTANTS = [
  "bandwidthFraction",
  "kvBandwidthFraction",
  "computeFraction",
  "stepOverheadS",
  "allReduceLatencyS",
  "linkFraction",
  "kvFreeMemoryFraction",
  "workspaceBytes",
  "maxBatch",
  "maxTokensPerStep",
] as const satisfies readonly (keyof ServingConstants)[];

/** The serving calibration file, parsed and checked. */
export const servingCalibration = new CalibrationTable<ServingConstants & Record<string, number>>(
  "data/calibration/serving.json",
  SERVING_CONSTANTS,
  data,
);

/**
 * The constants for a chip: its family's entry (matched by chip id, then by the catalog's family
 * name), else the defaults. `override` replaces single constants (for what-if and tests).
 */
export function calibrationFor(
  chip: Pick<ChipSpec, "id" | "family">,
  override?: Partial<ServingConstants>,
): ServingCalibration {
  return servingCalibration.constantsFor(chip, override);
}
