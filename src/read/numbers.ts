/**
 * Numbers as reports write them: digits ("1,250", "1.25"), words ("twenty-five", "a", "ten"),
 * scale words and letters ("billion", "bn", "B"), and vague amounts ("several million",
 * "billions", "tens to hundreds of millions"), read to a value or a range.
 *
 * compromise's numbers plugin reads number words too, but weighs 148 kB gzipped in the web page
 * for what these few rules do; the vague amounts are our reading rules in any case.
 */

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** Scale words and letters after a number. Single letters are matched case-sensitively by callers. */
export const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  bln: 1e9,
  trillion: 1e12,
  tn: 1e12,
  t: 1e12,
};

/** "Several" and its kin as ranges of a count (several = 3 to 9, as a careful reader takes it). */
export const VAGUE_COUNTS: Record<string, [number, number]> = {
  several: [3, 9],
  "a few": [2, 5],
  few: [2, 5],
  "a couple of": [2, 3],
  "a handful of": [3, 9],
  many: [3, 99],
  dozens: [24, 99],
  "dozens of": [24, 99],
};

const WORD_NUMBER = String.raw`(?:(?:${TENS.slice(2).join("|")})(?:[- ](?:${ONES.slice(1, 10).join("|")}))?|${ONES.slice(1).join("|")})(?:\s+hundred)?`;

/** Digits with thousands separators and decimals, or a number in words. */
export const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|${WORD_NUMBER})`;

/** A scale word or letter; letters only straight after the number ("$5B", "$5 bn"). */
export const SCALE = `(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|[kKmMbBtT](?![a-zA-Z]))`;

/** An amount: a number with an optional scale ("5", "1.25 billion", "five million", "a billion", "several million"). */
export const AMOUNT = String.raw`(?:(?:${NUMBER}|half\s+an?|an?|several|a few|a couple of|a handful of)\s*-?\s*${SCALE}|${NUMBER})`;

/** Vague plural amounts: "billions", "tens of millions", "tens to hundreds of millions". */
export const PLURAL = String.raw`(?:(?:tens|hundreds)(?:\s+(?:to|or)\s+(?:tens|hundreds))?\s+of\s+)?(?:thousands|millions|billions|trillions)`;

function wordValue(w: string): number | undefined {
  const t = w.toLowerCase().trim();
  const hundred = /^(.*?)\s+hundred$/.exec(t);
  if (hundred) {
    const v = wordValue(hundred[1]!);
    return v === undefined ? undefined : v * 100;
  }
  const i = ONES.indexOf(t);
  if (i >= 0) return i;
  const [tens, ones] = t.split(/[- ]/);
  const ti = TENS.indexOf(tens ?? "");
  if (ti >= 2) {
    if (ones === undefined) return ti * 10;
    const oi = ONES.indexOf(ones);
    return oi >= 1 && oi <= 9 ? ti * 10 + oi : undefined;
  }
  return undefined;
}

/** A value, or a range for vague amounts. */
export type Amount = { value: number } | { low: number; high: number };

function scaleOf(s: string): number | undefined {
  // "M", "B", "T" and "k" are letters people write; "m" is also million ("$5m").
  return SCALES[s] ?? SCALES[s.toLowerCase()];
}

/**
 * Reads an amount matched by AMOUNT or PLURAL: "1.25 billion" -> 1.25e9, "twenty-five" -> 25,
 * "several million" -> 3e6 to 9e6, "billions" -> 2e9 to 999e9, "tens to hundreds of millions" ->
 * 1e7 to 999e6. Undefined when the text is no amount.
 */
export function readAmount(text: string): Amount | undefined {
  const t = text.trim().replace(/\s+/g, " ");
  const plural =
    /^(?:(tens|hundreds)(?: (?:to|or) (tens|hundreds))? of )?(thousands|millions|billions|trillions)$/i.exec(
      t,
    );
  if (plural) {
    const base = scaleOf(plural[3]!.toLowerCase().replace(/s$/, ""))!;
    const lowMul = plural[1] ? (plural[1].toLowerCase() === "tens" ? 10 : 100) : 2;
    const top = (plural[2] ?? plural[1])?.toLowerCase();
    const highMul = top === "tens" ? 99 : top === "hundreds" ? 999 : 999;
    return { low: lowMul * base, high: highMul * base };
  }
  const m = new RegExp(String.raw`^(.*?)\s*-?\s*(${SCALE})$`, "i").exec(t);
  const head = m ? m[1]! : t;
  const scale = m ? scaleOf(m[2]!) : 1;
  if (scale === undefined) return undefined;
  if (m && head === "") return undefined;
  const vague = VAGUE_COUNTS[head.toLowerCase()];
  if (vague) return { low: vague[0] * scale, high: vague[1] * scale };
  if (/^an?$/i.test(head)) return m ? { value: scale } : undefined;
  if (/^half an?$/i.test(head)) return m ? { value: scale / 2 } : undefined;
  if (/^[\d.,]+$/.test(head)) {
    const n = Number(head.replace(/,/g, ""));
    return Number.isFinite(n) ? { value: n * scale } : undefined;
  }
  const w = wordValue(head);
  return w === undefined ? undefined : { value: w * scale };
}
