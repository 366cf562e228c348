/**
 * Checks that need no scenario: a report's claims against the catalog (its deals, chips and
 * economics) and physics, and against the report's own arithmetic. The comparison itself is the
 * scenario claims' (src/scenario/claims.ts), so a verdict means the same everywhere.
 */
import { type Catalog, catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics } from "../catalog/economics.js";
import { equivalent } from "../catalog/equivalents.js";
import { catalogDeal, type Deal, type Tranche } from "../deal/index.js";
import { checkClaims, type Verdict } from "../scenario/claims.js";
import type { Claim } from "../scenario/schema.js";
import { formatMoney, formatQuantity } from "../units/format.js";
import { type QuantityKind, SECONDS_PER_YEAR } from "../units/quantity.js";
import type { ReadClaim } from "./types.js";

/** A verdict with its arithmetic and sources. */
export interface Check {
  verdict: Verdict;
  off?: number;
  computation: string;
  sources: string[];
  /** A better reading of what the claim is about, found by the check (a round quoted with its milestones). */
  about?: string;
  /** The date of the one catalog tranche a tranche amount was compared with. */
  tranche?: string;
}

const unchecked = (why: string): Check => ({ verdict: "unchecked", computation: why, sources: [] });

const KIND: Partial<Record<ReadClaim["kind"], QuantityKind>> = {
  money: "money",
  power: "power",
  energy: "energy",
  time: "time",
  homes: "count",
  chips: "count",
  equivalent: "count",
  fraction: "fraction",
  computeRate: "computeRate",
  bytes: "bytes",
  bandwidth: "bandwidth",
};

/** The claim's stated value as a scenario claim's expectation, read by its hedge. */
function expected(c: ReadClaim, kind: QuantityKind): Claim["expected"] {
  const q = (value: number) => ({ value, kind });
  if (typeof c.value === "object") return { low: q(c.value.low), high: q(c.value.high) };
  const v = c.value as number;
  if (c.hedge === "floor") return { low: q(v) };
  if (c.hedge === "ceiling") return { high: q(v) };
  return q(v);
}

/** Compares a stated value with a true one through the scenario claims' check. */
export function compare(c: ReadClaim, truth: number, what: string, sources: string[]): Check {
  const kind = KIND[c.kind] ?? "count";
  const claim: Claim = {
    id: "read",
    text: c.text,
    sources: [c.file],
    output: what,
    expected: expected(c, kind),
    tolerance: c.hedge === "approximate" ? 0.1 : 0.05,
  };
  const [r] = checkClaims([claim], { [what]: { value: truth } }, catalog());
  return { verdict: r!.verdict, off: r!.off, computation: r!.computation, sources };
}

/** Whether a catalog value rests only on this report (the catalog cites the seed reports too). */
function onlyThisReport(sources: string[], file: string): boolean {
  const base = file.split(/[\\/]/).pop()!;
  const all = dealsCatalog().sources;
  const own = sources.filter((id) => all.get(id)?.address.endsWith(base));
  return sources.length > 0 && own.length === sources.length;
}

