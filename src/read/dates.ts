/**
 * Dates in reports: "February 2026", "Sept. 25, 2023", "2023-09-25" (chrono-node), bare years
 * with their qualifiers ("in 2023", "early 2023", "H2 2026", "by the end of 2026"), and months
 * without a year ("released in December"), placed by the report's own date.
 */
import { parse as chronoParse } from "chrono-node";
import type { Mention } from "./mentions.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** A month without a year is the latest one not after the report's date (the next one in future tense). */
function placeMonth(month: number, reference: { year: number; month: number }, future: boolean): number {
  if (future) return month >= reference.month ? reference.year : reference.year + 1;
  return month <= reference.month ? reference.year : reference.year - 1;
}

const MONTH_OR_ISO =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=[\s,]|$)|\b\d{4}-\d{2}|\b\d{1,2}\/\d{1,2}\/\d{2,4}/i;

/** What a written date has: digits or a month's name. */
const DATE_WORDS = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

const FUTURE = /\b(?:will|expected|planned|scheduled|due|set to|slated)\b/i;

const YEAR_RE =
  /(?<![$\d.,-])\b(?:(early|mid|late|the end of|end of|the start of|the beginning of|H[12]|Q[1-4]|the first half of|the second half of)[\s-]+)?((?:19[5-9]|20\d)\d)\b(?!\d|[,.]\d|\s*(?:%|[-\s](?:year|month|GW|MW|chips|homes|tokens)))/gi;

/** The report's date where the text does not give one: the latest full date it mentions, else its latest year. */
export function referenceDate(text: string): { year: number; month: number } | undefined {
  let best: { year: number; month: number } | undefined;
  const later = (d: { year: number; month: number }) =>
    !best || d.year > best.year || (d.year === best.year && d.month > best.month);
  for (const r of chronoParse(text, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 })) {
    const k = r.start;
    if (k.isCertain("year") && k.isCertain("month") && DATE_WORDS.test(r.text)) {
      const d = { year: k.get("year")!, month: k.get("month")! };
      if (later(d)) best = d;
    }
  }
  if (best) return best;
  for (const m of text.matchAll(YEAR_RE)) {
    const d = { year: Number(m[2]), month: 12 };
    if (d.year <= 2100 && later(d)) best = d;
  }
  return best;
}

/** The dates a sentence states, as mentions of kind "date" (value YYYY, YYYY-MM or YYYY-MM-DD). */
export function dateMentions(sentence: string, reference?: { year: number; month: number }): Mention[] {
  const ref = reference ?? { year: 2026, month: 1 };
  const found: Mention[] = [];
  const instant = new Date(Date.UTC(ref.year, ref.month - 1, 15));
  // chrono is the slow part of reading: only sentences with a month's name or a numeric date need it.
  const parsed = MONTH_OR_ISO.test(sentence) ? chronoParse(sentence, { instant, timezone: 0 }) : [];
  for (const r of parsed) {
    const k = r.start;
    // Weekdays alone ("Monday"), times and relative words ("now", "in 10 years") say no date.
    if (!k.isCertain("month") || !DATE_WORDS.test(r.text)) continue;
    const month = k.get("month")!;
    const year = k.isCertain("year")
      ? k.get("year")!
      : placeMonth(month, ref, FUTURE.test(sentence.slice(0, r.index)));
    const date = k.isCertain("day") ? `${year}-${pad(month)}-${pad(k.get("day")!)}` : `${year}-${pad(month)}`;
    const text = r.text.replace(/[\s,.;:]+$/, "");
    found.push({
      start: r.index,
      end: r.index + text.length,
      text,
      kind: "date",
      date,
      unit: "date",
      hedge: "exact",
      ...(k.isCertain("year") ? {} : { noun: "year inferred from the report's date" }),
    });
  }
  YEAR_RE.lastIndex = 0;
  for (const m of sentence.matchAll(YEAR_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    // "early 2023", "H2 2026", "by the end of 2026": a year, approximately.
    const q = m[1];
    found.push({
      start,
      end,
      text: m[0],
      kind: "date",
      date: m[2]!,
      unit: "date",
      hedge: q ? "approximate" : "exact",
    });
  }
  return found.sort((a, b) => a.start - b.start);
}
