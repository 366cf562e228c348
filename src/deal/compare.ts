/**
 * Deals side by side, and the concentration regulators examine: GW and dollars per alliance, with
 * binding commitments apart from vendors' sales estimates.
 */
import { InputError } from "../errors.js";
import { type DealOptions, type DealResult, evaluateDeal } from "./evaluate.js";
import type { Deal } from "./types.js";

/** One alliance (a lab, or a provider) with its power and dollars over the deals given. */
export interface AllianceTotal {
  party: string;
  deals: string[];
  /** New power of binding deals (cloud commitments), W. */
  committedPowerW: number;
  /** Binding commitments, US$. */
  committedSpendUsd: number;
  /** Power and dollars that are vendors' sales estimates or letters of intent. */
  estimatedPowerW: number;
  estimatedSpendUsd: number;
  investmentUsd: number;
  contingentInvestmentUsd: number;
  /** Shares of all the deals' binding power and dollars. */
  powerShare: number;
  spendShare: number;
}

/** The result of `compareDeals()`. */
export interface DealComparison {
  results: DealResult[];
  byLab: AllianceTotal[];
  byProvider: AllianceTotal[];
}

/** Whether a deal's power and dollars are the lab's promise, or a vendor's estimate of its sales. */
export function isEstimate(d: Deal): boolean {
  return (
    d.providerRole === "vendor" ||
    (d.commitments.length > 0 && d.commitments.every((c) => c.status === "estimate"))
  );
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
      estimatedPowerW: 0,
      estimatedSpendUsd: 0,
      investmentUsd: 0,
      contingentInvestmentUsd: 0,
      powerShare: 0,
      spendShare: 0,
    };
    a.deals.push(r.deal.id);
    const power = r.deal.committedPowerW ?? r.totals.newPowerW.value;
    if (isEstimate(r.deal)) a.estimatedPowerW += power;
    else a.committedPowerW += power;
    a.committedSpendUsd += r.totals.committedSpend.value;
    a.estimatedSpendUsd += r.totals.estimatedSpend.value;
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

/**
 * Evaluates deals with the same options and totals them per lab and per provider. A deal listed
 * twice is refused: it would count its GW and dollars twice.
 */
export function compareDeals(deals: Deal[], opts: DealOptions = {}, locations?: string[]): DealComparison {
  const seen = new Map<string, number>();
  deals.forEach((d, i) => {
    const first = seen.get(d.id);
    if (first !== undefined)
      throw new InputError(`"${d.id}" is listed twice`, {
        location: locations?.[i] ?? `compare[${i}]`,
        hint: `it is already deal ${first + 1}; each deal counts once in the totals`,
      });
    seen.set(d.id, i);
  });
  const results = deals.map((d) => evaluateDeal(d, { ...opts, location: opts.location ?? d.id }));
  return { results, byLab: group(results, (d) => d.lab), byProvider: group(results, (d) => d.provider) };
}