function others(sources: string[], file: string): string[] {
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

/** A tranche amount: the tranche at the stated date (or the latest), or the sum a report may quote from it. */
function checkTranche(c: ReadClaim, d: Deal): Check {
  const paid = paidOf(d);
  const initial = /\b(?:initial|first)\b/i.test(c.sentence);
  const at = c.dated
    ? paid.findIndex((t) => t.date.startsWith(c.dated!) || c.dated!.startsWith(t.date))
    : initial
      ? 0
      : paid.length - 1;
  if (at < 0) return unchecked(`${d.id} has no tranche dated ${c.dated}`);
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
  const inRound = !c.dated || round.some((t) => t.date.startsWith(c.dated!));
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
  const exact = d.tranches.find((t) => !t.contingent && precise(t.date) === stated);
  const sources = (t: Tranche) => t.sources;
  if (exact)
    return {
      verdict: "holds",
      off: 0,
      computation: `${d.id} has a tranche dated ${exact.date}; claim: ${stated}`,
      sources: sources(exact),
    };
  const nearest = paidOf(d).sort(
    (a, b) =>
      Math.abs(months(precise(a.date)) - months(stated)) - Math.abs(months(precise(b.date)) - months(stated)),
  )[0];
  if (!nearest) return unchecked(`${d.id} has no tranche`);
  const diff = months(precise(nearest.date)) - months(stated);
  return {
    verdict: Math.abs(diff) >= 12 ? "contradicted" : "off",
    off: diff,
    computation: `${d.id}'s nearest tranche is dated ${nearest.date}; claim: ${stated}; off by ${Math.abs(diff)} months`,
    sources: sources(nearest),
  };
}

/** Words that make a figure a forecast or an offer, not a fact to check. */
const FORECAST =
  /\b(?:potential|offers?|offered|could|would|might|may|expected|projected|forecast|talks|seeking|rumou?red)\b/i;

function checkDealTerm(c: ReadClaim, term: string, d: Deal, file: ReadClaim[]): Check {
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
  const last = paidOf(d).at(-1)?.date ?? "";
  const before = d.ramp.filter((r) => r.date < last).reduce((a, r) => Math.max(a, r.powerW), 0);
  const what =
    before > 0
      ? `${d.id} new capacity: ${formatQuantity(d.committedPowerW, "power")} committed - ${formatQuantity(before, "power")} online before ${last}`
      : `${d.id} committed power`;
  return compare(c, d.committedPowerW - before, what, d.committedPowerSources ?? []);
}

/** Homes or a year's energy from the power the report states: physics at EIA's and Odyssee's figures. */
function checkEnergy(c: ReadClaim, file: ReadClaim[]): Check {
  const power =
    file.find((x) => x.sentence === c.sentence && x.kind === "power" && typeof x.value === "number") ??
    file.find((x) => x.about === "capacity.power" && typeof x.value === "number");
  if (!power) return unchecked("the report states no power to compare with");
  const w = power.value as number;
  const energy = w * SECONDS_PER_YEAR;
  const twh = formatQuantity(energy, "energy");
  if (c.about === "capacity.energyPerYear")
    return compare(c, energy, `${formatQuantity(w, "power")} x 8,766 h`, []);
  const fact = economics().fact(
    c.about === "capacity.homesEU" ? "euHomeEnergyPerYear" : "usHomeEnergyPerYear",
  );
  const per = fact.value / 3.6e6;
  return compare(
    c,
    energy / fact.value,
    `${formatQuantity(w, "power")} x 8,766 h = ${twh} / ${per.toLocaleString("en-US")} kWh per home`,
    fact.entry.sources,
  );
}

/** "1 GW costs $20-25 billion" against the catalog's all-in cost per GW and its alternatives, the nearest of them. */
function checkCostPerGw(c: ReadClaim): Check {
  const fact = economics().fact("allInCostPerGw");
  const values = [fact.entry.value, ...(fact.entry.alternatives ?? []).map((a) => a.value)].map(
    (v) => v * 1e9,
  );
  const stated = c.unit === "USD/W" ? { ...c, value: (c.value as number) * 1e9, kind: "money" as const } : c;
  const v = typeof stated.value === "number" ? stated.value : (stated.value as { high: number }).high;
  const nearest = values.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
  return compare(
    stated,
    nearest,
    `all-in cost of 1 GW of AI data center (catalog: ${values.map((x) => formatMoney(x)).join(", ")}), nearest`,
    economics().sourceIds(fact.entry),
  );
}

/** "4.5 GW, more than two Hoover Dams": the power stated over the catalog's power of one. */
function checkEquivalent(c: ReadClaim, file: ReadClaim[], what: string): Check {
  const e = equivalent(what);
  if (!e) return unchecked(`the catalog has no sourced size of ${what}`);
  const power =
    file.find((x) => x.sentence === c.sentence && x.kind === "power" && typeof x.value === "number") ??
    file.find((x) => x.about === "capacity.power" && typeof x.value === "number");
  if (!power) return unchecked("the report states no power to compare with");
  const w = power.value as number;
  const what2 = `${formatQuantity(w, "power")} / ${formatQuantity(e.powerW, "power")} per ${e.name}`;
  return compare(c, w / e.powerW, what2, e.sources);
}

/** A chip fact: release dates through the scenario claims' check, specs against the chip catalog. */
function checkChip(c: ReadClaim, cat: Catalog): Check {
  const [, id, field] = /^chips\.(.+)\.(\w+)$/.exec(c.about!)!;
  const chip = cat.chips.find(id!)!;
  if (field === "available" || field === "announced") {
    const claim: Claim = {
      id: "read",
      text: c.text,
      sources: [c.file],
      catalog: `${chip.id}.${field}`,
      expected: c.value as string,
      tolerance: 0.05,
    };
    const [r] = checkClaims([claim], {}, cat);
    return {
      verdict: r!.verdict,
      off: r!.off,
      computation: r!.computation,
      sources: chip.entry[field]?.sources ?? [],
    };
  }
  const spec: Record<string, number | undefined> = {
    bf16: chip.peakFlops.bf16,
    fp8: chip.peakFlops.fp8,
    tdp: chip.tdpW,
    hbm: chip.memoryBytes,
    hbmBandwidth: chip.memoryBandwidth,
  };
  const truth = spec[field!];
  if (truth === undefined) return unchecked(`the catalog has no ${field} for ${chip.name}`);
  return compare(c, truth, `${chip.name} ${field} [catalog]`, []);
}

/** "$10B + $5B = $15B": a total against the report's own amounts in the same sentence. */
function ownSum(c: ReadClaim, file: ReadClaim[]): Check | undefined {
  if (typeof c.value !== "number" || !/\btotal\b|\bin all\b|\bcombined\b|\btogether\b|=/i.test(c.sentence))
    return;
  const parts = file.filter(
    (x) =>
      x !== c && x.sentence === c.sentence && x.kind === "money" && typeof x.value === "number" && !x.derived,
  );
  if (parts.length < 2 || parts.some((p) => (p.value as number) >= (c.value as number))) return;
  const total = parts.reduce((a, p) => a + (p.value as number), 0);
  const shown = parts.map((p) => formatMoney(p.value as number)).join(" + ");
  return compare(c, total, `the report's own figures: ${shown}`, []);
}

/** "$30B a year for five years" against the total the report states for the same term. */
function ownProduct(c: ReadClaim, file: ReadClaim[]): Check | undefined {
  if (c.unit !== "USD/year" || typeof c.value !== "number") return;
  const years = file.find(
    (x) => x.sentence === c.sentence && x.kind === "time" && typeof x.value === "number",
  );
  if (!years) return;
  const product = (c.value * (years.value as number)) / SECONDS_PER_YEAR;
  const stated = file.find(
    (x) =>
      x.kind === "money" && typeof x.value === "number" && x.value >= product / 10 && x.value <= product * 10,
  );
  const shown = `${formatMoney(c.value)} a year x ${formatQuantity(years.value as number, "time")} = ${formatMoney(product)}`;
  if (!stated) return unchecked(`${shown}; the report states no total to compare with`);
  const r = compare({ ...stated, hedge: "exact" }, product, `the report's own figures: ${shown}`, []);
  return { ...r, computation: `${r.computation} (stated: "${stated.text}")` };
}

/** The verdict on one claim of a report; `file` holds all of that report's claims. */
export function checkClaim(c: ReadClaim, file: ReadClaim[], cat: Catalog): Check {
  const own = ownSum(c, file) ?? ownProduct(c, file);
  if (own) return own;
  const about = c.about;
  if (!about) return unchecked("not a term gigawatt models");
  if (c.vague && !/^deals?\./.test(about)) return unchecked("too vague to check");
  if (about.startsWith("chips.")) return checkChip(c, cat);
  if (about === "capacity.homesUS" || about === "capacity.homesEU" || about === "capacity.energyPerYear")
    return checkEnergy(c, file);
  const m = /^(?:deal|deals\.([^.]+))\.(.+)$/.exec(about);
  const dealId = c.deal;
  if (m || about === "capacity.power") {
    if (!dealId) return unchecked("the deal is not in the catalog");
    const d = catalogDeal(dealId);
    const term = about === "capacity.power" ? "committedPower" : m![2]!;
    const r = checkDealTerm(c, term, d, file);
    if (r.verdict !== "unchecked" && onlyThisReport(r.sources, c.file))
      return unchecked(`the catalog's only source for this is this report (${r.sources.join(", ")})`);
    return { ...r, sources: others(r.sources, c.file) };
  }
  if (about === "training.cost") return unchecked("the catalog has no sourced cost of a training run");
  if (about === "economics.allInCostPerGw") return checkCostPerGw(c);
  if (about.startsWith("equivalent.")) return checkEquivalent(c, file, about.slice(11));
  return unchecked(`no catalog fact for ${about}`);
}
