/**
 * The `deal:` section of scenario files (see src/deal): a catalog deal by `id`, whose terms the
 * fields below override, or a deal written out in full. Numbers are uncertain quantities, so a
 * Monte Carlo can sample them; `dealFromSection` reads their nominal values.
 */
import { z } from "zod";
import { catalog } from "../../catalog/catalog.js";
import { type Economics, economics } from "../../catalog/economics.js";
import {
  anchorPrice,
  catalogDeal,
  type Deal,
  labRounds,
  marketPricing,
  type Pricing,
} from "../../deal/index.js";
import { InputError } from "../../errors.js";
import { nominal, type Uncertain } from "../../uncertainty/value.js";
import { uncertain } from "../fields.js";

const date = z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date is written YYYY, YYYY-MM or YYYY-MM-DD");
const sources = z.array(z.string()).default([]);

const status = z.enum(["binding", "option", "estimate"]).default("binding");

export const TrancheField = z.strictObject({
  date,
  amount: uncertain("money"),
  valuation: uncertain("money", { zero: false }).optional(),
  /** "note": a convertible note that turns into shares at the lab's next priced round. */
  instrument: z.enum(["equity", "note"]).default("equity"),
  /** A note's discount to the next round's price. */
  discount: uncertain("fraction", { max: 1 }).optional(),
  /** The investor's whole stake after this tranche, as the sources report it. */
  stake: uncertain("fraction", { max: 1 }).optional(),
  contingent: z.boolean().default(false),
  conditions: z.string().optional(),
  investor: z.string().optional(),
  sources,
});

export const CommitmentField = z.strictObject({
  amount: uncertain("money"),
  start: z.number().int(),
  years: z.number().int().positive(),
  shape: z.enum(["flat", "linear", "follow-capacity"]).default("follow-capacity"),
  /** Share of the schedule paid whether used or not (default 1: the commitment is a floor). */
  takeOrPay: uncertain("fraction", { max: 1 }).optional(),
  /** The most the lab spends under it ("up to $X"). */
  cap: uncertain("money").optional(),
  status,
  sources,
});

export const RampField = z.strictObject({
  date,
  /** Cumulative facility power online at the date, at full load. */
  power: uncertain("power"),
  chip: z.string(),
  tdp: uncertain("power", { zero: false }).optional(),
  /** Online before the deal (listed first). */
  existing: z.boolean().optional(),
  /** Retired and refreshed on this date rather than at the end of the server life. */
  retire: date.optional(),
  sources,
});

export const OptionField = z.strictObject({
  chip: z.string(),
  from: date,
  exercised: z.boolean().default(false),
  tdp: uncertain("power", { zero: false }).optional(),
  sources,
});

