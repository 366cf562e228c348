/**
 * A report's figures against a catalog deal's terms: tranches (at their date, or the sums reports
 * quote), rounds with or without their milestones, totals, valuations, commitments, the ramp and
 * the new capacity.
 */
import { dealsCatalog } from "../catalog/deals.js";
import type { Deal, Tranche } from "../deal/index.js";
import { formatMoney, formatQuantity } from "../units/format.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { type Check, compare, unchecked } from "./compare.js";
import type { ReadClaim } from "./types.js";

/** Whether a catalog value rests only on this report (the catalog cites the seed reports too). */
export function onlyThisReport(sources: string[], file: string): boolean {
  const base = file.split(/[\\/]/).pop()!;
  const all = dealsCatalog().sources;
  const own = sources.filter((id) => all.get(id)?.address.endsWith(base));
  return sources.length > 0 && own.length === sources.length;
}

/** The sources that are not this report. */
export function others(sources: string[], file: string): string[] {
  const base = file.split(/[\\/]/).pop()!;
  const all = dealsCatalog().sources;
  return sources.filter((id) => !all.get(id)?.address.endsWith(base));
}

const paidOf = (d: Deal) => d.tranches.filter((t) => !t.contingent);

/** The latest round: the tranches from the year of the last one paid now, milestones included (as evaluate.ts). */
function latestRound(d: Deal): Tranche[] {
  const lastYear = paidOf(d)
    .map((t) => t.date.slice(0, 4))
    .sort()
    .at(-1);
  return lastYear ? d.tranches.filter((t) => t.date.slice(0, 4) >= lastYear) : [];
}

const sum = (ts: Tranche[]) => ts.reduce((a, t) => a + t.amountUsd, 0);
const terms = (ts: Tranche[]) => ts.map((t) => `${formatMoney(t.amountUsd)} (${t.date})`).join(" + ");
const sourcesOf = (ts: { sources: string[] }[]) => [...new Set(ts.flatMap((t) => t.sources))];

/** The index of the tranche nearest `date` within a year, or -1. */
function nearestTo(ts: Tranche[], date: string): number {
  const gap = (t: Tranche) => Math.abs(months(t.date.slice(0, date.length)) - months(date));
  let best = -1;
  ts.forEach((t, i) => {
    if (gap(t) < 12 && (best < 0 || gap(t) < gap(ts[best]!))) best = i;
  });
  return best;
}

/** A tranche amount: the tranche at the stated date (or the latest), or the sum a report may quote from it. */
function checkTranche(c: ReadClaim, d: Deal): Check {
  const paid = paidOf(d);
  const initial = /\b(?:initial|first)\b/i.test(c.sentence);
  // A dated figure is the paid tranche nearest its date (a round announced in February may close in March).
  const at = c.dated ? nearestTo(paid, c.dated) : initial ? 0 : paid.length - 1;
  if (at < 0) return unchecked(`${d.id} has no tranche near ${c.dated}`);
  const v = typeof c.value === "number" ? c.value : undefined;
  // "An initial $4 billion investment": the $4B announced then may be paid in several tranches.
  if (v !== undefined && c.hedge === "exact")
    for (let end = at + 2; end <= paid.length; end++) {
      const run = paid.slice(at, end);
      if (Math.abs(sum(run) - v) <= 0.05 * v)
        return compare(c, sum(run), `${d.id}: ${terms(run)}`, sourcesOf(run));
    }
  // "Contributing $50 billion" to a round of $15B now and $35B on conditions: the round with its milestones.
  const round = latestRound(d);
  const inRound = round.includes(paid[at]!);
  if (inRound && !initial && v !== undefined && round.length > 1) {
    const r = checkRound(c, d);
    if (r.off !== undefined && Math.abs(r.off) <= 0.05)
      return { ...r, about: c.about!.replace("tranches[].amount", "latestRoundWithMilestones") };
  }
  // Undated: the tranche of the latest round nearest to the stated amount ("the first tranche of $10 billion").
  const pool = c.dated || initial ? [paid[at]!] : round.length ? round : [paid[at]!];
  const t = pool.reduce((a, b) =>
    v !== undefined && Math.abs(b.amountUsd - v) < Math.abs(a.amountUsd - v) ? b : a,
  );
  const label = `${d.id} ${t.contingent ? "milestone tranche" : "tranche"} of ${t.date}`;
  return { ...compare(c, t.amountUsd, label, t.sources), tranche: t.date };
}

