/**
 * Traceable numbers: every capacity and deal output carries the arithmetic that produced it and
 * the ids of the sources behind its inputs, so a reader can redo it by hand and check the sources.
 */
import { formatMoney, formatNumber, formatQuantity } from "./format.js";
import type { QuantityKind } from "./quantity.js";

/**
 * What a value measures: a quantity kind, or one of the economics units the quantity parser does
 * not cover (US$ per joule of electricity, US$ per watt of capacity, plain ratios such as PUE).
 */
export type ValueKind =
  | QuantityKind
  | "usdPerJ"
  | "usdPerW"
  | "usdPerWYear"
  | "ratio"
  | "usdPerChipHour"
  | "percentPerYear";

/** An input as used: its value in SI units, where it came from, and its sources. */
export interface InputValue {
  value: number;
  kind: ValueKind;
  /** "economics.pue", "chips.trainium2.tdp", or "stated" for a value the caller gave. */
  from: string;
  /** Source ids (from the catalog's `sources` maps); empty for stated values and assumptions. */
  sources: string[];
  note?: string;
}

/** An output: its value, the arithmetic that gives it, and the sources behind it. */
export interface Traced {
  value: number;
  kind: ValueKind;
  /** The arithmetic with the numbers filled in ("5 GW x 8,766 h / 10,715 kWh = 4.09 million"). */
  formula: string;
  /** Source ids behind the inputs of the arithmetic. */
  sources: string[];
}

/** Formats a value of a kind for a formula. */
export function fmt(value: number, kind: ValueKind): string {
  switch (kind) {
    case "usdPerJ":
      return `${formatMoney(value * 3.6e6, { digits: 3 })}/kWh`;
    case "usdPerWYear":
      return `${formatMoney(value * 1e9)} per GW-year`;
    case "usdPerW":
      return `${formatMoney(value * 1e6)}/MW`;
    case "ratio":
      return formatNumber(value, 3);
    case "usdPerChipHour":
      return `${formatMoney(value)}/chip-hour`;
    case "percentPerYear":
      return `${formatNumber(value * 100, 3)}%/year`;
    default:
      return formatQuantity(value, kind);
  }
}

/**
 * A traced output from its formula and the inputs (or traced values) it used. The formula is
 * built only when read: a Monte Carlo evaluates thousands of samples whose arithmetic nobody
 * reads, and formatting numbers costs more than the arithmetic.
 */
export function traced(
  value: number,
  kind: ValueKind,
  formula: () => string,
  from: readonly { sources: readonly string[] }[],
): Traced {
  if (!Number.isFinite(value)) throw new Error(`capacity: non-finite output in "${formula()}"`);
  let text: string | undefined;
  let sources: string[] | undefined;
  return {
    value,
    kind,
    get formula() {
      text ??= `${formula()} = ${fmt(value, kind)}`;
      return text;
    },
    get sources() {
      sources ??= [...new Set(from.flatMap((f) => f.sources))];
      return sources;
    },
  };
}

/** A stated (caller-given) input. */
export function stated(value: number, kind: ValueKind, note?: string): InputValue {
  return { value, kind, from: "stated", sources: [], note };
}
