/**
 * The quantities a sentence states: money, power, energy, durations, homes and other
 * equivalents, chip counts, shares, chip specs. Each mention keeps its place in the sentence,
 * its value in SI base units (US$, W, J, s) or a range, and its hedge. Dates are found apart
 * (dates.ts).
 */
import { SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "../units/quantity.js";
import { type Hedge, hedgeAfter, hedgeBefore } from "./hedge.js";
import { AMOUNT, type Amount, NUMBER, PLURAL, readAmount, SCALE, VAGUE_COUNTS } from "./numbers.js";

/** What a mention measures. */
export type MentionKind =
  | "money"
  | "moneyRate"
  | "power"
  | "energy"
  | "time"
  | "date"
  | "homes"
  | "equivalent"
  | "chips"
  | "shares"
  | "fraction"
  | "computeRate"
  | "bytes"
  | "bandwidth";

/** A quantity stated in a sentence. */
export interface Mention {
  /** Offsets in the sentence. */
  start: number;
  end: number;
  /** The quantity as written, hedge included ("up to $25 billion"). */
  text: string;
  kind: MentionKind;
  /** The value in SI base units, or a range (vague amounts, "between X and Y", "several"). */
  value?: number;
  low?: number;
  high?: number;
  /** A date as YYYY, YYYY-MM or YYYY-MM-DD (kind "date"). */
  date?: string;
  /** The unit of `value`: USD, W, J, s, homes, chips, ... */
  unit: string;
  hedge: Hedge;
  /** A plural scale word ("billions"): too vague to reconcile or to claim. */
  vague?: boolean;
  /** What an equivalent counts ("data centers"), a home's region ("US", "EU"), a chip named with a count. */
  noun?: string;
}

type Made = Omit<Mention, "start" | "end" | "text" | "hedge"> & { hedge?: Hedge };
interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray, sentence: string) => Made | undefined;
}

const WORDS = (xs: string[]) => xs.join("|");
const VAGUE = WORDS(Object.keys(VAGUE_COUNTS).sort((a, b) => b.length - a.length));
const DOLLAR = String.raw`(?:US\s?|A|C)?\$\s?`;

/** Amount as a value or range, scaled. */
function scaled(a: Amount | undefined, k = 1): Pick<Mention, "value" | "low" | "high"> | undefined {
  if (!a) return undefined;
  return "value" in a ? { value: a.value * k } : { low: a.low * k, high: a.high * k };
}

const POWER_UNITS: Record<string, number> = {
  kw: 1e3,
  mw: 1e6,
  gw: 1e9,
  tw: 1e12,
  kilowatt: 1e3,
  megawatt: 1e6,
  gigawatt: 1e9,
  terawatt: 1e12,
};
const ENERGY_UNITS: Record<string, number> = { kwh: 1e3, mwh: 1e6, gwh: 1e9, twh: 1e12 };
const TIME_UNITS: Record<string, number> = {
  year: SECONDS_PER_YEAR,
  month: SECONDS_PER_YEAR / 12,
  week: 7 * 24 * SECONDS_PER_HOUR,
  day: 24 * SECONDS_PER_HOUR,
  decade: 10 * SECONDS_PER_YEAR,
};
const FLOPS_UNITS: Record<string, number> = {
  zetta: 1e21,
  exa: 1e18,
  peta: 1e15,
  tera: 1e12,
  z: 1e21,
  e: 1e18,
  p: 1e15,
  t: 1e12,
};

function powerFactor(unit: string): number {
  const u = unit.toLowerCase().replace(/s$/, "");
  return POWER_UNITS[u]!;
}

/** "per year", "a year", "annually", "per GW", "per chip-hour" after a money amount. */
const RATE =
  /^\s*(?:(?:per|a|an|each|every|\/)\s*(year|annum|hour|chip[- ]hour|GPU[- ]hour|gigawatt[- ]year|GW[- ]year|gigawatt|GW|megawatt|MW)\b|(annually|yearly|a year))/i;

