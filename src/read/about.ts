/**
 * What a stated number is about: a field of the scenario schema (`deal.tranches[].amount`,
 * `deal.commitments[].years`, `capacity.power`), an output (`deal.investment`,
 * `capacity.homesUS`), a catalog fact (`chips.trainium3.available`), a term of another catalog
 * deal (`deals.amazon-openai.preMoney`), or nothing we model (null). These are reading rules,
 * written down and tested, not a statistical model.
 */
import type { DealEntry } from "../catalog/deals.js";
import { type ChipMention, dealBetween, isLab, type PartyMention } from "./entities.js";
import type { Mention } from "./mentions.js";

/** The deal a report is about, found from the parties it names most. */
export interface ReportDeal {
  lab?: string;
  other?: string;
  /** The catalog deal between them, if there is one. */
  entry?: DealEntry;
}

/** The sentence a mention is read in. */
export interface SentenceContext {
  text: string;
  mentions: Mention[];
  parties: PartyMention[];
  chips: ChipMention[];
}

/** A mention's reading: what it is about, and the catalog deal when it is another deal than the report's. */
export interface Reading {
  about: string | null;
  /** The catalog deal the term belongs to (the report's own, or another named in the sentence). */
  deal?: DealEntry;
}

type Cue =
  | "valuation"
  | "round"
  | "commitment"
  | "investment"
  | "total"
  | "training"
  | "market"
  | "revenue"
  | "cost"
  | "perGw";

const CUES: [Cue, RegExp][] = [
  ["valuation", /\bvalu(?:ed|ation|ations|ing|es)\b|\bpre-money\b|\bpost-money\b/gi],
  [
    "commitment",
    /\bcommit(?:ted|s)?\s+to\s+(?:spend|spending|buy|buying|purchase|purchasing|using|use)\b|\bspend(?:ing|s)?\b|\bcommitments?\b|\bcontract(?:s|ed)?\b|\bcloud\s+(?:spend|services|credits)\b|\bbacklog\b|\bpurchas(?:e|es|ed|ing)\b|\bbuy(?:ing|s)?\b|\bworth\s+of\s+(?:comput|cloud|capacity)/gi,
  ],
  [
    "investment",
    /\binvest(?:ment|ments|ing|ed|s|or)?\b|\bstake\b|\bfunding\b|\binfusion\b|\btranche\b|\bcontribut(?:ing|ion|ed|es|e)\b|\bcapital\b|\bbacking\b|\bflow(?:ing|s)?\s+into\b|\bcoffers\b/gi,
  ],
  ["training", /\btrain(?:ing|ed|s)?\b/gi],
  ["revenue", /\brevenues?\b|\bsales\b/gi],
  ["cost", /\bcosts?\b|\bcapex\b/gi],
  ["market", /\bmarket\b|\beconomy\b|\bnet worth\b/gi],
];

/** The nearest cue to a span, and how far it is (before counts as nearer than after). */
function nearestCue(text: string, m: Mention): { cue: Cue; distance: number } | undefined {
  let best: { cue: Cue; distance: number } | undefined;
  for (const [cue, re] of CUES) {
    re.lastIndex = 0;
    for (let x = re.exec(text); x; x = re.exec(text)) {
      const end = x.index + x[0].length;
      if (x.index < m.end && end > m.start) continue;
      const d = end <= m.start ? m.start - end : (x.index - m.end) * 1.5;
      if (d < 90 && (!best || d < best.distance)) best = { cue, distance: d };
    }
  }
  return best;
}

/** The report's deal: the lab it names most and the other party it names most. */
export function reportDeal(parties: PartyMention[][]): ReportDeal {
  const count = new Map<string, number>();
  for (const p of parties.flat()) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  const ranked = [...count].sort((a, b) => b[1] - a[1]).map(([n]) => n);
  const lab = ranked.find(isLab);
  const others = ranked.filter((n) => n !== lab);
  const other = others.find((o) => lab && dealBetween(lab, o)) ?? others[0];
  return { lab, other, entry: lab && other ? dealBetween(lab, other) : undefined };
}

/** Words after which a party is compared with, not a party to, what the sentence states. */
const COMPARISON =
  /\b(?:dwarfs?|than|compared|exceeds?|eclipses?|rivals?|surpass(?:es)?|versus|vs\.?|like)\b/i;

/**
 * The deal a sentence speaks of: another catalog deal when it names another lab and not the
 * report's ("Amazon's $50 billion for OpenAI" in a report on Anthropic).
 */
function sentenceDeal(
  s: SentenceContext,
  report: ReportDeal,
): { prefix: string; deal?: DealEntry } | undefined {
  const compared = s.text.search(COMPARISON);
  const named = s.parties.filter((p) => compared < 0 || p.index < compared).map((p) => p.name);
  const labs = named.filter(isLab);
  if (labs.length === 0 || (report.lab && labs.includes(report.lab)))
    return { prefix: "deal.", deal: report.entry };
  const lab = labs[0]!;
  const other = named.find((n) => n !== lab && dealBetween(lab, n)) ?? report.other;
  const entry = other ? dealBetween(lab, other) : undefined;
  return entry ? { prefix: `deals.${entry.id}.`, deal: entry } : undefined;
}

