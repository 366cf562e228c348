/** Dates of deal terms as decimal years. */
import { InputError } from "../errors.js";

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A date "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a decimal year (YYYY alone is mid-year). */
export function decimalYear(date: string, location = "date"): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m)
    throw new InputError(`"${date.slice(0, 40)}" is not a date`, {
      location,
      hint: "write YYYY, YYYY-MM or YYYY-MM-DD",
    });
  const y = Number(m[1]);
  if (m[2] === undefined) return y + 0.5;
  const month = Number(m[2]);
  const day = m[3] === undefined ? 15 : Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (month < 1 || month > 12 || day < 1 || day > days)
    throw new InputError(`"${date}" is not a date`, {
      location,
      hint: "month 01-12, and a day that month has",
    });
  // Midnight at the start of the day, as a fraction of that calendar year (Date.UTC is pure).
  const start = Date.UTC(y, 0, 1);
  return y + (Date.UTC(y, month - 1, day) - start) / (Date.UTC(y + 1, 0, 1) - start);
}

/** A decimal year as "YYYY-MM" (the month it falls in). */
export function monthOf(t: number): string {
  const y = Math.floor(t + 1e-9);
  const m = Math.min(12, Math.floor((t - y) * 12 + 1e-6) + 1);
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** A window of decimal years as months: "2027-01 to 2028-12", or one month. */
export function monthSpan(from: number, to: number): string {
  if (!Number.isFinite(from)) return "after the deal";
  return monthOf(from) === monthOf(to) ? monthOf(from) : `${monthOf(from)} to ${monthOf(to)}`;
}
