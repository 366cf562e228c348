/**
 * Quantities as people write them ("5 GW", "$100 billion", "2.9 TB/s", "15T tokens") parsed to
 * plain numbers in SI base units: W, J, US$, FLOP, FLOP/s, bytes, bytes/s, seconds, tokens.
 *
 * No unit library fits: the general ones (mathjs, js-quantities) know neither money with scale
 * words nor tokens, and would not keep GB and GiB, or Gb/s and GB/s, as distinct as we need.
 */

/** What a quantity measures. Each kind has one SI base unit inside the engine. */
export type QuantityKind =
  | "power" // W
  | "energy" // J
  | "money" // US$
  | "moneyRate" // US$ per second
  | "moneyPerToken" // US$ per token
  | "energyPrice" // US$ per J, from "$0.08/kWh"
  | "moneyPerPower" // US$ per W, from "$11.7M/MW"
  | "compute" // FLOP
  | "computeRate" // FLOP/s
  | "bytes" // B
  | "bandwidth" // B/s
  | "time" // s
  | "tokens" // tokens
  | "count" // dimensionless
  | "fraction"; // dimensionless, from "45%"

/** A parse failure; `hint` says what was expected. */
export class QuantityError extends InputError {
  constructor(message: string, hint: string) {
    super(message, { hint });
    this.name = "QuantityError";
  }
}

import { InputError } from "../errors.js";

const SI: Record<string, number> = {
  "": 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Z: 1e21,
};
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
/** Scale words and letters for money, tokens and counts ("$5B", "16k", "1.2 million"). */
const SCALE: Record<string, number> = {
  "": 1,
  k: 1e3,
  K: 1e3,
  thousand: 1e3,
  M: 1e6,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  B: 1e9,
  b: 1e9,
  bn: 1e9,
  G: 1e9,
  billion: 1e9,
  T: 1e12,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
};

const HOUR = 3600;
const YEAR = 365.25 * 24 * HOUR;
const TIME: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  min: 60,
  minute: 60,
  minutes: 60,
  h: HOUR,
  hr: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: 24 * HOUR,
  day: 24 * HOUR,
  days: 24 * HOUR,
  week: 7 * 24 * HOUR,
  weeks: 7 * 24 * HOUR,
  month: YEAR / 12,
  months: YEAR / 12,
  y: YEAR,
  yr: YEAR,
  year: YEAR,
  years: YEAR,
};

/** Seconds in the Julian year used throughout (365.25 days). */
export const SECONDS_PER_YEAR = YEAR;
export const SECONDS_PER_HOUR = HOUR;

interface UnitMatch {
  kind: QuantityKind;
  factor: number;
}

/** Units with an SI prefix: the prefix letters that may precede each, and the kind. */
function prefixed(unit: string): UnitMatch | undefined {
  const tries: [RegExp, QuantityKind, number][] = [
    [/^([kMGTPE]?)W$/, "power", 1],
    [/^([kMGTP]?)Wh$/, "energy", HOUR],
    [/^([kMGTP]?)J$/, "energy", 1],
    [/^([kMGTPEZ]?)FLOP\/s$/i, "computeRate", 1],
    [/^([kMGTPEZ]?)FLOPS$/, "computeRate", 1],
    [/^([kMGTPEZ]?)FLOPs?$/i, "compute", 1],
    [/^([kMGTPE]?)B$/, "bytes", 1],
    [/^([kMGTPE]?)B\/s$/, "bandwidth", 1],
    [/^([kMGTP]?)bps$/, "bandwidth", 1 / 8],
    [/^([kMGTP]?)b\/s$/, "bandwidth", 1 / 8],
  ];
  for (const [re, kind, factor] of tries) {
    const m = re.exec(unit);
    if (m) {
      const p = m[1] ?? "";
      // "FLOP/s" prefixes are matched case-insensitively ("tflop/s"); restore the case.
      const scale = SI[p] ?? SI[p.toUpperCase()];
      if (scale === undefined) return undefined;
      return { kind, factor: factor * scale };
    }
  }
  const bin = /^(Ki|Mi|Gi|Ti|Pi)B(\/s)?$/.exec(unit);
  if (bin) return { kind: bin[2] ? "bandwidth" : "bytes", factor: BINARY[bin[1]!]! };
  return undefined;
}

