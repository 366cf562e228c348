/**
 * The training planner: memory per chip, step time, parallelism search, MFU/HFU, time to train,
 * energy and cost for dense and MoE LLMs on any catalog system. Browser-safe.
 */
export type { FamilyCalibration } from "./calibration.js";
export {
  calibrationFamily,
  calibrationFor,
  defaultCalibration,
  TRAINING_CONSTANTS,
  trainingCalibration,
} from "./calibration.js";
export type { ChipCountPoint, ChipSweepOptions, ChipSweepResult, SearchAt } from "./chips.js";
export {
  chipCountRange,
  chipSweepResult,
  DEFAULT_CHIP_SPAN,
  fitsOn,
  searchChipCounts,
  searchHere,
  smallestFittingPowerOfTwo,
} from "./chips.js";
export type { SearchOptions } from "./estimate.js";
export {
  completeStrategy,
  estimateOn,
  estimateTraining,
  FLOP_CONVENTION,
  finishOrFail,
  finishSearch,
  searchTraining,
  smallestFittingChips,
} from "./estimate.js";
export { collectiveLatency, collectiveTime, memoryPerChip, stepTime } from "./evaluate.js";
export type { Problem } from "./problem.js";
export { batchSeqsOf, prepare, splittableBatch } from "./problem.js";
export type { Found, SliceOptions, SliceResult } from "./search.js";
export { mergeSlices, paretoFront, searchSlice, strategyKey } from "./search.js";
export type { PipelineSplit } from "./space.js";
export { checkStrategy, divisors } from "./space.js";
export type {
  Bound,
  GradientPrecision,
  MemoryBreakdown,
  RecomputeMode,
  RunTotals,
  SearchResult,
  StepBreakdown,
  Strategy,
  TrainingEstimate,
  TrainingOptions,
  ZeroStage,
} from "./types.js";