function moneyOrRate(
  amount: Pick<Mention, "value" | "low" | "high">,
  after: string,
): Made & { extra: number } {
  const r = RATE.exec(after);
  if (!r) return { kind: "money", unit: "USD", ...amount, extra: 0 };
  const per = (r[1] ?? "year").toLowerCase().replace(/[- ]/, "-");
  const [unit, k] = /year|annum|annually|yearly/.test(per)
    ? per.startsWith("g")
      ? ["USD/W/year", 1e-9]
      : ["USD/year", 1]
    : /hour/.test(per)
      ? [per.startsWith("chip") || per.startsWith("gpu") ? "USD/chip-hour" : "USD/hour", 1]
      : [
          per === "megawatt" || per === "mw" ? "USD/W" : "USD/W",
          per === "megawatt" || per === "mw" ? 1e-6 : 1e-9,
        ];
  const s = (v: number | undefined) => (v === undefined ? undefined : v * k);
  return {
    kind: "moneyRate",
    unit,
    value: s(amount.value),
    low: s(amount.low),
    high: s(amount.high),
    extra: r[0].length,
  };
}

const RULES: Rule[] = [
  {
    // "$10-20 billion", "$10 billion to $20 billion"
    re: new RegExp(
      String.raw`${DOLLAR}(${NUMBER})\s*(${SCALE})?\s*(?:-|–|to)\s*(?:${DOLLAR})?(${NUMBER})\s*(${SCALE})`,
      "gi",
    ),
    make: (m) => {
      const hi = readAmount(`${m[3]} ${m[4]}`);
      const lo = readAmount(m[2] ? `${m[1]} ${m[2]}` : `${m[1]} ${m[4]}`);
      if (!hi || !lo || !("value" in hi) || !("value" in lo) || lo.value > hi.value) return undefined;
      return { kind: "money", unit: "USD", low: lo.value, high: hi.value, hedge: "range" };
    },
  },
  {
    re: new RegExp(String.raw`${DOLLAR}(${AMOUNT})(?![\d]|[,.]\d)`, "gi"),
    make: (m) => {
      const a = scaled(readAmount(m[1]!));
      return a && { kind: "money", unit: "USD", ...a };
    },
  },
  {
    re: new RegExp(String.raw`\b(${AMOUNT})\s+(?:US\s+)?dollars\b|\bUSD\s?(${AMOUNT})\b`, "gi"),
    make: (m) => {
      const a = scaled(readAmount(m[1] ?? m[2]!));
      return a && { kind: "money", unit: "USD", ...a };
    },
  },
  {
    // "billions of dollars", "tens to hundreds of millions of dollars"; a bare "billions" only
    // where money is meant ("investing billions", "billions in capital").
    re: new RegExp(String.raw`\b(${PLURAL})(\s+of\s+(?:US\s+)?dollars)?\b`, "gi"),
    make: (m, s) => {
      const after = s.slice(m.index + m[0].length);
      const before = s.slice(0, m.index);
      const money =
        m[2] !== undefined ||
        /^\s+in\s+(?:capital|funding|investment|cash|spending)/i.test(after) ||
        (/(?:invest(?:ing|ed|s)?|spend(?:ing|s)?|costs?|mov(?:e|ing)|marshal|pour(?:ed|ing|s)?|rais(?:e|ed|ing)|worth|flowing)\s+(?:the\s+)?$/i.test(
          before,
        ) &&
          !/^\s+of\s/i.test(after));
      if (!money) return undefined;
      const a = scaled(readAmount(m[1]!));
      return a && { kind: "money", unit: "USD", ...a, hedge: "range", vague: true };
    },
  },
  {
    re: /\b(multi-?)?(million|billion|trillion)-dollar\b/gi,
    make: (m) => {
      const base = readAmount(`a ${m[2]}`) as { value: number };
      return m[1]
        ? {
            kind: "money",
            unit: "USD",
            low: 2 * base.value,
            high: 999 * base.value,
            hedge: "range",
            vague: true,
          }
        : { kind: "money", unit: "USD", value: base.value };
    },
  },
  {
    // "3-5 GW", "3 to 5 gigawatts"
    re: new RegExp(
      String.raw`\b(${NUMBER})\s*(?:-|–|to)\s*(${NUMBER})\s*(kW|MW|GW|TW|kilowatts?|megawatts?|gigawatts?|terawatts?)(?![a-zA-Z-])`,
      "g",
    ),
    make: (m) => {
      const lo = readAmount(m[1]!);
      const hi = readAmount(m[2]!);
      if (!lo || !hi || !("value" in lo) || !("value" in hi) || lo.value > hi.value) return undefined;
      const k = powerFactor(m[3]!);
      return { kind: "power", unit: "W", low: lo.value * k, high: hi.value * k, hedge: "range" };
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT}|an?|one)\s*-?\s*(kW|MW|GW|TW|kilowatts?|megawatts?|gigawatts?|terawatts?)(-years?)?(?![a-zA-Z-])`,
      "gi",
    ),
    make: (m) => {
      const a = /^(an?|one)$/i.test(m[1]!) ? { value: 1 } : readAmount(m[1]!);
      const k = powerFactor(m[2]!);
      if (m[3]) {
        const e = scaled(a, k * SECONDS_PER_YEAR);
        return e && { kind: "energy", unit: "J", ...e };
      }
      const p = scaled(a, k);
      return p && { kind: "power", unit: "W", ...p };
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT})\s*(kWh|MWh|GWh|TWh|(?:kilo|mega|giga|tera)watt[- ]hours?)\b`,
      "gi",
    ),
    make: (m) => {
      const u = m[2]!.toLowerCase();
      const k = ENERGY_UNITS[u] ?? POWER_UNITS[u.replace(/[- ]hours?$/, "")]!;
      const e = scaled(readAmount(m[1]!), k * SECONDS_PER_HOUR);
      return e && { kind: "energy", unit: "J", ...e };
    },
  },
  {
    // "the next decade", "the coming five years", "the past few years"
    re: new RegExp(
      String.raw`\bthe\s+(?:next|coming|past|last|following)\s+(?:(${NUMBER}|${VAGUE})\s+)?(decades?|years)\b`,
      "gi",
    ),
    make: (m) => {
      const unit = TIME_UNITS[m[2]!.toLowerCase().replace(/s$/, "")]!;
      const a = m[1] ? readAmount(m[1]) : { value: 1 };
      const t = scaled(a, unit);
      return t && { kind: "time", unit: "s", ...t, hedge: t.low !== undefined ? "range" : "exact" };
    },
  },
  {
    // "10 years", "ten-year", "a decade", "a few years", "several months"
    re: new RegExp(
      String.raw`\b(${NUMBER}|an?|${VAGUE})[\s-]+(years?|months?|weeks?|days?|decades?)\b(?![- ](?:old|ago))`,
      "gi",
    ),
    make: (m) => {
      const unit = TIME_UNITS[m[2]!.toLowerCase().replace(/s$/, "")]!;
      const a = /^an?$/i.test(m[1]!) ? { value: 1 } : readAmount(m[1]!);
      const t = scaled(a, unit);
      return t && { kind: "time", unit: "s", ...t, hedge: t.low !== undefined ? "range" : undefined };
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT}|${PLURAL})\s+(?:of\s+)?(?:(US|U\.S\.|American|European|EU|average|typical)\s+)*(?:homes|households|houses|dwellings)\b`,
      "gi",
    ),
    make: (m) => {
      const a = scaled(readAmount(m[1]!.replace(/\s+of$/, "")));
      const region = /europe|\beu\b/i.test(m[0]) ? "EU" : "US";
      return (
        a && {
          kind: "homes",
          unit: "homes",
          ...a,
          noun: region,
          hedge: a.low !== undefined ? "range" : undefined,
        }
      );
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT}|${VAGUE}|dozens of)\s+(?:(?:large|big|typical|average|hyperscale|new|modern|full-size|large-scale)\s+)*(data[\s-]?cent(?:er|re)s?|nuclear\s+(?:reactors?|power\s+plants?)|reactors?|power\s+plants?|Hoover\s+Dams?|dams?|cities)\b`,
      "gi",
    ),
    make: (m) => {
      const a = scaled(readAmount(m[1]!));
      const noun = m[2]!.toLowerCase().replace(/\s+/g, " ").replace(/-/, " ");
      const kind = /data ?cent/.test(noun)
        ? "datacenters"
        : /reactor|nuclear/.test(noun)
          ? "reactors"
          : /dam/.test(noun)
            ? "dams"
            : /plant/.test(noun)
              ? "power plants"
              : "cities";
      return (
        a && {
          kind: "equivalent",
          unit: kind,
          ...a,
          noun: kind,
          hedge: a.low !== undefined ? "range" : undefined,
        }
      );
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT}|(?:tens|hundreds)\s+of\s+thousands(?:\s+of)?|${PLURAL}(?:\s+of)?)\s+(?:(?!(?:in|on|to|for|and|with|by|of|that|which)\s)[\w.’'-]+\s+){0,4}?(chips|GPUs|accelerators|TPUs|processors)\b`,
      "g",
    ),
    make: (m) => {
      const text = m[1]!.replace(/\s+of$/, "");
      const a =
        scaled(readAmount(text)) ??
        (/^tens of thousands/i.test(text)
          ? { low: 1e4, high: 99e3 }
          : /^hundreds of thousands/i.test(text)
            ? { low: 1e5, high: 999e3 }
            : undefined);
      return a && { kind: "chips", unit: "chips", ...a, hedge: a.low !== undefined ? "range" : undefined };
    },
  },
  {
    // "160 million shares of AMD common stock": a warrant or a stake counted in shares.
    re: new RegExp(String.raw`\b(${AMOUNT})\s+(?:[\w-]+\s+)?shares\b`, "gi"),
    make: (m) => {
      const a = scaled(readAmount(m[1]!));
      return a && { kind: "shares", unit: "shares", ...a };
    },
  },
  {
    re: new RegExp(String.raw`\b(${NUMBER})\s*(?:%|percent\b|per\s+cent\b)`, "gi"),
    make: (m) => {
      const a = scaled(readAmount(m[1]!), 0.01);
      return a && { kind: "fraction", unit: "fraction", ...a };
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${AMOUNT})\s*(zetta|exa|peta|tera|Z|E|P|T)(?:flops|FLOPS|FLOP\/s|flop\/s)\b`,
      "gi",
    ),
    make: (m) => {
      const k = FLOPS_UNITS[m[2]!.toLowerCase()]!;
      const a = scaled(readAmount(m[1]!), k);
      return a && { kind: "computeRate", unit: "FLOP/s", ...a };
    },
  },
  {
    re: new RegExp(String.raw`\b(${NUMBER})\s*(TB|GB|PB)\/s\b`, "g"),
    make: (m) => {
      const a = scaled(readAmount(m[1]!), { TB: 1e12, GB: 1e9, PB: 1e15 }[m[2]!]!);
      return a && { kind: "bandwidth", unit: "B/s", ...a };
    },
  },
  {
    re: new RegExp(String.raw`\b(${NUMBER})\s*(TB|GB|GiB|PB)\b(?!\/)`, "g"),
    make: (m) => {
      const k = { TB: 1e12, GB: 1e9, GiB: 2 ** 30, PB: 1e15 }[m[2]!]!;
      const a = scaled(readAmount(m[1]!), k);
      return a && { kind: "bytes", unit: "B", ...a };
    },
  },
];

/** Money amounts such as "$5 billion" followed by "a year" are rates; the rule above reads the amount only. */
function withRate(made: Made, sentence: string, end: number): { made: Made; end: number } {
  if (made.kind !== "money" || made.vague) return { made, end };
  const r = moneyOrRate(made, sentence.slice(end));
  const { extra, ...rest } = r;
  return { made: { ...rest, hedge: made.hedge }, end: end + extra };
}

/** Trims a number's leading article or filler so the text is the quantity ("a decade" stays). */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const LEADING_AMOUNT = new RegExp(String.raw`^(?:US\s?)?\$?\s?(${AMOUNT})`, "i");
const BARE_RANGE = new RegExp(
  String.raw`\b(?:between|from)\s+(?:US\s?)?\$?\s?(${AMOUNT})\s+(?:and|to)\s+$`,
  "i",
);

/** "between 750,000 and 2 million homes": a bare number before a mention takes the mention's unit. */
function bareRange(sentence: string, m: Mention): Mention {
  if (m.value === undefined) return m;
  const lead = BARE_RANGE.exec(sentence.slice(0, m.start));
  const own = LEADING_AMOUNT.exec(m.text);
  const low = lead && readAmount(lead[1]!);
  const mine = own && readAmount(own[1]!);
  if (!low || !mine || !("value" in low) || !("value" in mine) || mine.value === 0) return m;
  const lo = low.value * (m.value / mine.value);
  if (!(lo < m.value)) return m;
  const start = lead.index;
  return {
    ...m,
    start,
    text: sentence.slice(start, m.end),
    value: undefined,
    low: lo,
    high: m.value,
    hedge: "range",
  };
}

/** "between $3B and $5B", "from 3 GW to 5 GW": two mentions of a kind joined into a range. */
function joinRanges(sentence: string, ms: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1];
    if (b && a.kind === b.kind && a.value !== undefined && b.value !== undefined && a.value < b.value) {
      const gap = sentence.slice(a.end, b.start);
      const lead = sentence.slice(0, a.start);
      const between = /^\s*and\s*$/i.test(gap) && /\bbetween\s+$/i.test(lead);
      const fromTo = /^\s*(?:to|-|–)\s*$/i.test(gap);
      if (between || fromTo) {
        const start = between ? lead.search(/\bbetween\s+$/i) : a.start;
        out.push({
          ...a,
          start,
          end: b.end,
          text: sentence.slice(start, b.end),
          value: undefined,
          low: a.value,
          high: b.value,
          hedge: "range",
        });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** Every quantity (other than a date) stated in a sentence, in order. */
export function quantityMentions(sentence: string): Mention[] {
  const found: Mention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(sentence); m; m = rule.re.exec(sentence)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const made0 = rule.make(m, sentence);
      if (!made0) continue;
      const { made, end } = withRate(made0, sentence, start + m[0].length);
      const span = { start, end };
      if (found.some((f) => overlaps(f, span))) continue;
      if (!isFiniteMade(made)) continue;
      found.push({ ...made, ...span, text: sentence.slice(start, end), hedge: made.hedge ?? "exact" });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return joinRanges(sentence, found)
    .map((m) => bareRange(sentence, m))
    .map((m) => withHedge(sentence, m));
}

function isFiniteMade(m: Made): boolean {
  return [m.value, m.low, m.high].every((v) => v === undefined || Number.isFinite(v));
}

/** The hedge written before or after a quantity ("up to", "more than", "or more"), taken into its text. */
function withHedge(sentence: string, m: Mention): Mention {
  if (m.hedge === "range") return m;
  const before = hedgeBefore(sentence.slice(0, m.start), m.kind);
  const after = hedgeAfter(sentence.slice(m.end));
  const hedge = before?.hedge ?? after?.hedge ?? m.hedge;
  const start = before?.direct ? m.start - before.length : m.start;
  const end = after ? m.end + after.length : m.end;
  return { ...m, start, end, text: sentence.slice(start, end), hedge };
}
