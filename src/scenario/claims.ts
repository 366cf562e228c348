/**
 * Checking the quantitative claims of news reports against what the scenario computes or what
 * the catalog records. Each verdict keeps the computation behind it.
 */
import type { Catalog } from "../catalog/catalog.js";
import { formatQuantity } from "../units/format.js";
import { describe, example, type Quantity, type QuantityKind, SECONDS_PER_HOUR } from "../units/quantity.js";
import { OUTPUTS } from "./outputs.js";
import type { Claim } from "./schema.js";

export type Verdict = "holds" | "off" | "contradicted" | "unchecked";

/** An output's value and, after a Monte Carlo, its p5-p95 range. */
export interface OutputValue {
  value: number;
  p5?: number;
  p95?: number;
}

export interface ClaimResult {
  id: string;
  text: string;
  sources: string[];
  verdict: Verdict;
  /** How far off, as a fraction of the expected value (or months for dates). */
  off?: number;
  /** The computation behind the verdict, for a person to redo. */
  computation: string;
}

/** Relative differences at or beyond this are "contradicted" rather than "off". */
const CONTRADICTED = 0.5;

function months(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return y! * 12 + ((m ?? 1) - 1);
}

function checkDate(claim: Claim, cat: Catalog): ClaimResult {
  const [chipName, field] = claim.catalog!.split(/\.(?=announced$|available$)/) as [
    string,
    "announced" | "available",
  ];
  const base = { id: claim.id, text: claim.text, sources: claim.sources };
  const chip = cat.chips.find(chipName);
  const fact = chip?.entry[field];
  if (!fact)
    return {
      ...base,
      verdict: "unchecked",
      computation: `the catalog has no ${field} date for "${chipName}"`,
    };
  const expected = String(claim.expected);
  // Compare at the precision both give (a year, or a month).
  const precise = Math.min(expected.split("-").length, fact.value.split("-").length);
  const a = fact.value.split("-").slice(0, precise).join("-");
  const b = expected.split("-").slice(0, precise).join("-");
  const diff = precise >= 2 ? months(a) - months(b) : (Number(a) - Number(b)) * 12;
  const computation = `catalog: ${chip!.name} ${field} ${fact.value} [${fact.sources.join(", ")}]; claim: ${expected}`;
  if (diff === 0) return { ...base, verdict: "holds", off: 0, computation };
  const years =
    Math.abs(diff) >= 12
      ? `${(Math.abs(diff) / 12).toFixed(diff % 12 === 0 ? 0 : 1)} years`
      : `${Math.abs(diff)} months`;
  return {
    ...base,
    verdict: Math.abs(diff) >= 12 ? "contradicted" : "off",
    off: diff,
    computation: `${computation}; off by ${years}`,
  };
}

function show(q: Quantity): string {
  return formatQuantity(q.value, q.kind);
}

/** The kind of an output in SI units: a TCO per chip-hour compares as a price per time. */
function outputKind(name: string): QuantityKind | undefined {
  if (!Object.hasOwn(OUTPUTS, name)) return undefined;
  const k = OUTPUTS[name]!.kind;
  return k === "usdPerHour" ? "moneyRate" : k;
}

/**
 * Why a claim's expected value cannot be compared with its output (a date, or a quantity of
 * another kind: "13 GW" for a dollar amount), or undefined. A bare number is a count, which
 * compares with counts, token counts and fractions.
 */
export function claimKindProblem(claim: Claim): { message: string; hint: string } | undefined {
  const want = claim.output === undefined ? undefined : outputKind(claim.output);
  if (want === undefined) return undefined;
  const exp = claim.expected;
  if (typeof exp === "string")
    return {
      message: `a date cannot be compared with ${claim.output}`,
      hint: `write a ${describe(want)}, e.g. ${example(want)}`,
    };
  // A range, a floor ({low}) or a ceiling ({high}): each bound it gives.
  const bounds = "kind" in exp ? [exp] : [exp.low, exp.high].filter((q): q is Quantity => q !== undefined);
  const kind = bounds[0]!.kind;
  const other = bounds.find((b) => b.kind !== kind);
  const bare = kind === "count" && (want === "tokens" || want === "fraction");
  if (!other && (kind === want || bare)) return undefined;
  return {
    message: `the expected value is a ${describe(other ? other.kind : kind)}, but ${claim.output} is a ${describe(want)}`,
    hint: `write it like ${example(want)}`,
  };
}

function checkOutput(claim: Claim, outputs: Record<string, OutputValue>): ClaimResult {
  const base = { id: claim.id, text: claim.text, sources: claim.sources };
  const given = Object.hasOwn(outputs, claim.output!) ? outputs[claim.output!] : undefined;
  // Outputs are in SI units but for TCO per chip-hour, in US$ per hour.
  const perHour = OUTPUTS[claim.output!]?.kind === "usdPerHour" && Object.hasOwn(OUTPUTS, claim.output!);
  const si = (v: number | undefined) => (v !== undefined && perHour ? v / SECONDS_PER_HOUR : v);
  const out = given && { value: si(given.value)!, p5: si(given.p5), p95: si(given.p95) };
  if (!out)
    return {
      ...base,
      verdict: "unchecked",
      computation: `the scenario computes no output "${claim.output}"`,
    };
  const exp = claim.expected as Quantity | { low?: Quantity; high?: Quantity };
  const kind = "kind" in exp ? exp.kind : (exp.low ?? exp.high)!.kind;
  const got = formatQuantity(out.value, kind);
  const range =
    out.p5 !== undefined && out.p95 !== undefined
      ? ` (p5-p95 ${formatQuantity(out.p5, kind)} to ${formatQuantity(out.p95, kind)})`
      : "";
  let off: number;
  let wanted: string;
  if (!("kind" in exp)) {
    const { low, high } = exp;
    wanted =
      low && high
        ? `between ${show(low)} and ${show(high)}`
        : low
          ? `at least ${show(low)}`
          : `at most ${show(high!)}`;
    off =
      low && out.value < low.value
        ? (out.value - low.value) / low.value
        : high && out.value > high.value
          ? (out.value - high.value) / high.value
          : 0;
  } else {
    wanted = show(exp);
    off = exp.value === 0 ? out.value : (out.value - exp.value) / Math.abs(exp.value);
  }
  const computation = `${claim.output} = ${got}${range}; claim: ${wanted}`;
  const a = Math.abs(off);
  const verdict: Verdict = a <= claim.tolerance ? "holds" : a < CONTRADICTED ? "off" : "contradicted";
  const by = verdict === "holds" ? "" : `; off by ${(off * 100).toFixed(0)}%`;
  return { ...base, verdict, off, computation: `${computation}${by}` };
}

/** Checks every claim against the outputs of an evaluation and the catalog. */
export function checkClaims(
  claims: readonly Claim[],
  outputs: Record<string, OutputValue>,
  cat: Catalog,
): ClaimResult[] {
  return claims.map((c) => (c.catalog ? checkDate(c, cat) : checkOutput(c, outputs)));
}
