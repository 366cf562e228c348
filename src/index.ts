/**
 * gigawatt's library API: the same engine the CLI, the web app and the HTTP API run.
 * Everything here is browser-safe. Numbers are plain numbers in SI base units.
 *
 * @packageDocumentation
 */

export type { ChipHourPrice, ChipSpec, SystemSpec } from "./catalog/catalog.js";
export { Catalog, catalog, si, systemFromChip } from "./catalog/catalog.js";
export type { Chip, Model, Precision, Price, Source, Sourced, System } from "./catalog/schema.js";
export { InputError } from "./errors.js";
export type { ArchitectureShape, ForwardFlops, LayerShape } from "./llm/architecture.js";
export {
  architectureShape,
  forwardFlopsPerToken,
  kvCacheBytesPerToken,
  trainingFlopsPerToken,
} from "./llm/architecture.js";
export type { Block, Doc, Format } from "./report/document.js";
export { render } from "./report/document.js";
export type { LoadResult } from "./scenario/load.js";
export { loadScenario, parseScenario } from "./scenario/load.js";
export type { Scenario } from "./scenario/schema.js";
export { scenarioJsonSchema } from "./scenario/schema.js";
export type { Random } from "./uncertainty/random.js";
export { seededRandom } from "./uncertainty/random.js";
export type { SourcedOption, Uncertain } from "./uncertainty/value.js";
export { bounds, nominal, sample } from "./uncertainty/value.js";
export * from "./units/index.js";
