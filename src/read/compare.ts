/**
 * The one comparison of a stated value with a true one, shared by every check of `gigawatt read`:
 * the scenario claims' (src/scenario/claims.ts), so a verdict means the same everywhere.
 */
import { catalog } from "../catalog/catalog.js";
import { checkClaims, type Verdict } from "../scenario/claims.js";
import type { Claim } from "../scenario/schema.js";
import type { QuantityKind } from "../units/quantity.js";
import type { ReadClaim } from "./types.js";

/** A verdict with its arithmetic and sources. */
export interface Check {
  verdict: Verdict;
  off?: number;
  computation: string;
  sources: string[];
  /** A better reading of what the claim is about, found by the check (a round quoted with its milestones). */
  about?: string;
  /** The date of the one catalog tranche a tranche amount was compared with. */
  tranche?: string;
}

/** No verdict, and why. */
export const unchecked = (why: string): Check => ({ verdict: "unchecked", computation: why, sources: [] });

const KIND: Partial<Record<ReadClaim["kind"], QuantityKind>> = {
  money: "money",
  power: "power",
  energy: "energy",
  time: "time",
  homes: "count",
  chips: "count",
  equivalent: "count",
  fraction: "fraction",
  computeRate: "computeRate",
  bytes: "bytes",
  bandwidth: "bandwidth",
};

/** The claim's stated value as a scenario claim's expectation, read by its hedge. */
function expected(c: ReadClaim, kind: QuantityKind): Claim["expected"] {
  const q = (value: number) => ({ value, kind });
  if (typeof c.value === "object") return { low: q(c.value.low), high: q(c.value.high) };
  const v = c.value as number;
  if (c.hedge === "floor") return { low: q(v) };
  if (c.hedge === "ceiling") return { high: q(v) };
  return q(v);
}

/** Compares a stated value with a true one through the scenario claims' check. */
export function compare(c: ReadClaim, truth: number, what: string, sources: string[]): Check {
  const kind = KIND[c.kind] ?? "count";
  const claim: Claim = {
    id: "read",
    text: c.text,
    sources: [c.file],
    output: what,
    expected: expected(c, kind),
    tolerance: c.hedge === "approximate" ? 0.1 : 0.05,
  };
  const [r] = checkClaims([claim], { [what]: { value: truth } }, catalog());
  return { verdict: r!.verdict, off: r!.off, computation: r!.computation, sources };
}