const RELEASE =
  /\b(?:releas(?:e|ed|es|ing)|launch(?:ed|es|ing)?|availab(?:le|ility)|ship(?:ped|s|ping)?|debut(?:ed|s)?|rolled out|went live)\b/i;
const ANNOUNCE = /\b(?:announc(?:e|ed|es|ing)|unveil(?:ed|s|ing)?|introduc(?:e|ed|es|ing)|preview(?:ed)?)\b/i;
const COMMITTING =
  /\bcommit(?:ted|ment|ments|s)?\b|\bspend(?:ing)?\b|\bcontract\b|\bagreement\b|\blocks?\s+in\b|\bclients?\b|\bcustomers?\b/i;

/** Words that place a date or a power on the capacity ramp: a first phase, capacity coming online. */
const RAMP_POWER = /\b(?:first|initial|the next)\s+(?:[\w-]+\s+)?$/i;
const RAMP_DATE =
  /\b(?:online|on line|deploy(?:ed|ment|ments)?|phase|go live|come on|deliver(?:ing|ies|y)?)\b/i;
/** A commitment's first year: "starting in 2027", "doesn't take effect until 2027". */
const START = /\b(?:start(?:s|ing)?|begin(?:s|ning)?|take effect|takes effect|kicks? in|effective|from)\b/i;

/** "OpenAI aims to invest $1.4 trillion to build 30 GW": the lab's own plans, not terms of the deal. */
function labOwnSpending(s: SentenceContext, report: ReportDeal): boolean {
  if (!report.lab) return false;
  const invest = /\b(?:aims?|plans?|intends?|expects?)\s+to\s+(?:invest|spend|build)\b/i.exec(s.text);
  if (!invest) return false;
  const before = s.parties.filter((p) => p.index < invest.index);
  return before.at(-1)?.name === report.lab;
}

/** What a money amount is about, before the sentence's other amounts are weighed. */
function moneyCue(s: SentenceContext, m: Mention): Cue | undefined {
  const after = s.text.slice(m.end);
  const before = s.text.slice(0, m.start);
  if (/^\s*(?:[\w-]+\s+)?(?:funding\s+|investment\s+)?round\b/i.test(after)) return "round";
  const near = nearestCue(s.text, m);
  // "1 GW of AI compute can cost $20-25 billion": a cost per gigawatt.
  if (
    near?.cue === "cost" &&
    s.mentions.some((x) => x.kind === "power" && (x.value === 1e9 || x.text.match(/^(?:a|one|1)\b/i)))
  )
    return "perGw";
  if (
    near?.cue === "investment" &&
    /\btotal\b|\bbringing\b|\bin all\b|\baltogether\b/i.test(before.slice(-45))
  )
    return "total";
  if (/\btrain(?:ing)?\b[^.]*\b(?:costs?|requires?|worth)\b|\bcosts?\s+of\s+training\b/i.test(s.text)) {
    if (!near || ["training", "market", "cost"].includes(near.cue) || near.distance > 25) return "training";
  }
  return near?.cue;
}

/** "the $5 billion investment", "this deal": a definite reference to the deal itself. */
function definite(s: SentenceContext, m: Mention): boolean {
  return (
    /\b(?:the|this|that|a|an)\s+(?:[\w-]+\s+){0,2}$/i.test(s.text.slice(0, m.start)) &&
    /^\s*(?:[\w-]+\s+)?(?:investment|deal|infusion|commitment)\b/i.test(s.text.slice(m.end))
  );
}

/**
 * Reads every mention of a sentence. `earlier` holds the readings of the report so far, so that
 * "The $25 billion investment" refers back to "up to $25 billion" read as the round with
 * milestones.
 */
