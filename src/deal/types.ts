/**
 * A compute deal as the engine sees it: plain numbers in SI units (US$, W, s), dates as
 * "YYYY[-MM[-DD]]" text. The catalog (data/catalog/deals.json) and scenario files both produce it.
 */

/** An investment tranche: money from the investor to the lab for a stake. */
export interface Tranche {
  date: string;
  amountUsd: number;
  /** Paid only when `conditions` are met (milestones); counted only with `includeContingent`. */
  contingent: boolean;
  conditions?: string;
  /** Post-money valuation the tranche was priced at, US$ (stake = amount / valuation). */
  postMoneyUsd?: number;
  /** Who pays, when not the deal's investor (a deal may have several). */
  investor?: string;
  sources: string[];
  note?: string;
}

/** How a commitment's dollars spread over its years. */
export type ScheduleShape = "flat" | "linear" | "follow-capacity";

/** A spend commitment: the lab's promise to spend with the provider. */
export interface Commitment {
  amountUsd: number;
  startYear: number;
  years: number;
  shape: ScheduleShape;
  /** Share of the scheduled spend paid whether or not it is used (1 = full take-or-pay). */
  takeOrPay: number;
  sources: string[];
  note?: string;
}

/** A point of the capacity ramp: cumulative power online by `date`, added on `chip`. */
export interface RampPoint {
  date: string;
  /** Cumulative facility power online at `date`, W. */
  powerW: number;
  chip: string;
  /** TDP for a chip the catalog lacks one for, W. */
  tdpW?: number;
  sources: string[];
  note?: string;
}

/** An option on a later chip generation: phases from `from` on use `chip` once exercised. */
export interface GenerationOption {
  chip: string;
  from: string;
  exercised: boolean;
  tdpW?: number;
  sources: string[];
  note?: string;
}

/** What the lab pays. */
export type Pricing =
  /** The lab pays the commitment schedule; the price per GW-year is implied. */
  | { basis: "commitment" }
  /** US$ per watt-year of facility power online, falling by `declinePerGeneration` with each new generation. */
  | { basis: "gw-year"; usdPerWYear: number; declinePerGeneration: number; sources: string[] }
  /** US$ per chip-hour, falling by `declinePerGeneration` with each new generation. */
  | { basis: "chip-hour"; usdPerChipHour: number; declinePerGeneration: number; sources: string[] };

/** A deal between a lab, a provider and (often the same company) an investor. */
export interface Deal {
  id: string;
  name: string;
  lab: string;
  provider: string;
  investor?: string;
  /** "cloud": the provider runs the capacity (its cost is the capacity TCO); "vendor": it sells systems (its cost is not modelled). */
  providerRole: "cloud" | "vendor";
  startYear: number;
  endYear: number;
  tranches: Tranche[];
  commitments: Commitment[];
  /** The most power the deal provides, W. */
  committedPowerW?: number;
  committedPowerSources?: string[];
  ramp: RampPoint[];
  options: GenerationOption[];
  pricing: Pricing;
  notes: string[];
}
