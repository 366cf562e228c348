/** Catalog deal entries (data/catalog/deals.json) as the engine's Deal. */

import { catalog } from "../catalog/catalog.js";
import { type DealEntry, dealSI, dealsCatalog } from "../catalog/deals.js";
import { economics as defaultEconomics, type Economics } from "../catalog/economics.js";
import type { Sourced } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import type { Deal, Pricing, Round } from "./types.js";

const ids = (v: Sourced | undefined) => v?.sources ?? [];

/** The lab's priced rounds from economics.json (US$), for dilution and note conversion. */
export function labRounds(lab: string, eco: Economics = defaultEconomics()): Round[] {
  return (eco.lab(lab)?.rounds ?? []).map((r) => ({
    date: r.date,
    name: r.name,
    raisedUsd: r.raised * 1e9,
    postMoneyUsd: r.postMoney * 1e9,
    sources: r.sources,
  }));
}

/**
 * A price from a market anchor of economics.json (US$ per W-year, or per chip-hour); an
 * InputError naming `location` when there is none.
 */
export function anchorPrice(anchor: string, location: string, eco: Economics = defaultEconomics()) {
  const f = eco.marketPrice(anchor);
  if (!f)
    throw new InputError(`unknown market price "${anchor}"`, {
      location,
      hint: `one of ${Object.keys(eco.file.marketPrices).join(", ")}`,
    });
  return f;
}

/**
 * Each chip family's market price per GW-year (US$ per W-year), and sources, from economics.json:
 * what a deal priced "at market" pays for each generation.
 */
export function marketPricing(
  firstFamily: string | undefined,
  eco: Economics = defaultEconomics(),
): { usdPerWYear: number; byFamily: Record<string, number>; sources: string[] } | undefined {
  const byFamily: Record<string, number> = {};
  const sources = new Set<string>();
  for (const [id, m] of Object.entries(eco.file.marketPrices)) {
    if (m.unit !== "USD billion per GW-year") continue;
    const f = eco.marketPrice(id)!;
    for (const fam of m.families) byFamily[fam] ??= f.value;
    for (const s of m.sources) sources.add(s);
  }
  const first = firstFamily ? byFamily[firstFamily] : undefined;
  const any = Object.values(byFamily)[0];
  if (first === undefined && any === undefined) return undefined;
  return { usdPerWYear: first ?? any!, byFamily, sources: [...sources] };
}

function pricingOf(e: DealEntry, eco: Economics): Pricing {
  const p = e.pricing;
  if (p.basis === "commitment") return { basis: "commitment" };
  if (p.anchor === "market" && p.basis === "gw-year") {
    const family = e.ramp[0] ? catalog().chips.find(e.ramp[0].chip)?.family : undefined;
    const m = marketPricing(family, eco);
    if (!m)
      throw new InputError("no market prices in economics.json", { location: `${e.id}.pricing.anchor` });
    return {
      basis: "gw-year",
      ...m,
      anchor: "market",
      declinePerGeneration: p.declinePerGeneration,
      declinePerYear: p.declinePerYear,
    };
  }
  const anchored = p.anchor ? anchorPrice(p.anchor, `${e.id}.pricing.anchor`, eco) : undefined;
  const value = anchored ? anchored.value : dealSI(p.price!);
  const sources = anchored ? anchored.entry.sources : ids(p.price);
  const common = {
    declinePerGeneration: p.declinePerGeneration,
    declinePerYear: p.declinePerYear,
    anchor: p.anchor,
    sources,
  };
  return p.basis === "gw-year"
    ? { basis: "gw-year", usdPerWYear: value, ...common }
    : { basis: "chip-hour", usdPerChipHour: value, ...common };
}

/** Converts a catalog entry to a Deal (nominal values; alternatives stay in the entry). */
export function dealFromEntry(e: DealEntry, eco: Economics = defaultEconomics()): Deal {
  return {
    id: e.id,
    name: e.name,
    lab: e.lab,
    provider: e.provider,
    investor: e.investor,
    providerRole: e.providerRole,
    startYear: e.start,
    endYear: e.end,
    tranches: e.tranches.map((t) => ({
      date: t.date,
      amountUsd: dealSI(t.amount),
      contingent: t.contingent,
      conditions: t.conditions,
      postMoneyUsd: t.valuation ? dealSI(t.valuation) : undefined,
      instrument: t.instrument,
      discount: t.discount?.value,
      stake: t.stake?.value,
      investor: t.investor,
      sources: [...ids(t.amount), ...ids(t.valuation), ...ids(t.stake)],
      note: t.amount.note ?? t.note,
    })),
    commitments: e.commitments.map((c) => ({
      amountUsd: dealSI(c.amount),
      startYear: c.start,
      years: Math.round(c.years.value),
      shape: c.shape,
      takeOrPay: c.takeOrPay.value,
      capUsd: c.cap ? dealSI(c.cap) : undefined,
      status: c.status,
      sources: [...ids(c.amount), ...ids(c.years)],
      note: c.amount.note ?? c.note,
    })),
    committedPowerW: e.committedPower ? dealSI(e.committedPower) : undefined,
    committedPowerSources: ids(e.committedPower),
    ramp: e.ramp.map((r) => ({
      date: r.date,
      powerW: dealSI(r.power),
      chip: r.chip,
      tdpW: r.tdp ? dealSI(r.tdp) : undefined,
      existing: r.existing,
      sources: ids(r.power),
      note: r.power.note ?? r.note,
    })),
    options: e.options.map((o) => ({
      chip: o.chip,
      from: o.from,
      exercised: o.exercised,
      sources: o.sources,
      note: o.note,
    })),
    refresh: e.refresh,
    pricing: pricingOf(e, eco),
    rounds: labRounds(e.lab, eco),
    notes: e.notes,
  };
}

/** A catalog deal by id or alias ("amazon-anthropic"). */
export function catalogDeal(name: string, location?: string): Deal {
  return dealFromEntry(dealsCatalog().deal(name, location));
}
