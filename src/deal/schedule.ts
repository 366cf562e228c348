/**
 * Commitments over the years of a deal: the schedule each one follows (flat, rising, or with the
 * capacity online), the take-or-pay floor it sets, and the cap an "up to" sets.
 */
import type { Commitment } from "./types.js";

/** Per year of the deal (index 0 = its first year), US$. */
export interface Schedule {
  scheduled: number[];
  /** The take-or-pay floor: spend below it is paid anyway. */
  floor: number[];
  /** The most the lab may spend under capped commitments (Infinity where none caps it). */
  cap: number[];
  notes: string[];
}

/** Spreads each commitment over its years by its shape; `powerByYear` weights "follow-capacity". */
export function commitmentSchedule(
  commitments: readonly Commitment[],
  years: readonly number[],
  powerByYear: readonly number[],
): Schedule {
  const scheduled = years.map(() => 0);
  const floor = years.map(() => 0);
  const capped = years.map(() => 0);
  const uncapped = years.map(() => true);
  const covered = years.map(() => false);
  const notes: string[] = [];
  for (const c of commitments) {
    if (c.status === "estimate") continue;
    const idx = years
      .map((_, i) => i)
      .filter((i) => years[i]! >= c.startYear && years[i]! < c.startYear + c.years);
    let w = idx.map((i, k) =>
      c.shape === "linear" ? k + 1 : c.shape === "follow-capacity" ? powerByYear[i]! : 1,
    );
    if (w.reduce((s, x) => s + x, 0) <= 0) {
      w = idx.map(() => 1);
      notes.push(
        `a commitment follows capacity but none is online in ${c.startYear}-${c.startYear + c.years - 1}; spread flat`,
      );
    }
    const sum = w.reduce((s, x) => s + x, 0);
    idx.forEach((i, k) => {
      const share = w[k]! / sum;
      scheduled[i]! += c.amountUsd * share;
      floor[i]! += c.takeOrPay * c.amountUsd * share;
      if (!covered[i]) uncapped[i] = c.capUsd === undefined;
      else if (c.capUsd === undefined) uncapped[i] = true;
      covered[i] = true;
      if (c.capUsd !== undefined) capped[i]! += c.capUsd * share;
    });
  }
  const cap = years.map((_, i) => (covered[i] && !uncapped[i] ? capped[i]! : Number.POSITIVE_INFINITY));
  return { scheduled, floor, cap, notes };
}
