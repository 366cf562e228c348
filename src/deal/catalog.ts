/** Catalog deal entries (data/catalog/deals.json) as the engine's Deal. */

import { type DealEntry, dealSI, dealsCatalog } from "../catalog/deals.js";
import type { Sourced } from "../catalog/schema.js";
import type { Deal } from "./types.js";

const ids = (v: Sourced | undefined) => v?.sources ?? [];

/** Converts a catalog entry to a Deal (nominal values; alternatives stay in the entry). */
export function dealFromEntry(e: DealEntry): Deal {
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
      investor: t.investor,
      sources: [...ids(t.amount), ...ids(t.valuation)],
      note: t.amount.note ?? t.note,
    })),
    commitments: e.commitments.map((c) => ({
      amountUsd: dealSI(c.amount),
      startYear: c.start,
      years: Math.round(c.years.value),
      shape: c.shape,
      takeOrPay: c.takeOrPay.value,
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
    pricing:
      e.pricing.basis === "commitment"
        ? { basis: "commitment" }
        : e.pricing.basis === "gw-year"
          ? {
              basis: "gw-year",
              usdPerWYear: dealSI(e.pricing.price),
              declinePerGeneration: e.pricing.declinePerGeneration,
              sources: ids(e.pricing.price),
            }
          : {
              basis: "chip-hour",
              usdPerChipHour: dealSI(e.pricing.price),
              declinePerGeneration: e.pricing.declinePerGeneration,
              sources: ids(e.pricing.price),
            },
    notes: e.notes,
  };
}

/** A catalog deal by id or alias ("amazon-anthropic"). */
export function catalogDeal(name: string, location?: string): Deal {
  return dealFromEntry(dealsCatalog().deal(name, location));
}
