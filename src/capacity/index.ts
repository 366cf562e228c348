/** Capacity: power <-> chips, energy, homes equivalent, capex/opex, TCO per chip-hour. */

export { fmt, type InputValue, stated, type Traced, traced, type ValueKind } from "../units/traced.js";
export {
  type CapacityOptions,
  type CapacityResult,
  type CloudPrice,
  capacity,
  type GenerationResult,
  type MixEntry,
} from "./capacity.js";
export { type ChipEconomics, capitalRecoveryFactor, chipEconomics } from "./chip.js";
export { type EconomicsOverrides, type Params, resolveParams } from "./params.js";
