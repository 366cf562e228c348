/**
 * A compute deal as the engine sees it: plain numbers in SI units (US$, W, s), dates as
 * "YYYY[-MM[-DD]]" text. The catalog (data/catalog/deals.json) and scenario files both produce it.
 */

/**
 * How firm a term is: a binding commitment; an option one party may exercise (milestone money,
 * "up to" capacity); or a vendor's sales estimate (an analyst's or the seller's figure, not a
 * promise by the buyer).
 */
export type TermStatus = "binding" | "option" | "estimate";

/** An investment tranche: money from the investor to the lab for a stake. */
export interface Tranche {
  date: string;
  amountUsd: number;
  /** Paid only when `conditions` are met (milestones); counted only with `includeContingent`. */
  contingent: boolean;
  conditions?: string;
  /** Post-money valuation the tranche was priced at, US$ (stake = amount / valuation). */
  postMoneyUsd?: number;
  /**
   * "equity" buys shares at `postMoneyUsd`; a "note" (convertible note) turns into shares at the
   * lab's next priced round, at that round's post-money less `discount`.
   */
  instrument: "equity" | "note";
  /** Discount of a note's conversion price to the next round (0.2 = 20%). */
  discount?: number;
  /** The investor's whole stake after this tranche as the sources report it (e.g. after a recapitalization). */
  stake?: number;
  /** Who pays, when not the deal's investor (a deal may have several). */
  investor?: string;
  sources: string[];
  note?: string;
}

/** How a commitment's dollars spread over its years. */
export type ScheduleShape = "flat" | "linear" | "follow-capacity";

/** A spend commitment: the lab's promise to spend with the provider, a take-or-pay floor. */
export interface Commitment {
  amountUsd: number;
  startYear: number;
  years: number;
  shape: ScheduleShape;
  /** Share of the scheduled spend paid whether or not it is used (1 = full take-or-pay). */
  takeOrPay: number;
  /** The most the lab spends under it ("up to $X"), US$ over its years; none when unstated. */
  capUsd?: number;
  status: TermStatus;
  sources: string[];
  note?: string;
}

/** A point of the capacity ramp: cumulative power online by `date`, added on `chip`. */
export interface RampPoint {
  date: string;
  /** Cumulative facility power online at `date`, W, at full load (what is built). */
  powerW: number;
  chip: string;
  /** TDP for a chip the catalog lacks one for, W. */
  tdpW?: number;
  /** Capacity that was online before the deal (e.g. Project Rainier before the 2026 agreement). */
  existing?: boolean;
  /** When this phase is retired (and refreshed), if not at the end of the server life. */
  retire?: string;
  sources: string[];
  note?: string;
}

/** An option on a later chip generation: phases and refreshes from `from` on use `chip` once exercised. */
export interface GenerationOption {
  chip: string;
  from: string;
  exercised: boolean;
  tdpW?: number;
  sources: string[];
  note?: string;
}

/** What the lab pays for capacity it uses. */
export type Pricing =
  /** The lab pays the commitment schedule exactly (an explicit choice; "more than $X" is a floor, not a price). */
  | { basis: "commitment" }
  /**
   * US$ per watt-year of facility power online (1 = $1B per GW-year), falling by
   * `declinePerGeneration` with each newer generation and by `declinePerYear` with a cohort's age.
   */
  | {
      basis: "gw-year";
      usdPerWYear: number;
      /** Prices by chip family (US$ per W-year), for deals priced at each generation's market anchor. */
      byFamily?: Record<string, number>;
      declinePerGeneration: number;
      declinePerYear: number;
      /** The market anchor it comes from (economics.json marketPrices; "market" = each family's), when the deal gives no price. */
      anchor?: string;
      sources: string[];
    }
  /** US$ per chip-hour, falling as above. */
  | {
      basis: "chip-hour";
      usdPerChipHour: number;
      declinePerGeneration: number;
      declinePerYear: number;
      anchor?: string;
      sources: string[];
    };

/** A priced funding round of the lab (any investor), which dilutes earlier stakes and converts notes. */
export interface Round {
  date: string;
  raisedUsd: number;
  postMoneyUsd: number;
  name?: string;
  sources: string[];
}

/** A deal between a lab, a provider and (often the same company) an investor. */
export interface Deal {
  id: string;
  name: string;
  lab: string;
  provider: string;
  investor?: string;
  /** "cloud": the provider runs the capacity (its cost is the capacity's); "vendor": it sells systems (the lab buys them). */
  providerRole: "cloud" | "vendor";
  startYear: number;
  endYear: number;
  tranches: Tranche[];
  commitments: Commitment[];
  /** The most new power the deal provides, W at full load (a ceiling the ramp respects). */
  committedPowerW?: number;
  committedPowerSources?: string[];
  ramp: RampPoint[];
  options: GenerationOption[];
  /** Retire each cohort after the server life and replace it with the generation available then (default true). */
  refresh: boolean;
  pricing: Pricing;
  /** The lab's own funding rounds, for dilution and note conversion (from economics.json's labs, by default). */
  rounds?: Round[];
  notes: string[];
}
