/**
 * The serving planner: prefill and decode per step (roofline), KV cache, continuous batching,
 * latency targets, cost per token, energy per token, and a discrete-event simulation.
 */
export type { ServingCalibration, ServingConstants } from "./calibration.js";
export { calibrationFor, SERVING_CONSTANTS, servingCalibration } from "./calibration.js";
export type { ServingCost, ServingEnergy, ServingEstimate } from "./estimate.js";
export { estimateServing } from "./estimate.js";
export type { Length, ServingOptions, ServingTargets } from "./options.js";
export { meanLength } from "./options.js";
export type { Precisions, ServingPrecision } from "./precision.js";
export { bytesPerElement, peakFlopsAt, resolvePrecisions, SERVING_PRECISIONS } from "./precision.js";
export type { ServingComparison, ServingPoint, ServingSearch } from "./search.js";
export { batchSizes, compareServing, searchServing, servingCurve } from "./search.js";
export type { Layout, MemoryBreakdown, ServingSetup } from "./setup.js";
export { maxBatchFor, servingSetup } from "./setup.js";
export type { Percentiles, SimulationOptions, SimulationResult, TraceRequest } from "./simulate.js";
export { simulateServing } from "./simulate.js";
export type { Bound, StepBreakdown, StepWork } from "./step.js";
export { expertsTouched, stepBreakdown, stepSeconds } from "./step.js";
export { staticBatch, steadyStepSeconds, steadyWork, ttftSeconds } from "./workload.js";
