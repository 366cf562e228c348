/**
 * Formatting for people, the one formatter of every surface (text, markdown, HTML, charts, the web
 * app and the catalog): the prefix or word and the significant digits a reader expects ("1.3
 * EFLOP/s", "$85.96/h", "4.1 million homes", "96 GiB", "1.5 quadrillion tokens").
 *
 * Every function has bounds past which it switches to scientific notation written for people
 * ("2.1 × 10²⁹ FLOP", never "2.1e+29" or a 30-digit number), so no input prints a 300-digit
 * number or "0.00000000000618 µs". Non-finite values read "n/a".
 */
import { type QuantityKind, SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "./quantity.js";

/** Options for formatting. */
export interface FormatOptions {
  /** Significant digits (default 3; 2 for compute and counts in words). */
  digits?: number;
}

/** Below this magnitude (and above zero) a plain number is written in scientific notation. */
const SMALLEST_PLAIN = 1e-4;
/** From this magnitude on, a plain number is written in scientific notation. */
const LARGEST_PLAIN = 1e15;

// Building an Intl.NumberFormat costs far more than using one: keep one per digit count.
const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const significant: Intl.NumberFormat[] = [];
function significantFormat(digits: number): Intl.NumberFormat {
  significant[digits] ??= new Intl.NumberFormat("en-US", { maximumSignificantDigits: digits });
  return significant[digits];
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Scientific notation for people: "2.1 × 10²⁹", "6.2 × 10⁻¹²". */
export function formatScientific(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x === 0) return "0";
  const [mantissa, exponent] = x.toExponential(Math.max(0, digits - 1)).split("e") as [string, string];
  const m = String(Number(mantissa));
  const e = String(Number(exponent))
    .replace("-", "⁻")
    .replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
  return `${m} × 10${e}`;
}

/**
 * A number with at most `digits` significant digits, grouped ("16,384", "0.0012", "1.3"), in
 * scientific notation below 0.0001 and from a quadrillion on.
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= LARGEST_PLAIN || a < SMALLEST_PLAIN) return formatScientific(x, digits);
  // Integers that fit in the digits stay exact; others are rounded to significant digits.
  if (Number.isInteger(x) && a < 10 ** Math.max(digits, 5)) return grouped.format(x);
  return significantFormat(digits).format(x);
}

const PREFIXES: [number, string][] = [
  [1e21, "Z"],
  [1e18, "E"],
  [1e15, "P"],
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
  [1, ""],
  [1e-3, "m"],
  [1e-6, "µ"],
  [1e-9, "n"],
];

/** Options for SI prefixes. */
export interface SIOptions extends FormatOptions {
  /** The largest prefix's scale to use (default 1e21, Z); above it, scientific notation. */
  largest?: number;
  /** The smallest prefix's scale to use (default 1e-9, n); below it, scientific notation. */
  smallest?: number;
}

/** `value` in `unit` with an SI prefix chosen to keep the mantissa in [1, 1000). */
export function formatSI(value: number, unit: string, opts: SIOptions = {}): string {
  const digits = opts.digits ?? 3;
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return `0 ${unit}`;
  const a = Math.abs(value);
  const largest = opts.largest ?? 1e21;
  const smallest = opts.smallest ?? 1e-9;
  for (const [scale, prefix] of PREFIXES) {
    if (scale > largest || scale < smallest) continue;
    // Compare the rounded mantissa: rounding may carry to 1000 ("999.96 W" -> "1 kW").
    const rounded = Number((a / scale).toPrecision(digits));
    if (rounded >= 1000) break; // beyond the largest prefix
    if (rounded >= 1) return `${formatNumber(value / scale, digits)} ${prefix}${unit}`;
  }
  return `${formatScientific(value, digits)} ${unit}`;
}

const BINARY_PREFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];

/** Bytes in decimal (GB) or binary (GiB) units: the two are never mixed. */
export function formatBytes(bytes: number, opts: FormatOptions & { binary?: boolean } = {}): string {
  if (!opts.binary) return formatSI(bytes, "B", { ...opts, smallest: 1 });
  if (!Number.isFinite(bytes)) return "n/a";
  if (bytes === 0) return "0 B";
  const i = Math.max(0, Math.min(BINARY_PREFIXES.length - 1, Math.floor(Math.log2(Math.abs(bytes)) / 10)));
  return `${formatNumber(bytes / 1024 ** i, opts.digits ?? 3)} ${BINARY_PREFIXES[i]}B`;
}

const WORDS: [number, string][] = [
  [1e15, "quadrillion"],
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];

