/**
 * Formatting for people: the prefix and the significant digits a reader expects
 * ("1.3 EFLOP/s", "$85.96/h", "4.1 million homes", "96 GiB").
 */
import { type QuantityKind, SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "./quantity.js";

const PREFIXES = ["", "k", "M", "G", "T", "P", "E", "Z"];

/** Options for formatting. */
export interface FormatOptions {
  /** Significant digits (default 3; 2 for compute and counts in words). */
  digits?: number;
}

// Building an Intl.NumberFormat costs far more than using one: keep one per digit count.
const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const significant: Intl.NumberFormat[] = [];
function significantFormat(digits: number): Intl.NumberFormat {
  significant[digits] ??= new Intl.NumberFormat("en-US", { maximumSignificantDigits: digits });
  return significant[digits];
}

/** A number with at most `digits` significant digits, grouped ("16,384", "0.0012", "1.3"). */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x === 0) return "0";
  // Integers that fit in the digits stay exact; others are rounded to significant digits.
  if (Number.isInteger(x) && Math.abs(x) < 10 ** Math.max(digits, 5)) return grouped.format(x);
  return significantFormat(digits).format(x);
}

/** `value` in `unit` with an SI prefix chosen to keep the mantissa in [1, 1000). */
export function formatSI(value: number, unit: string, opts: FormatOptions = {}): string {
  const digits = opts.digits ?? 3;
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return `0 ${unit}`;
  let i = Math.floor(Math.log10(Math.abs(value)) / 3);
  i = Math.max(0, Math.min(PREFIXES.length - 1, i));
  let mantissa = value / 1000 ** i;
  // Rounding may carry to 1000 ("999.96 W" -> "1.00 kW").
  if (Math.abs(Number(mantissa.toPrecision(digits))) >= 1000 && i < PREFIXES.length - 1) {
    i += 1;
    mantissa = value / 1000 ** i;
  }
  // Past the last prefix, scientific notation reads better than "210,000,000 ZFLOP".
  if (Math.abs(mantissa) >= 1000) return `${value.toExponential(digits - 1)} ${unit}`;
  return `${formatNumber(mantissa, digits)} ${PREFIXES[i]}${unit}`;
}

const BINARY_PREFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];

/** Bytes in decimal (GB) or binary (GiB) units: the two are never mixed. */
export function formatBytes(bytes: number, opts: FormatOptions & { binary?: boolean } = {}): string {
  if (!opts.binary) return formatSI(bytes, "B", opts);
  if (bytes === 0) return "0 B";
  const i = Math.max(0, Math.min(BINARY_PREFIXES.length - 1, Math.floor(Math.log2(Math.abs(bytes)) / 10)));
  return `${formatNumber(bytes / 1024 ** i, opts.digits ?? 3)} ${BINARY_PREFIXES[i]}B`;
}

const WORDS: [number, string][] = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];

/** A count in words where it is large ("4.1 million homes", "16,384 chips"). */
export function formatCount(n: number, noun = "", opts: FormatOptions = {}): string {
  const suffix = noun ? ` ${noun}` : "";
  if (Math.abs(n) >= 1e15) return `${n.toExponential((opts.digits ?? 2) - 1)}${suffix}`;
  for (const [scale, word] of WORDS) {
    if (Math.abs(n) >= scale) return `${formatNumber(n / scale, opts.digits ?? 2)} ${word}${suffix}`;
  }
  return `${formatNumber(Math.abs(n) >= 100 ? Math.round(n) : n, opts.digits ?? 3)}${suffix}`;
}

const MONEY_SCALES: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "k"],
];

/** Money: "$5.0B", "$85.96", "$0.0031". */
export function formatMoney(usd: number, opts: FormatOptions = {}): string {
  if (!Number.isFinite(usd)) return "n/a";
  const sign = usd < 0 ? "-" : "";
  const a = Math.abs(usd);
  for (const [scale, letter] of MONEY_SCALES) {
    if (a >= scale * 10 || (scale >= 1e6 && a >= scale)) {
      return `${sign}$${formatNumber(a / scale, opts.digits ?? 3)}${letter}`;
    }
  }
  // Cents are shown for amounts a person pays ("$85.96"), more digits below a dollar.
  if (a >= 0.1) return `${sign}$${a.toFixed(2)}`;
  return `${sign}$${formatNumber(a, opts.digits ?? 3)}`;
}

/** A duration in the unit a person would choose: "2.3 ms", "45 s", "3.2 h", "41 days", "2.1 years". */
export function formatDuration(seconds: number, opts: FormatOptions = {}): string {
  const d = opts.digits ?? 3;
  const a = Math.abs(seconds);
  if (!Number.isFinite(seconds)) return "n/a";
  if (a === 0) return "0 s";
  if (a < 1e-3) return `${formatNumber(seconds * 1e6, d)} µs`;
  if (a < 1) return `${formatNumber(seconds * 1e3, d)} ms`;
  if (a < 120) return `${formatNumber(seconds, d)} s`;
  if (a < 2 * SECONDS_PER_HOUR) return `${formatNumber(seconds / 60, d)} min`;
  if (a < 72 * SECONDS_PER_HOUR) return `${formatNumber(seconds / SECONDS_PER_HOUR, d)} h`;
  if (a < SECONDS_PER_YEAR) return `${formatNumber(seconds / 86400, d)} days`;
  return `${formatNumber(seconds / SECONDS_PER_YEAR, d)} years`;
}

/** A quantity of a kind, in SI base units, formatted for people. */
export function formatQuantity(value: number, kind: QuantityKind, opts: FormatOptions = {}): string {
  switch (kind) {
    case "power":
      return formatSI(value, "W", opts);
    case "energy":
      return formatSI(value / SECONDS_PER_HOUR, "Wh", opts);
    case "money":
      return formatMoney(value, opts);
    case "moneyRate":
      return `${formatMoney(value * SECONDS_PER_HOUR, { digits: 4, ...opts })}/h`;
    case "moneyPerToken":
      return `${formatMoney(value * 1e6, opts)}/Mtok`;
    case "energyPrice":
      return `${formatMoney(value * SECONDS_PER_HOUR * 1e3, { digits: 4, ...opts })}/kWh`;
    case "moneyPerPower":
      return `${formatMoney(value * 1e6, opts)}/MW`;
    case "compute":
      return formatSI(value, "FLOP", { digits: 2, ...opts });
    case "computeRate":
      return formatSI(value, "FLOP/s", { digits: 2, ...opts });
    case "bytes":
      return formatBytes(value, opts);
    case "bandwidth":
      return formatSI(value, "B/s", opts);
    case "time":
      return formatDuration(value, opts);
    case "tokens":
      return formatCount(value, "tokens", opts).replace(
        / (trillion|billion|million) tokens$/,
        (_m, w: string) => `${w[0]!.toUpperCase()} tokens`,
      );
    case "count":
      return formatCount(value, "", opts);
    case "fraction":
      return `${formatNumber(value * 100, opts.digits ?? 3)}%`;
  }
}
