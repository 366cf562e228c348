/**
 * Calibration and validation for the training and serving planners: published runs as checked
 * rows (one schema per file kind), their prediction, one fitter, one error summary and one
 * leave-one-source-out loop. After train/ and serve/ in the chain: it predicts rows with them.
 */
export type { CrossValidationPlan, Fold } from "./cross-validation.js";
export { leaveOneSourceOut, MIN_MEASUREMENTS } from "./cross-validation.js";
export type { ErrorSummary } from "./errors.js";
export { median, relativeError, summarize, summarizeBy } from "./errors.js";
export type { FitBound, FitBounds } from "./fit.js";
export { fitConstants, fitObjective, round2 } from "./fit.js";
export { InferenceRow, parseRows, TrainingRow } from "./rows.js";
export type {
  GroupErrors,
  PreparedRow,
  ServingCrossValidation,
  ServingResult,
  ServingValidation,
} from "./serving.js";
export {
  crossValidateServing,
  fitServing,
  fitServingFamily,
  predictRows,
  prepareRows,
  SERVING_BOUNDS,
  sourceKeyOf,
  validateServing,
} from "./serving.js";
export type { ValidationSkip } from "./skip.js";
export type {
  FitCase,
  MemoryFit,
  TrainingCrossValidation,
  TrainingResult,
  TrainingValidation,
  TrainingValidationOptions,
} from "./training.js";
export {
  conventionFlopsPerToken,
  fitTraining,
  fitTrainingFamily,
  measuredTokensPerChip,
  predictCase,
  TRAINING_BOUNDS,
  validateTraining,
} from "./training.js";