/** A count in words where it is large ("4.1 million homes", "16,384 chips", "1.5 quadrillion tokens"). */
export function formatCount(n: number, noun = "", opts: FormatOptions = {}): string {
  const suffix = noun ? ` ${noun}` : "";
  if (!Number.isFinite(n)) return `n/a${suffix}`;
  const a = Math.abs(n);
  const digits = opts.digits ?? 2;
  for (const [scale, word] of WORDS) {
    const rounded = Number((a / scale).toPrecision(digits));
    if (rounded >= 1000) break; // beyond the largest word
    if (rounded >= 1) return `${formatNumber(n / scale, digits)} ${word}${suffix}`;
  }
  if (a >= 1e6) return `${formatScientific(n, digits)}${suffix}`;
  return `${formatNumber(a >= 100 ? Math.round(n) : n, opts.digits ?? 3)}${suffix}`;
}

const MONEY_SCALES: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "k"],
];

/**
 * Money: "$5B", "$1.25B", "$15.8k", "$7,887", "$85.96", "$0.0031"; scientific notation from a
 * quadrillion dollars on and below a millionth of a dollar.
 */
export function formatMoney(usd: number, opts: FormatOptions = {}): string {
  if (!Number.isFinite(usd)) return "n/a";
  if (usd === 0) return "$0";
  const sign = usd < 0 ? "-" : "";
  const a = Math.abs(usd);
  const digits = opts.digits ?? 3;
  if (a >= 1e15 || a < 1e-6) return `${sign}$${formatScientific(a, digits)}`;
  for (const [scale, letter] of MONEY_SCALES) {
    // Thousands in thousands only from $10k: "$7,887" reads better than "$7.89k".
    if (Number((a / scale).toPrecision(digits)) >= (scale === 1e3 ? 10 : 1))
      return `${sign}$${formatNumber(a / scale, digits)}${letter}`;
  }
  if (a >= 1000) return `${sign}$${grouped.format(a)}`;
  // Cents are shown for amounts a person pays ("$85.96", not "$40.00"), more digits below a dime.
  if (a >= 0.1) return `${sign}$${a.toFixed(2).replace(/\.00$/, "")}`;
  return `${sign}$${formatNumber(a, digits)}`;
}

/**
 * A duration in the unit a person would choose: "2.3 ms", "45 s", "3.2 h", "41 days", "2.1 years",
 * "1.2 million years"; scientific seconds below a nanosecond.
 */
export function formatDuration(seconds: number, opts: FormatOptions = {}): string {
  const d = opts.digits ?? 3;
  const a = Math.abs(seconds);
  if (!Number.isFinite(seconds)) return "n/a";
  if (a === 0) return "0 s";
  if (a < 1e-9) return `${formatScientific(seconds, d)} s`;
  if (a < 1e-6) return `${formatNumber(seconds * 1e9, d)} ns`;
  if (a < 1e-3) return `${formatNumber(seconds * 1e6, d)} µs`;
  if (a < 1) return `${formatNumber(seconds * 1e3, d)} ms`;
  if (a < 120) return `${formatNumber(seconds, d)} s`;
  if (a < 2 * SECONDS_PER_HOUR) return `${formatNumber(seconds / 60, d)} min`;
  if (a < 72 * SECONDS_PER_HOUR) return `${formatNumber(seconds / SECONDS_PER_HOUR, d)} h`;
  if (a < SECONDS_PER_YEAR) return `${formatNumber(seconds / 86400, d)} days`;
  return formatCount(seconds / SECONDS_PER_YEAR, "years", { digits: d });
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
      return `${formatMoney(value * 1e6, opts)}/M tokens`;
    case "energyPrice":
      return `${formatMoney(value * SECONDS_PER_HOUR * 1e3, { digits: 4, ...opts })}/kWh`;
    case "moneyPerPower":
      return `${formatMoney(value * 1e6, opts)}/MW`;
    case "compute":
      // Training compute is written in powers of ten in the field ("3.8 × 10²⁵ FLOP").
      return formatSI(value, "FLOP", { digits: 2, largest: 1e18, ...opts });
    case "computeRate":
      return formatSI(value, "FLOP/s", { digits: 2, ...opts });
    case "bytes":
      return formatBytes(value, opts);
    case "bandwidth":
      return formatSI(value, "B/s", { smallest: 1, ...opts });
    case "time":
      return formatDuration(value, opts);
    case "tokens":
      return formatCount(value, "tokens", opts);
    case "count":
      return formatCount(value, "", opts);
    case "fraction":
      return `${formatNumber(value * 100, opts.digits ?? 3)}%`;
  }
}

/**
 * How a value is shown: its kind (values in the kind's SI unit) and what follows the number
 * ("/M tokens", " tokens/s"). Reports, charts and the web app format values through one Measure.
 */
export interface Measure {
  kind: QuantityKind;
  /** Text after the formatted value ("/chip-hour" after "$1.44"). */
  suffix?: string;
  /** Significant digits (default: the kind's). */
  digits?: number;
}

/** A value in a measure ("$56.2/M tokens", "22.3 tokens/s", "4.1 million"). */
export function formatMeasure(value: number, m: Measure, opts: FormatOptions = {}): string {
  const text = formatQuantity(value, m.kind, { ...(m.digits ? { digits: m.digits } : {}), ...opts });
  return m.suffix && text !== "n/a" ? `${text}${m.suffix}` : text;
}