export const DealSection = z.strictObject({
  /** A deal from the catalog, whose terms the fields below may override. */
  id: z.string().optional(),
  name: z.string().optional(),
  lab: z.string().optional(),
  provider: z.string().optional(),
  investor: z.string().optional(),
  providerRole: z.enum(["cloud", "vendor"]).optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  tranches: z.array(TrancheField).optional(),
  commitments: z.array(CommitmentField).optional(),
  /** The most new power the deal provides, at full load. */
  power: uncertain("power").optional(),
  ramp: z.array(RampField).optional(),
  options: z.array(OptionField).optional(),
  /** Retire cohorts after the server life and refresh them with the generation available then. */
  refresh: z.boolean().optional(),
  /**
   * Price per GW-year ("$7B") or per chip-hour ("$2/h"), or a market anchor of economics.json
   * (`priceAnchor: trainium-gw-year`); without one, a catalog deal keeps its own pricing.
   */
  pricePerGwYear: uncertain("money").optional(),
  pricePerChipHour: uncertain("moneyRate").optional(),
  priceAnchor: z.string().optional(),
  /** "commitment": the lab pays exactly the commitment schedule (an explicit, rarely right, choice). */
  pricing: z.literal("commitment").optional(),
  /** Fall in price with each new chip generation (0.2 = 20%). */
  priceDeclinePerGeneration: uncertain("fraction", { max: 1 }).optional(),
  /** Fall in a cohort's price with each year of its age. */
  priceDeclinePerYear: uncertain("fraction", { max: 1 }).optional(),
  /** Growth of frontier training compute per year, for runs of that year's frontier size. */
  frontierGrowth: uncertain("count").optional(),
  /** Value of the lab at the end (default: its latest post-money). */
  terminalValuation: uncertain("money").optional(),
  /** Share of the FLOP used for training (the rest serves tokens). */
  trainingShare: uncertain("fraction", { max: 1 }).optional(),
  /** The lab's gross margin and revenue growth, for what it needs to carry its compute (default: economics.json's). */
  labGrossMargin: uncertain("fraction", { max: 1 }).optional(),
  labRevenueGrowth: uncertain("count").optional(),
  /** Count the lab's other binding deals of the catalog in its compute bill (default true). */
  otherDeals: z.boolean().optional(),
  /** Shorthands on a catalog deal: total investment paid now, total commitment, its years. */
  investment: uncertain("money").optional(),
  commitment: uncertain("money").optional(),
  years: uncertain("count").optional(),
  discountRate: uncertain("fraction").optional(),
});
export type DealSection = z.output<typeof DealSection>;

const n = (u: Uncertain | undefined) => (u === undefined ? undefined : nominal(u));

/**
 * The engine's Deal from a scenario's deal section, at nominal values. `location` prefixes errors
 * ("scenario.yaml: deal").
 */
export function dealFromSection(s: DealSection, location = "deal", eco: Economics = economics()): Deal {
  const base: Deal | undefined = s.id ? catalogDeal(s.id, `${location}.id`) : undefined;
  const need = <T>(v: T | undefined, field: string): T => {
    if (v === undefined)
      throw new InputError(`missing ${field}`, {
        location: `${location}.${field}`,
        hint: "give it, or id: a catalog deal",
      });
    return v;
  };
  const lab = s.lab ?? need(base?.lab, "lab");
  const deal: Deal = {
    id: base?.id ?? "scenario",
    name: s.name ?? base?.name ?? "scenario deal",
    lab,
    provider: s.provider ?? need(base?.provider, "provider"),
    investor: s.investor ?? base?.investor,
    providerRole: s.providerRole ?? base?.providerRole ?? "cloud",
    startYear: s.start ?? need(base?.startYear, "start"),
    endYear: s.end ?? need(base?.endYear, "end"),
    tranches:
      s.tranches?.map((t) => ({
        date: t.date,
        amountUsd: nominal(t.amount),
        postMoneyUsd: n(t.valuation),
        instrument: t.instrument,
        discount: n(t.discount),
        stake: n(t.stake),
        contingent: t.contingent,
        conditions: t.conditions,
        investor: t.investor,
        sources: t.sources,
      })) ??
      base?.tranches ??
      [],
    commitments:
      s.commitments?.map((c) => ({
        amountUsd: nominal(c.amount),
        startYear: c.start,
        years: c.years,
        shape: c.shape,
        takeOrPay: n(c.takeOrPay) ?? 1,
        capUsd: n(c.cap),
        status: c.status,
        sources: c.sources,
      })) ??
      base?.commitments ??
      [],
    committedPowerW: n(s.power) ?? base?.committedPowerW,
    ramp:
      s.ramp?.map((r) => ({
        date: r.date,
        powerW: nominal(r.power),
        chip: r.chip,
        tdpW: n(r.tdp),
        existing: r.existing,
        retire: r.retire,
        sources: r.sources,
      })) ??
      base?.ramp ??
      [],
    options:
      s.options?.map((o) => ({
        chip: o.chip,
        from: o.from,
        exercised: o.exercised,
        tdpW: n(o.tdp),
        sources: o.sources,
      })) ??
      base?.options ??
      [],
    refresh: s.refresh ?? base?.refresh ?? true,
    pricing: base?.pricing ?? { basis: "commitment" },
    rounds: base?.rounds ?? labRounds(lab, eco),
    notes: base?.notes ?? [],
  };
  deal.pricing = pricingOf(s, deal, base, location, eco);
  // Shorthands scale the catalog's terms.
  if (s.investment !== undefined) {
    const paid = deal.tranches.filter((t) => !t.contingent);
    const total = paid.reduce((a, t) => a + t.amountUsd, 0);
    const want = nominal(s.investment);
    if (paid.length === 0)
      deal.tranches.push({
        date: `${deal.startYear}`,
        amountUsd: want,
        contingent: false,
        instrument: "equity",
        sources: [],
      });
    else
      deal.tranches = deal.tranches.map((t) =>
        t.contingent ? t : { ...t, amountUsd: total > 0 ? (t.amountUsd * want) / total : want / paid.length },
      );
  }
  if (s.commitment !== undefined || s.years !== undefined) {
    const c = deal.commitments[0];
    const years =
      n(s.years) !== undefined ? Math.round(n(s.years)!) : (c?.years ?? deal.endYear - deal.startYear + 1);
    const amount = n(s.commitment) ?? c?.amountUsd ?? 0;
    deal.commitments = [
      {
        amountUsd: amount,
        startYear: c?.startYear ?? deal.startYear,
        years,
        shape: c?.shape ?? "follow-capacity",
        takeOrPay: c?.takeOrPay ?? 1,
        capUsd: c?.capUsd,
        status: c?.status ?? "binding",
        sources: c?.sources ?? [],
      },
      ...deal.commitments.slice(1),
    ];
  }
  return deal;
}