/** The latest round: with its milestones, or its milestone tranches alone (a letter of intent quoted apart), whichever is nearer. */
function checkRound(c: ReadClaim, d: Deal): Check {
  const round = latestRound(d);
  const milestones = round.filter((t) => t.contingent);
  const v = typeof c.value === "number" ? c.value : (c.value as { low: number }).low;
  const readings: [Tranche[], string][] = [[round, "latest round with milestones"]];
  if (milestones.length && milestones.length < round.length)
    readings.push([milestones, "milestone tranches"]);
  const [ts, what] = readings.reduce((a, b) => (Math.abs(sum(b[0]) - v) < Math.abs(sum(a[0]) - v) ? b : a));
  return compare(c, sum(ts), `${d.id} ${what}: ${terms(ts)}`, sourcesOf(ts));
}

function months(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return y! * 12 + (m ?? 1) - 1;
}

function checkTrancheDate(c: ReadClaim, d: Deal): Check {
  const stated = c.value as string;
  const precise = (t: string) => t.slice(0, stated.length);
  const paid = paidOf(d);
  const exact = paid.find((t) => precise(t.date) === stated);
  if (exact)
    return {
      verdict: "holds",
      off: 0,
      computation: `${d.id} has a tranche dated ${exact.date}; claim: ${stated}`,
      sources: exact.sources,
    };
  // A tranche is dated at its close; a report may give the date it was announced, its source's date.
  const announced = paid
    .flatMap((t) => t.sources.map((id) => ({ t, id, date: dealsCatalog().sources.get(id)?.date ?? "" })))
    .find((a) => /^\d{4}-\d{2}/.test(a.date) && precise(a.date) === stated);
  if (announced)
    return {
      verdict: "holds",
      off: 0,
      computation: `${d.id}'s tranche of ${announced.t.date} was announced ${announced.date} [${announced.id}]; claim: ${stated}`,
      sources: [announced.id],
    };
  const nearest = [...paid].sort(
    (a, b) =>
      Math.abs(months(precise(a.date)) - months(stated)) - Math.abs(months(precise(b.date)) - months(stated)),
  )[0];
  if (!nearest) return unchecked(`${d.id} has no tranche`);
  const diff = months(precise(nearest.date)) - months(stated);
  return {
    verdict: Math.abs(diff) >= 12 ? "contradicted" : "off",
    off: diff,
    computation: `${d.id}'s nearest tranche is dated ${nearest.date}; claim: ${stated}; off by ${Math.abs(diff)} months`,
    sources: nearest.sources,
  };
}

/** Words that make a figure a forecast or an offer, not a fact to check. */
const FORECAST =
  /\b(?:potential|offers?|offered|could|would|might|may|expected|projected|forecast|talks|seeking|rumou?red)\b/i;

