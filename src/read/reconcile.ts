/**
 * Reconciling reports: the terms of the deal (investment, total, commitment, power, dates, chip
 * facts) with the value each report gives, and the terms they disagree on.
 */
import { formatMoney, formatNumber, formatQuantity } from "../units/format.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import type { Conflict, ReadClaim, StatedValue, TermRow } from "./types.js";

const HEDGE_WORD: Record<ReadClaim["hedge"], string> = {
  exact: "",
  floor: "over ",
  ceiling: "up to ",
  approximate: "about ",
  range: "",
};

function one(v: number, c: Pick<ReadClaim, "kind" | "unit">): string {
  switch (c.kind) {
    case "money":
      return formatMoney(v);
    case "moneyRate":
      return c.unit === "USD/W/year"
        ? `${formatMoney(v * 1e9)} per GW-year`
        : `${formatMoney(v)}/${c.unit.split("/")[1]}`;
    case "time":
      return `${formatNumber(v / SECONDS_PER_YEAR, 3)} years`;
    case "power":
    case "energy":
    case "computeRate":
    case "bytes":
    case "bandwidth":
      return formatQuantity(v, c.kind);
    case "fraction":
      return `${formatNumber(v * 100, 3)}%`;
    default: {
      const noun =
        c.kind === "homes"
          ? " homes"
          : c.kind === "chips"
            ? " chips"
            : c.kind === "equivalent"
              ? ` ${c.unit}`
              : "";
      return `${formatQuantity(v, "count")}${noun}`;
    }
  }
}

/** A stated value for people, with its hedge: "up to $25B", "over $100B", "3M to 9M homes", "2023-12". */
export function showValue(c: Pick<ReadClaim, "kind" | "unit" | "hedge" | "value">): string {
  const v = c.value;
  if (typeof v === "string") return `${HEDGE_WORD[c.hedge]}${v}`;
  if (typeof v === "object")
    return `${one(v.low, c).replace(/ (homes|chips|years)$/, "")} to ${one(v.high, c)}`;
  return `${HEDGE_WORD[c.hedge]}${one(v, c)}`;
}

const LABELS: Record<string, string> = {
  "deal.tranches[].amount@latest": "investment now (latest round)",
  "deal.tranches[].amount@first": "first investment",
  "deal.latestRoundWithMilestones": "latest round with milestones",
  "deal.investment": "total invested",
  "deal.tranches[].date": "investment dates",
  "deal.tranches[].valuation": "valuation",
  "deal.commitments[].amount": "spend commitment",
  "deal.commitments[].years": "commitment term",
  "deal.pricePerGwYear": "implied price per GW-year",
  "capacity.power": "power",
  "capacity.chips": "chips",
  "capacity.homesUS": "US homes equivalent",
  "capacity.homesEU": "EU homes equivalent",
};

/** A term's label: "investment in 2023", "Trainium3 available". */
export function termLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const dated = /^deal\.tranches\[\]\.amount@(\d{4})$/.exec(key);
  if (dated) return `investment in ${dated[1]}`;
  const chip = /^chips\.([^.]+)\.(\w+)$/.exec(key);
  if (chip) return `${chip[1]} ${chip[2]}`;
  return key;
}

/** The term a claim speaks of, or undefined for what is not reconciled (vague, other deals, not modelled). */
export function termOf(c: ReadClaim): string | undefined {
  const a = c.about;
  if (!a || c.vague || a.startsWith("deals.") || a.startsWith("equivalent.") || a === "training.cost") return;
  if (a === "deal.tranches[].amount") {
    if (c.dated) return `${a}@${c.dated.slice(0, 4)}`;
    return `${a}@${/\b(?:initial|first)\b/i.test(c.sentence) ? "first" : "latest"}`;
  }
  return a;
}

function agree(a: StatedValue, b: StatedValue): boolean {
  if (typeof a === "string" || typeof b === "string") {
    const n = Math.min(String(a).length, String(b).length);
    return String(a).slice(0, n) === String(b).slice(0, n);
  }
  const near = (x: number, y: number) => Math.abs(x - y) <= 0.05 * Math.max(Math.abs(x), Math.abs(y));
  if (typeof a === "number" && typeof b === "number") return near(a, b);
  if (typeof a === "object" && typeof b === "object") return near(a.low, b.low) && near(a.high, b.high);
  return false;
}

/** The terms each report gives a value for, and those on which the values differ. */
export function reconcile(
  claims: readonly ReadClaim[],
  files: readonly string[],
): { terms: TermRow[]; conflicts: Conflict[] } {
  const byTerm = new Map<string, ReadClaim[]>();
  for (const c of claims) {
    const t = termOf(c);
    if (t) byTerm.set(t, [...(byTerm.get(t) ?? []), c]);
  }
  const terms: TermRow[] = [];
  const conflicts: Conflict[] = [];
  for (const [about, cs] of byTerm) {
    const groups: ReadClaim[][] = [];
    for (const c of cs) {
      const g = groups.find((x) => agree(x[0]!.value, c.value));
      if (g) g.push(c);
      else groups.push([c]);
    }
    const byFile: Record<string, string[]> = {};
    for (const f of files) {
      const shown = [...new Set(cs.filter((c) => c.file === f).map(showValue))];
      if (shown.length) byFile[f] = shown;
    }
    const label = termLabel(about);
    terms.push({ about, label, byFile, agree: groups.length === 1 });
    if (groups.length > 1)
      conflicts.push({
        about,
        label,
        // One row per report and value: a report that repeats a figure says it once here.
        values: groups.flatMap((g) =>
          g
            .filter((c, i) => g.findIndex((x) => x.file === c.file && showValue(x) === showValue(c)) === i)
            .map((c) => ({
              file: c.file,
              value: c.value,
              unit: c.unit,
              kind: c.kind,
              hedge: c.hedge,
              text: c.text,
              sentence: c.sentence,
            })),
        ),
      });
  }
  return { terms, conflicts };
}
