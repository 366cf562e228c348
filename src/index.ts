/**
 * gigawatt's library API: the same engine the CLI, the web app and the HTTP API run.
 * Everything here is browser-safe. Numbers are plain numbers in SI base units.
 *
 * @packageDocumentation
 */

// Links of the chain: capacity, deals, training, serving.
export * from "./calibration/index.js";
export * from "./capacity/index.js";
export type { ChipHourPrice, ChipSpec, SystemSpec } from "./catalog/catalog.js";
export { Catalog, catalog, si, systemFromChip } from "./catalog/catalog.js";
export type { DealEntry } from "./catalog/deals.js";
export { DealsCatalog, dealsCatalog } from "./catalog/deals.js";
export { Economics, economics } from "./catalog/economics.js";
export type { Chip, Model, Precision, Price, Source, Sourced, System } from "./catalog/schema.js";
export * from "./deal/index.js";
export { InputError } from "./errors.js";
export type { ArchitectureShape, ForwardFlops, LayerShape } from "./llm/architecture.js";
export {
  architectureShape,
  forwardFlopsPerToken,
  kvCacheBytesPerToken,
  trainingFlopsPerToken,
} from "./llm/architecture.js";
export * from "./power/index.js";
export type {
  Conflict,
  ReadClaim,
  ReadFile,
  ReadOptions,
  ReadResult,
  ReportInput,
  StatedValue,
  TermRow,
} from "./read/index.js";
export { readReports } from "./read/index.js";
export type { Block, Doc, Format } from "./report/document.js";
export { render } from "./report/document.js";
export { renderHtmlReport } from "./report/html/render.js";
export type { ChartSpec, HtmlReportSpec, HtmlSection, KeyFigure } from "./report/html/spec.js";
export { readReport } from "./report/read.js";
export { scenarioReport } from "./report/scenario.js";
export type { ScenarioHtmlInput } from "./report/scenario-html.js";
export { scenarioHtmlSpec } from "./report/scenario-html.js";
// Uncertainty, scenarios and reports.
export type { ClaimResult, Verdict } from "./scenario/claims.js";
export { checkClaims } from "./scenario/claims.js";
export type { EvaluateOptions, ScenarioResult } from "./scenario/evaluate.js";
export { evaluateScenario, scenarioMonteCarlo } from "./scenario/evaluate.js";
export { uncertainInputs, withValues } from "./scenario/inputs.js";
export type { LoadResult } from "./scenario/load.js";
export { loadScenario, parseScenario } from "./scenario/load.js";
export { formatOutput, OUTPUTS, outputLabel } from "./scenario/outputs.js";
export type { Scenario } from "./scenario/schema.js";
export { scenarioJsonSchema } from "./scenario/schema.js";
export { type SolveAnswer, solveScenario } from "./scenario/solve.js";
export type {
  Precisions,
  ServingComparison,
  ServingCost,
  ServingEnergy,
  ServingEstimate,
  ServingOptions,
  ServingPoint,
  ServingPrecision,
  ServingSearch,
  ServingTargets,
  SimulationOptions,
  SimulationResult,
} from "./serve/index.js";
export {
  compareServing,
  estimateServing,
  searchServing,
  servingCurve,
  simulateServing,
} from "./serve/index.js";
export type {
  Bound as TrainingBound,
  ChipCountPoint,
  ChipSweepOptions,
  ChipSweepResult,
  MemoryBreakdown as TrainingMemory,
  SearchResult,
  StepBreakdown,
  Strategy,
  TrainingEstimate,
  TrainingOptions,
} from "./train/index.js";
export {
  chipCountRange,
  estimateTraining,
  FLOP_CONVENTION,
  searchChipCounts,
  searchTraining,
  smallestFittingChips,
} from "./train/index.js";
export type { MonteCarloOptions, MonteCarloResult } from "./uncertainty/monte-carlo.js";
export { monteCarlo } from "./uncertainty/monte-carlo.js";
export type { Random } from "./uncertainty/random.js";
export { seededRandom } from "./uncertainty/random.js";
export type { SensitivityOptions, SensitivityRow, Tornado } from "./uncertainty/sensitivity.js";
export { sensitivity } from "./uncertainty/sensitivity.js";
export { type SolveOptions, type SolveResult, solveFor } from "./uncertainty/solve.js";
export type { Distribution } from "./uncertainty/summary.js";
export { stats, summarize } from "./uncertainty/summary.js";
export type { SourcedOption, Uncertain } from "./uncertainty/value.js";
export { bounds, nominal, sample } from "./uncertainty/value.js";
export * from "./units/index.js";
