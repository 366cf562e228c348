/** Deals side by side, and the concentration competition regulators examine: GW and dollars per alliance. */
import { type DealOptions, type DealResult, evaluateDeal } from "./evaluate.js";
import type { Deal } from "./types.js";

/** One alliance (a lab, or a provider) with its committed power and dollars over the deals given. */
export interface AllianceTotal {
  party: string;
  deals: string[];
  committedPowerW: number;
  committedSpendUsd: number;
  investmentUsd: number;
  contingentInvestmentUsd: number;
  /** Share of all the deals' committed power. */
  powerShare: number;
  spendShare: number;
}

/** The result of `compareDeals()`. */
export interface DealComparison {
  results: DealResult[];
  byLab: AllianceTotal[];
  byProvider: AllianceTotal[];
}

function group(results: DealResult[], key: (d: Deal) => string): AllianceTotal[] {
  const m = new Map<string, AllianceTotal>();
  for (const r of results) {
    const k = key(r.deal);
    const a = m.get(k) ?? {
      party: k,
      deals: [],
      committedPowerW: 0,
      committedSpendUsd: 0,
      investmentUsd: 0,
      contingentInvestmentUsd: 0,
      powerShare: 0,
      spendShare: 0,
    };
    a.deals.push(r.deal.id);
    a.committedPowerW += r.deal.committedPowerW ?? r.totals.maxPowerW.value;
    a.committedSpendUsd += r.totals.committedSpend.value;
    a.investmentUsd += r.totals.investment.value;
    a.contingentInvestmentUsd += r.totals.contingentInvestment.value;
    m.set(k, a);
  }
  const all = [...m.values()];
  const p = all.reduce((s, a) => s + a.committedPowerW, 0);
  const d = all.reduce((s, a) => s + a.committedSpendUsd, 0);
  for (const a of all) {
    a.powerShare = p > 0 ? a.committedPowerW / p : 0;
    a.spendShare = d > 0 ? a.committedSpendUsd / d : 0;
  }
  return all.sort((x, y) => y.committedSpendUsd - x.committedSpendUsd);
}

/** Evaluates deals with the same options and totals them per lab and per provider. */
export function compareDeals(deals: Deal[], opts: DealOptions = {}): DealComparison {
  const results = deals.map((d) => evaluateDeal(d, { ...opts, location: opts.location ?? d.id }));
  return { results, byLab: group(results, (d) => d.lab), byProvider: group(results, (d) => d.provider) };
}