/** A term of a catalog deal ("tranches[].amount", "commitments[].years", "committedPower"). */
export function checkDealTerm(c: ReadClaim, term: string, d: Deal, file: ReadClaim[]): Check {
  const paid = paidOf(d);
  switch (term) {
    case "tranches[].amount":
      return checkTranche(c, d);
    case "tranches[].date":
      return checkTrancheDate(c, d);
    case "investment": {
      const upTo = c.dated ? paid.filter((t) => t.date <= `${c.dated}-99`) : paid;
      return compare(c, sum(upTo), `${d.id} invested: ${terms(upTo)}`, sourcesOf(upTo));
    }
    case "latestRoundWithMilestones":
      return checkRound(c, d);
    case "commitments[].start": {
      const year = Number(String(c.value).slice(0, 4));
      const starts = d.commitments.map((x) => x.startYear);
      if (starts.length === 0) return unchecked(`${d.id} has no commitment`);
      const best = starts.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
      const diff = (best - year) * 12;
      return {
        verdict: diff === 0 ? "holds" : Math.abs(diff) >= 12 ? "contradicted" : "off",
        off: diff,
        computation: `${d.id} commitment starts ${best}; claim: ${year}`,
        sources: sourcesOf(d.commitments),
      };
    }
    case "ramp[].date": {
      const stated = c.value as string;
      if (d.ramp.length === 0) return unchecked(`${d.id} has no capacity ramp`);
      const at = (x: string) => months(x.slice(0, stated.length));
      const best = d.ramp.reduce((a, b) =>
        Math.abs(at(b.date) - months(stated)) < Math.abs(at(a.date) - months(stated)) ? b : a,
      );
      const diff = at(best.date) - months(stated);
      return {
        verdict: diff === 0 ? "holds" : Math.abs(diff) >= 12 ? "contradicted" : "off",
        off: diff,
        computation: `${d.id} ramp reaches ${formatQuantity(best.powerW, "power")} on ${best.date}; claim: ${stated}`,
        sources: best.sources,
      };
    }
    case "ramp[].power": {
      if (d.ramp.length === 0 || typeof c.value !== "number")
        return unchecked(`${d.id} has no capacity ramp`);
      const v = c.value;
      const best = d.ramp.reduce((a, b) => (Math.abs(b.powerW - v) < Math.abs(a.powerW - v) ? b : a));
      return compare(
        c,
        best.powerW,
        `${d.id} ramp: ${formatQuantity(best.powerW, "power")} online by ${best.date}`,
        best.sources,
      );
    }
    case "tranches[].valuation": {
      if (FORECAST.test(c.sentence)) return unchecked("a forecast or an offer, not a valuation paid at");
      const t = [...paid].reverse().find((x) => x.postMoneyUsd !== undefined);
      return t
        ? compare(c, t.postMoneyUsd!, `${d.id} valuation at the ${t.date} tranche`, t.sources)
        : unchecked(`${d.id} records no valuation`);
    }
    case "preMoney": {
      const t = [...paid].reverse().find((x) => x.postMoneyUsd !== undefined);
      const round = file.find(
        (x) => x.about === c.about!.replace("preMoney", "round") && typeof x.value === "number",
      );
      if (!t || !round) return unchecked("needs the round's size and the catalog's post-money valuation");
      return compare(
        c,
        t.postMoneyUsd! - (round.value as number),
        `${d.id} post-money ${formatMoney(t.postMoneyUsd!)} [catalog] - the report's ${formatMoney(round.value as number)} round`,
        t.sources,
      );
    }
    case "round":
      return unchecked("the catalog keeps the investor's part of a round, not the round's size");
    case "commitments[].amount":
    case "commitments[].years": {
      if (d.commitments.length === 0) return unchecked(`${d.id} has no commitment`);
      const years = term.endsWith("years");
      const values = d.commitments.map((x) => (years ? x.years * SECONDS_PER_YEAR : x.amountUsd));
      if (!years && d.commitments.length > 1) values.push(values.reduce((a, b) => a + b, 0));
      const v = typeof c.value === "number" ? c.value : (c.value as { low: number }).low;
      const best = values.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
      const label = years ? `${d.id} commitment term` : `${d.id} committed spend`;
      return compare(c, best, label, sourcesOf(d.commitments));
    }
    case "committedPower":
      return checkPower(c, d);
    case "stake":
    case "chips":
    case "pricePerGwYear":
    case "pricePerChipHour":
      return unchecked(`the catalog records no ${term} for ${d.id}`);
    default:
      return unchecked(`no check for ${term}`);
  }
}

/** New capacity: the deal's committed power less what was online before its latest round. */
function checkPower(c: ReadClaim, d: Deal): Check {
  if (d.committedPowerW === undefined) return unchecked(`${d.id} records no committed power`);
  return compare(c, d.committedPowerW, `${d.id} committed power`, d.committedPowerSources ?? []);
}
