/**
 * Implied prices: a commitment, a capacity and a term stated in one report imply a price per
 * GW-year, checked against the prices the catalog's other deals imply (derived anchors: the
 * deals catalog records commitments and power, not prices).
 */
import { catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics } from "../catalog/economics.js";
import type { Source } from "../catalog/schema.js";
import { catalogDeal } from "../deal/index.js";
import { formatMoney, formatQuantity } from "../units/format.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { compare } from "./compare.js";
import type { ReadClaim } from "./types.js";

/** US$ per W-year each catalog deal's commitments imply over its committed power: annual spend / power. */
export function dealPriceAnchors(): { id: string; usdPerWYear: number; sources: string[] }[] {
  return dealsCatalog()
    .file.deals.map((e) => catalogDeal(e.id))
    .filter((d) => d.committedPowerW && d.commitments.length > 0)
    .map((d) => ({
      id: d.id,
      usdPerWYear: d.commitments.reduce((a, c) => a + c.amountUsd / c.years, 0) / d.committedPowerW!,
      sources: [...new Set([...d.commitments.flatMap((c) => c.sources), ...(d.committedPowerSources ?? [])])],
    }));
}

const perGwYear = (usdPerWYear: number) => `${formatMoney(usdPerWYear * 1e9)} per GW-year`;

/** The implied price per GW-year of each report that states a commitment, its term and the power. */
export function impliedPrices(claims: readonly ReadClaim[]): ReadClaim[] {
  const first = (about: string) =>
    claims.find((c) => c.about === about && typeof c.value === "number" && !c.vague);
  const amount = first("deal.commitments[].amount");
  const years = first("deal.commitments[].years");
  const power = first("capacity.power");
  if (!amount || !years || !power) return [];
  const y = (years.value as number) / SECONDS_PER_YEAR;
  const price = (amount.value as number) / y / (power.value as number);
  // A floor on spend over a ceiling on power is a floor on the price.
  const hedge =
    amount.hedge === "floor" || power.hedge === "ceiling"
      ? "floor"
      : amount.hedge === "ceiling"
        ? "ceiling"
        : "approximate";
  const anchors = dealPriceAnchors().filter((a) => a.id !== amount.deal);
  const base: ReadClaim = {
    ...amount,
    text: `${amount.text} / (${power.text} x ${years.text})`,
    value: price,
    unit: "USD/W/year",
    kind: "moneyRate",
    hedge,
    about: "deal.pricePerGwYear",
    derived: true,
    verdict: "unchecked",
    computation: "",
    sources: [],
  };
  if (anchors.length === 0)
    return [{ ...base, computation: "no catalog deal implies a price to compare with" }];
  const prices = anchors.map((a) => a.usdPerWYear);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const median = [...prices].sort((a, b) => a - b)[Math.floor(prices.length / 2)]!;
  const nearest = Math.min(Math.max(price, lo), hi);
  const r = compare(
    { ...base, value: price * 1e9, kind: "money" },
    nearest * 1e9,
    `the nearest price the catalog's other deals imply (${perGwYear(lo)} to ${perGwYear(hi)})`,
    [...new Set(anchors.flatMap((a) => a.sources))],
  );
  const total = median * (power.value as number) * y;
  const computation = `${formatMoney(amount.value as number)} / ${formatQuantity(power.value as number, "power")} / ${y} years = ${perGwYear(price)}; ${r.computation}; at their median (${perGwYear(median)}) ${formatQuantity(power.value as number, "power")} for ${y} years costs ${formatMoney(total)}`;
  return [
    {
      ...base,
      verdict: r.verdict,
      ...(r.off !== undefined ? { off: r.off } : {}),
      computation,
      sources: r.sources,
    },
  ];
}

/** Every source the catalogs know, by id (deals, economics, chips and systems). */
export function catalogSources(): ReadonlyMap<string, Source> {
  return new Map([...catalog().sources, ...economics().sources, ...dealsCatalog().sources]);
}