/**
 * The deal's pricing: the section's price or anchor, else the catalog deal's, else the market
 * anchor of the first chip's family (said in the deal's notes).
 */
function pricingOf(
  s: DealSection,
  deal: Deal,
  base: Deal | undefined,
  location: string,
  eco: Economics,
): Pricing {
  const declinePerGeneration = n(s.priceDeclinePerGeneration);
  const declinePerYear = n(s.priceDeclinePerYear);
  const withDeclines = (p: Pricing): Pricing =>
    p.basis === "commitment"
      ? p
      : {
          ...p,
          declinePerGeneration: declinePerGeneration ?? p.declinePerGeneration,
          declinePerYear: declinePerYear ?? p.declinePerYear,
        };
  const fresh = {
    declinePerGeneration: declinePerGeneration ?? 0,
    declinePerYear: declinePerYear ?? 0,
    sources: [],
  };
  if (s.pricing === "commitment") return { basis: "commitment" };
  if (s.pricePerGwYear) return { basis: "gw-year", usdPerWYear: nominal(s.pricePerGwYear) / 1e9, ...fresh };
  if (s.pricePerChipHour)
    return { basis: "chip-hour", usdPerChipHour: nominal(s.pricePerChipHour) * 3600, ...fresh };
  const anchor = s.priceAnchor ?? (base ? undefined : "market");
  if (anchor === "market") {
    const family = deal.ramp[0] ? catalog().chips.find(deal.ramp[0].chip)?.family : undefined;
    const m = marketPricing(family, eco);
    if (m) return { basis: "gw-year", ...m, anchor, ...fresh, sources: m.sources };
  } else if (anchor) {
    const f = anchorPrice(anchor, `${location}.priceAnchor`, eco);
    const p = { ...fresh, anchor, sources: f.entry.sources };
    return f.entry.unit === "USD per chip-hour"
      ? { basis: "chip-hour", usdPerChipHour: f.value, ...p }
      : { basis: "gw-year", usdPerWYear: f.value, ...p };
  }
  return withDeclines(base?.pricing ?? { basis: "commitment" });
}