export function readSentence(
  s: SentenceContext,
  report: ReportDeal,
  earlier: { value?: number; about: string | null }[],
): Reading[] {
  const where = sentenceDeal(s, report);
  const money = s.mentions.map((m) => (m.kind === "money" ? moneyCue(s, m) : undefined));
  // Ceilings on an investment: the largest is the round with its milestones, any smaller one the part paid now.
  const ceilings = s.mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m, i }) => (money[i] === "investment" || money[i] === "total") && m.hedge === "ceiling");
  // "Nvidia will invest up to $10 billion and Microsoft up to $5 billion": one tranche per investor.
  const separateInvestors = ceilings.some(
    ({ m }, k) => k > 0 && s.parties.some((p) => p.index > ceilings[k - 1]!.m.end && p.index < m.start),
  );
  const largest = ceilings.reduce<number | undefined>(
    (a, { m }) => (a === undefined || (m.value ?? 0) > a ? m.value : a),
    undefined,
  );
  const labNamed = s.parties.some((p) => isLab(p.name));
  const own = labOwnSpending(s, report);
  const hasInvestment = money.some((c) => c === "investment" || c === "total" || c === "round");

  return s.mentions.map((m, i): Reading => {
    if (!where || (own && m.kind !== "homes")) return { about: null };
    const { prefix, deal } = where;
    const chip = s.chips[0]?.id;
    switch (m.kind) {
      case "money": {
        const cue = money[i];
        if (cue === "round") return { about: `${prefix}round`, deal };
        if (cue === "valuation") {
          const pre = /pre-money/i.test(s.text.slice(Math.max(0, m.start - 40), m.end + 40));
          return { about: pre ? `${prefix}preMoney` : `${prefix}tranches[].valuation`, deal };
        }
        if (cue === "commitment") return { about: `${prefix}commitments[].amount`, deal };
        if (cue === "training") return { about: "training.cost" };
        if (cue === "perGw") return { about: "economics.allInCostPerGw" };
        // "revenue for AMD" from the lab's purchases is the lab's commitment; the lab's own revenue is not a term.
        if (cue === "revenue")
          return report.other && s.parties.some((p) => p.name === report.other)
            ? { about: `${prefix}commitments[].amount`, deal }
            : { about: null };
        if (cue === "total" && m.hedge !== "ceiling") return { about: `${prefix}investment`, deal };
        if (cue === "investment" || cue === "total") {
          // "investing billions in its own processors": vague money with no lab named is not the deal's.
          if (m.vague && !labNamed && !definite(s, m) && prefix === "deal.") return { about: null };
          if (m.vague) return { about: `${prefix}investment`, deal };
          if (m.hedge === "ceiling")
            return {
              about:
                ceilings.length > 1 && (m.value !== largest || separateInvestors)
                  ? `${prefix}tranches[].amount`
                  : `${prefix}latestRoundWithMilestones`,
              deal,
            };
          const repeated = earlier.find(
            (e) => e.value === m.value && e.about === `${prefix}latestRoundWithMilestones`,
          );
          return { about: repeated ? repeated.about : `${prefix}tranches[].amount`, deal };
        }
        if (definite(s, m)) return { about: `${prefix}tranches[].amount`, deal };
        return { about: null };
      }
      case "moneyRate":
        if (/W\/year/.test(m.unit)) return { about: `${prefix}pricePerGwYear`, deal };
        if (/hour/.test(m.unit))
          return { about: chip ? `chips.${chip}.price` : `${prefix}pricePerChipHour`, deal };
        if (m.unit === "USD/W") return { about: "economics.allInCostPerGw" };
        return {
          about: nearestCue(s.text, m)?.cue === "commitment" ? `${prefix}commitments[].perYear` : null,
          deal,
        };
      case "power":
        if (chip && (m.value ?? m.high ?? 0) < 5e4) return { about: `chips.${chip}.tdp` };
        if (
          RAMP_POWER.test(s.text.slice(Math.max(0, m.start - 25), m.start)) ||
          /^\s*(?:deployment|phase)\b/i.test(s.text.slice(m.end))
        )
          return { about: `${prefix}ramp[].power`, deal };
        return { about: prefix === "deal." ? "capacity.power" : `${prefix}committedPower`, deal };
      case "energy":
        return {
          about: /\b(?:a|per|each)\s+year\b|\bannually\b/i.test(s.text) ? "capacity.energyPerYear" : null,
        };
      case "homes":
        return { about: m.noun === "EU" ? "capacity.homesEU" : "capacity.homesUS" };
      case "equivalent":
        return { about: `equivalent.${m.noun!.replace(/ /g, "")}` };
      case "chips":
        return { about: prefix === "deal." ? "capacity.chips" : `${prefix}chips`, deal };
      case "fraction":
        return {
          about: /\bstake\b|\bshare\b|\bowns?\b|\bequity\b/i.test(s.text) ? `${prefix}stake` : null,
          deal,
        };
      case "computeRate":
        return chip && (m.value ?? 0) < 1e17
          ? { about: `chips.${chip}.${/fp8/i.test(s.text) ? "fp8" : "bf16"}` }
          : { about: "capacity.peakFlopsBf16" };
      case "bytes":
        return { about: chip ? `chips.${chip}.hbm` : null };
      case "bandwidth":
        return { about: chip ? `chips.${chip}.hbmBandwidth` : null };
      case "time": {
        const past = /\b(?:past|last|ago)\b/i.test(m.text);
        const committing = money.some((c) => c === "commitment") || COMMITTING.test(s.text);
        return { about: !past && committing ? `${prefix}commitments[].years` : null, deal };
      }
      default: {
        // A date: a chip's release or announcement, or an investment's.
        if (chip && RELEASE.test(s.text)) return { about: `chips.${chip}.available` };
        if (chip && ANNOUNCE.test(s.text) && !hasInvestment) return { about: `chips.${chip}.announced` };
        if (hasInvestment) return { about: `${prefix}tranches[].date`, deal };
        if (
          START.test(s.text) &&
          (money.includes("commitment") ||
            COMMITTING.test(s.text) ||
            s.mentions.some((x) => x.kind === "power"))
        )
          return { about: `${prefix}commitments[].start`, deal };
        if (RAMP_DATE.test(s.text)) return { about: `${prefix}ramp[].date`, deal };
        return { about: null };
      }
    }
  });
}
