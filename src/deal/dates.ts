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
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!)
    throw new InputError(`"${date}" is not a date`, { location, hint: "month 01-12, and a day that month has" });
  return y + ((month - 1) * 30.44 + day) / 365.25;
}
