/** Deals: investments, commitments, capacity ramps, generations, cash flows, NPV/IRR, what the compute buys. */
export { catalogDeal, dealFromEntry } from "./catalog.js";
export { type AllianceTotal, compareDeals, type DealComparison } from "./compare.js";
export {
  type DealOptions,
  type DealResult,
  type DealYear,
  decimalYear,
  evaluateDeal,
  validateDeal,
} from "./evaluate.js";
export { irr, npv } from "./finance.js";
export type {
  Commitment,
  Deal,
  GenerationOption,
  Pricing,
  RampPoint,
  ScheduleShape,
  Tranche,
} from "./types.js";
