/**
 * The `deal:` section of scenario files (see src/deal): a catalog deal by `id`, whose terms the
 * fields below override, or a deal written out in full. Numbers are uncertain quantities, so a
 * Monte Carlo can sample them; `dealFromSection` reads their nominal values.
 */
import { z } from "zod";
import { catalogDeal, type Deal } from "../../deal/index.js";
import { InputError } from "../../errors.js";
import { nominal, type Uncertain } from "../../uncertainty/value.js";
import { uncertain } from "../fields.js";

const date = z.string().regex(/^\d{4}(-\d{2}){0,2}$/, "a date is written YYYY, YYYY-MM or YYYY-MM-DD");
const sources = z.array(z.string()).default([]);

export const TrancheField = z.strictObject({
  date,
  amount: uncertain("money"),
  valuation: uncertain("money", { zero: false }).optional(),
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
  takeOrPay: uncertain("fraction", { max: 1 }).optional(),
  sources,
});

export const RampField = z.strictObject({
  date,
  power: uncertain("power"),
  chip: z.string(),
  tdp: uncertain("power", { zero: false }).optional(),
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
  /** The most power the deal provides. */
  power: uncertain("power").optional(),
  ramp: z.array(RampField).optional(),
  options: z.array(OptionField).optional(),
  /** Price per GW-year ("$10B") or per chip-hour ("$2/h"); without either the lab pays the commitment schedule. */
  pricePerGwYear: uncertain("money").optional(),
  pricePerChipHour: uncertain("moneyRate").optional(),
  /** Fall in price with each new chip generation (0.2 = 20%). */
  priceDeclinePerGeneration: uncertain("fraction", { max: 1 }).optional(),
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
export function dealFromSection(s: DealSection, location = "deal"): Deal {
  const base: Deal | undefined = s.id ? catalogDeal(s.id, `${location}.id`) : undefined;
  const need = <T>(v: T | undefined, field: string): T => {
    if (v === undefined)
      throw new InputError(`missing ${field}`, {
        location: `${location}.${field}`,
        hint: "give it, or id: a catalog deal",
      });
    return v;
  };
  const deal: Deal = {
    id: base?.id ?? "scenario",
    name: s.name ?? base?.name ?? "scenario deal",
    lab: s.lab ?? need(base?.lab, "lab"),
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
    pricing: base?.pricing ?? { basis: "commitment" },
    notes: base?.notes ?? [],
  };
  const decline = n(s.priceDeclinePerGeneration) ?? 0;
  if (s.pricePerGwYear)
    deal.pricing = {
      basis: "gw-year",
      usdPerWYear: nominal(s.pricePerGwYear) / 1e9,
      declinePerGeneration: decline,
      sources: [],
    };
  else if (s.pricePerChipHour)
    deal.pricing = {
      basis: "chip-hour",
      usdPerChipHour: nominal(s.pricePerChipHour) * 3600,
      declinePerGeneration: decline,
      sources: [],
    };
  // Shorthands scale the catalog's terms.
  if (s.investment !== undefined) {
    const paid = deal.tranches.filter((t) => !t.contingent);
    const total = paid.reduce((a, t) => a + t.amountUsd, 0);
    const want = nominal(s.investment);
    if (paid.length === 0)
      deal.tranches.push({ date: `${deal.startYear}`, amountUsd: want, contingent: false, sources: [] });
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
        sources: c?.sources ?? [],
      },
      ...deal.commitments.slice(1),
    ];
  }
  return deal;
}