const NUMBER = String.raw`[-+]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const MONEY_RE = new RegExp(String.raw`^(-)?\$\s*(${NUMBER})\s*([A-Za-z]*)\s*(?:(?:/|per\s+)(.+))?$`);
const PLAIN_RE = new RegExp(String.raw`^(${NUMBER})\s*(.*)$`);

function toNumber(text: string): number {
  return Number(text.replace(/[,_]/g, ""));
}

function scaleOf(word: string): number | undefined {
  return SCALE[word] ?? SCALE[word.toLowerCase()];
}

/** Per-what of a money rate: "h", "hour", "Mtok", "M tokens", "1M tokens", "token", "year", "kWh", "MW". */
function moneyDenominator(text: string): UnitMatch | undefined {
  const t = text.trim();
  const time = TIME[t] ?? TIME[t.toLowerCase()];
  if (time !== undefined) return { kind: "moneyRate", factor: 1 / time };
  const per = prefixed(t);
  if (per?.kind === "energy") return { kind: "energyPrice", factor: 1 / per.factor };
  if (per?.kind === "power") return { kind: "moneyPerPower", factor: 1 / per.factor };
  const tok = /^(\d*\.?\d*)\s*([A-Za-z]*?)\s*(?:tok|toks|token|tokens)$/i.exec(t);
  if (tok) {
    const n = tok[1] ? Number(tok[1]) : 1;
    const s = scaleOf(tok[2] ?? "");
    if (s === undefined || !(n > 0)) return undefined;
    return { kind: "moneyPerToken", factor: 1 / (n * s) };
  }
  return undefined;
}

/** A parsed quantity: `value` in the SI base unit of `kind`. */
export interface Quantity {
  value: number;
  kind: QuantityKind;
}

/**
 * Parses a quantity. With `expected`, a quantity of another kind is an error; a bare number
 * is then taken in the base unit of that kind ("0.9" for a fraction, "8192" for tokens).
 *
 * @example parseQuantity("5 GW") // { value: 5e9, kind: "power" }
 * @example parseQuantity("$0.50/Mtok") // { value: 5e-7, kind: "moneyPerToken" }
 */
export function parseQuantity(input: string | number, expected?: QuantityKind): Quantity {
  if (typeof input === "number") {
    if (expected && !UNITLESS.has(expected)) throw missingUnit(String(input), expected);
    return checked({ value: input, kind: expected ?? "count" }, String(input), expected);
  }
  const text = input.trim();
  if (text === "")
    throw new QuantityError("empty quantity", `write a number with its unit, e.g. ${example(expected)}`);
  const money = MONEY_RE.exec(text);
  if (money) {
    const scale = scaleOf(money[3] ?? "");
    if (scale === undefined) {
      throw new QuantityError(
        `unknown scale "${money[3]}" in "${text}"`,
        "use k, M, B, T or thousand, million, billion, trillion",
      );
    }
    const amount = (money[1] ? -1 : 1) * toNumber(money[2]!) * scale;
    if (!money[4]) return checked({ value: amount, kind: "money" }, text, expected);
    const per = moneyDenominator(money[4]);
    if (!per)
      throw new QuantityError(
        `unknown rate "/${money[4]}" in "${text}"`,
        "use $/h, $/year, $/Mtok, $/kWh or $/MW",
      );
    return checked({ value: amount * per.factor, kind: per.kind }, text, expected);
  }
  const plain = PLAIN_RE.exec(text);
  if (!plain)
    throw new QuantityError(
      `"${text}" is not a quantity`,
      `write a number with its unit, e.g. ${example(expected)}`,
    );
  const value = toNumber(plain[1]!);
  const rest = plain[2]!.trim();
  if (rest === "" && expected && !UNITLESS.has(expected)) throw missingUnit(text, expected);
  const unit = parseUnit(rest, expected);
  if (!unit) {
    throw new QuantityError(
      `unknown unit "${rest}" in "${text}"`,
      `expected ${expected ? `a ${describe(expected)} such as ${example(expected)}` : "a unit such as GW, TB/s, $B, ms or T tokens"}`,
    );
  }
  return checked({ value: value * unit.factor, kind: unit.kind }, text, expected);
}

/** Units after the number: "GW", "TFLOP/s", "T tokens", "k", "million homes", "%". */
/** Kinds a bare number may stand for; every other kind needs its unit written. */
const UNITLESS = new Set<QuantityKind>(["count", "tokens", "fraction"]);

function missingUnit(text: string, expected: QuantityKind): QuantityError {
  return new QuantityError(
    `"${text}" has no unit; expected a ${describe(expected)}`,
    `write it like ${example(expected)}`,
  );
}

function parseUnit(rest: string, expected?: QuantityKind): UnitMatch | undefined {
  if (rest === "") return { kind: expected ?? "count", factor: 1 };
  if (rest === "%") return { kind: "fraction", factor: 0.01 };
  const time = TIME[rest];
  if (time !== undefined) return { kind: "time", factor: time };
  const tokens = /^([A-Za-z]*?)\s*(?:tok|toks|token|tokens)$/.exec(rest);
  if (tokens) {
    const s = scaleOf(tokens[1] ?? "");
    return s === undefined ? undefined : { kind: "tokens", factor: s };
  }
  // Where a token count or a count is expected, "300B" is 300 billion, not 300 bytes.
  if ((expected === "tokens" || expected === "count") && scaleOf(rest) !== undefined) {
    return { kind: expected, factor: scaleOf(rest)! };
  }
  const pre = prefixed(rest);
  if (pre) return pre;
  // Counted things ("64 cores", "1.8 B params") where a count is expected.
  const counted = /^([A-Za-z]*?)\s*(cores|chips|GPUs|params|parameters|homes|households)$/.exec(rest);
  if (counted && (expected === undefined || expected === "count")) {
    const s = scaleOf(counted[1] ?? "");
    return s === undefined ? undefined : { kind: "count", factor: s };
  }
  const scale = scaleOf(rest);
  if (scale !== undefined) {
    // "16M" for a token budget means 16 million tokens; otherwise a plain count.
    return { kind: expected === "tokens" ? "tokens" : "count", factor: scale };
  }
  return undefined;
}

function checked(q: Quantity, text: string, expected?: QuantityKind): Quantity {
  if (!Number.isFinite(q.value))
    throw new QuantityError(`"${text}" is not a finite number`, "write a finite value");
  if (expected && q.kind !== expected) {
    // Counts accept plain numbers where a count-like kind is expected.
    const bare = q.kind === "count" && (expected === "tokens" || expected === "fraction");
    if (!bare) {
      throw new QuantityError(
        `"${text}" is a ${describe(q.kind)}, expected a ${describe(expected)}`,
        `write it like ${example(expected)}`,
      );
    }
    return { value: q.value, kind: expected };
  }
  return q;
}

const DESCRIPTION: Record<QuantityKind, [string, string]> = {
  power: ["power", "5 GW"],
  energy: ["energy", "43.8 TWh"],
  money: ["money amount", "$5B"],
  moneyRate: ["price per time", "$2.35/h"],
  moneyPerToken: ["price per token", "$0.50/Mtok"],
  energyPrice: ["price of energy", "$0.08/kWh"],
  moneyPerPower: ["cost per unit of power", "$11.7M/MW"],
  compute: ["compute amount", "3.8e25 FLOP"],
  computeRate: ["compute rate", "989 TFLOP/s"],
  bytes: ["size in bytes", "80 GB"],
  bandwidth: ["bandwidth", "3.35 TB/s"],
  time: ["duration", "90 days"],
  tokens: ["token count", "15T tokens"],
  count: ["count", "16,384"],
  fraction: ["fraction", "45%"],
};

/** The name of a kind, for messages ("bandwidth", "price per token"). */
export function describe(kind: QuantityKind): string {
  return DESCRIPTION[kind][0];
}

/** An example of a kind as people write it, for hints. */
export function example(kind?: QuantityKind): string {
  return kind ? DESCRIPTION[kind][1] : "5 GW";
}
