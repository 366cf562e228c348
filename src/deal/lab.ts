/**
 * The lab's side of a deal: what it spends each year with each provider (this deal and the lab's
 * other binding deals in the catalog), the revenue it needs to carry that spend at its gross margin,
 * and the revenue its latest run-rate grows to, so "can the lab pay?" has an answer.
 */
import type { Catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics as defaultEconomics, type Economics } from "../catalog/economics.js";
import { InputError } from "../errors.js";
import { fmt, type InputValue, stated } from "../units/traced.js";
import { dealFromEntry } from "./catalog.js";
import { isEstimate } from "./compare.js";
import { decimalYear } from "./dates.js";
import { type DealResult, evaluateDeal } from "./evaluate.js";

/** One year of the lab's compute bill against its revenue. */
export interface LabYear {
  year: number;
  /** Spend per provider, US$ (this deal's provider first). */
  byProvider: Record<string, number>;
  totalUsd: number;
  /** Revenue needed for the spend at the gross margin, counting compute as cost of revenue. */
  neededUsd: number;
  /** The latest run-rate grown at the growth rate. */
  revenueUsd: number;
  /** Revenue / needed (1 = the compute bill takes all of the gross margin's room). */
  coverage: number;
}

/** The lab's side of a deal. */
export interface LabSide {
  lab: string;
  deals: string[];
  grossMargin: InputValue;
  revenueGrowth: InputValue;
  /** The run-rate the projection starts from. */
  base: { date: string; valueUsd: number; sources: string[] };
  years: LabYear[];
  notes: string[];
}

/** Options of `labSide`. */
export interface LabOptions {
  economics?: Economics;
  catalog?: Catalog;
  /** Gross margin, 0-1 (default: economics.json's for the lab). */
  grossMargin?: number;
  /** Growth of revenue per year after the last reading, x (default: economics.json's). */
  revenueGrowth?: number;
  /** Count the lab's other binding catalog deals (default true). */
  otherDeals?: boolean;
  location?: string;
}

// The catalog's deals evaluated at their own terms, once per process: a Monte Carlo of one deal
// does not change the lab's other contracts.
const others = new Map<string, DealResult>();

/** The lab's side of `main`, or undefined when economics.json knows nothing of the lab. */
export function labSide(main: DealResult, opts: LabOptions = {}): LabSide | undefined {
  const eco = opts.economics ?? defaultEconomics();
  const lab = eco.lab(main.deal.lab);
  if (!lab) return undefined;
  const at = (k: string) => `${opts.location ?? "deal"}.${k}`;
  const input = (
    v: number | undefined,
    fact: typeof lab.grossMargin,
    name: string,
    kind: "fraction" | "count",
  ) =>
    v !== undefined
      ? stated(v, kind)
      : {
          value: fact.value,
          kind,
          from: `economics.labs.${lab.id}.${name}`,
          sources: fact.sources,
          note: fact.note,
        };
  const gm = input(opts.grossMargin, lab.grossMargin, "grossMargin", "fraction");
  if (!(gm.value >= 0 && gm.value < 1))
    throw new InputError(`gross margin is ${gm.value}`, {
      location: at("labGrossMargin"),
      hint: "from 0 up to (not including) 100%",
    });
  const growth = input(opts.revenueGrowth, lab.revenueGrowth, "revenueGrowth", "count");
  if (!(growth.value > 0 && growth.value <= 20))
    throw new InputError(`revenue grows ${growth.value}x a year`, {
      location: at("labRevenueGrowth"),
      hint: "a growth above 0x and at most 20x a year",
    });
  const results = [main];
  if (opts.otherDeals ?? true)
    for (const e of dealsCatalog().file.deals) {
      if (e.lab !== main.deal.lab || e.id === main.deal.id) continue;
      const d = dealFromEntry(e, eco);
      if (isEstimate(d)) continue;
      let r = others.get(e.id);
      if (!r) {
        r = evaluateDeal(d, { catalog: opts.catalog, economics: eco, location: e.id });
        others.set(e.id, r);
      }
      results.push(r);
    }
  const last = lab.revenue.at(-1)!;
  const t0 = decimalYear(last.date);
  const base = { date: last.date, valueUsd: last.value * 1e9, sources: last.sources };
  // The run-rate at a date: log-linear between the readings, none before the first, growing after
  // the last until the forecast's horizon, flat beyond it.
  const readings = lab.revenue.map((r) => ({ t: decimalYear(r.date), v: r.value * 1e9 }));
  const until = lab.revenueGrowthUntil + 1;
  const revenueAt = (t: number): number => {
    if (t < readings[0]!.t) return 0;
    for (let i = 1; i < readings.length; i++) {
      const a = readings[i - 1]!;
      const b = readings[i]!;
      if (t <= b.t) return a.v * (b.v / a.v) ** ((t - a.t) / (b.t - a.t));
    }
    return base.valueUsd * growth.value ** (Math.min(t, Math.max(until, t0)) - t0);
  };
  const years: LabYear[] = main.years.map((y) => {
    const byProvider: Record<string, number> = {};
    for (const r of results) {
      const row = r.years.find((x) => x.year === y.year);
      if (row && row.labSpendUsd > 0)
        byProvider[r.deal.provider] = (byProvider[r.deal.provider] ?? 0) + row.labSpendUsd;
    }
    const totalUsd = Object.values(byProvider).reduce((s, v) => s + v, 0);
    const neededUsd = totalUsd / (1 - gm.value);
    const revenueUsd = revenueAt(y.year + 0.5);
    return {
      year: y.year,
      byProvider,
      totalUsd,
      neededUsd,
      revenueUsd,
      coverage: neededUsd > 0 ? revenueUsd / neededUsd : 0,
    };
  });
  const notes = [
    `revenue is ${lab.name}'s run-rate: its readings to ${base.date} (${fmt(base.valueUsd, "money")}), then growing ${growth.value.toPrecision(3)}x a year to the end of ${lab.revenueGrowthUntil} (the horizon of the forecast the growth comes from), flat after; the revenue needed counts all compute as cost of revenue at a ${fmt(gm.value, "fraction")} gross margin`,
  ];
  if (results.length > 1)
    notes.push(
      `spend with other providers comes from the catalog's binding deals of ${lab.name}: ${results
        .slice(1)
        .map((r) => r.deal.id)
        .join(", ")} (each priced at its own terms)`,
    );
  return {
    lab: lab.name,
    deals: results.map((r) => r.deal.id),
    grossMargin: gm,
    revenueGrowth: growth,
    base,
    years,
    notes,
  };
}
