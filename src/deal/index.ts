/** Deals: investments, commitments, capacity ramps, generations, cash flows, NPV/IRR, what the compute buys. */
export { anchorPrice, catalogDeal, dealFromEntry, labRounds, marketPricing } from "./catalog.js";
export { averageOnline, onlineAt, type Vintage, vintagesOf } from "./cohorts.js";
export { type AllianceTotal, compareDeals, type DealComparison, isEstimate } from "./compare.js";
export { decimalYear, monthOf, monthSpan } from "./dates.js";
export {
  type DealGeneration,
  type DealOptions,
  type DealResult,
  type DealYear,
  evaluateDeal,
  scaleRamp,
} from "./evaluate.js";
export { irr, npv } from "./finance.js";
export { type LabOptions, type LabSide, type LabYear, labSide } from "./lab.js";
export { type StakeHistory, type StakeStep, stakeHistory } from "./stakes.js";
export type {
  Commitment,
  Deal,
  GenerationOption,
  Pricing,
  RampPoint,
  Round,
  ScheduleShape,
  TermStatus,
  Tranche,
} from "./types.js";
export { validateDeal } from "./validate.js";
