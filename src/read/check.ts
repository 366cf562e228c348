/**
 * Checks that need no scenario: a report's claims against the catalog (its deals, chips,
 * economics and equivalents) and physics, and against the report's own arithmetic.
 */
import type { Catalog } from "../catalog/catalog.js";
import { economics } from "../catalog/economics.js";
import { equivalent } from "../catalog/equivalents.js";
import { catalogDeal } from "../deal/index.js";
import { checkClaims } from "../scenario/claims.js";
import type { Claim } from "../scenario/schema.js";
import { formatMoney, formatQuantity } from "../units/format.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { type Check, compare, unchecked } from "./compare.js";
import { checkDealTerm, onlyThisReport, others } from "./deal-terms.js";
import type { ReadClaim } from "./types.js";

/** Homes or a year's energy from the power the report states: physics at EIA's and Odyssee's figures. */
function checkEnergy(c: ReadClaim, file: ReadClaim[]): Check {
  const power =
    file.find((x) => x.sentence === c.sentence && x.kind === "power" && typeof x.value === "number") ??
    file.find((x) => x.about === "capacity.power" && typeof x.value === "number");
  if (!power) return unchecked("the report states no power to compare with");
  const w = power.value as number;
  const energy = w * SECONDS_PER_YEAR;
  const twh = formatQuantity(energy, "energy");
  if (c.about === "capacity.energyPerYear")
    return compare(c, energy, `${formatQuantity(w, "power")} x 8,766 h`, []);
  const fact = economics().fact(
    c.about === "capacity.homesEU" ? "euHomeEnergyPerYear" : "usHomeEnergyPerYear",
  );
  const per = fact.value / 3.6e6;
  return compare(
    c,
    energy / fact.value,
    `${formatQuantity(w, "power")} x 8,766 h = ${twh} / ${per.toLocaleString("en-US")} kWh per home`,
    fact.entry.sources,
  );
}

/** "1 GW costs $20-25 billion" against the catalog's all-in cost per GW and its alternatives, the nearest of them. */
function checkCostPerGw(c: ReadClaim): Check {
  const fact = economics().fact("allInCostPerGw");
  const values = [fact.entry.value, ...(fact.entry.alternatives ?? []).map((a) => a.value)].map(
    (v) => v * 1e9,
  );
  const stated = c.unit === "USD/W" ? { ...c, value: (c.value as number) * 1e9, kind: "money" as const } : c;
  const v = typeof stated.value === "number" ? stated.value : (stated.value as { high: number }).high;
  const nearest = values.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
  return compare(
    stated,
    nearest,
    `all-in cost of 1 GW of AI data center (catalog: ${values.map((x) => formatMoney(x)).join(", ")}), nearest`,
    economics().sourceIds(fact.entry),
  );
}

/** "4.5 GW, more than two Hoover Dams": the power stated over the catalog's power of one. */
function checkEquivalent(c: ReadClaim, file: ReadClaim[], what: string): Check {
  const e = equivalent(what);
  if (!e) return unchecked(`the catalog has no sourced size of ${what}`);
  const power =
    file.find((x) => x.sentence === c.sentence && x.kind === "power" && typeof x.value === "number") ??
    file.find((x) => x.about === "capacity.power" && typeof x.value === "number");
  if (!power) return unchecked("the report states no power to compare with");
  const w = power.value as number;
  const what2 = `${formatQuantity(w, "power")} / ${formatQuantity(e.powerW, "power")} per ${e.name}`;
  return compare(c, w / e.powerW, what2, e.sources);
}

/** A chip fact: release dates through the scenario claims' check, specs against the chip catalog. */
function checkChip(c: ReadClaim, cat: Catalog): Check {
  const [, id, field] = /^chips\.(.+)\.(\w+)$/.exec(c.about!)!;
  const chip = cat.chips.find(id!)!;
  if (field === "available" || field === "announced") {
    const claim: Claim = {
      id: "read",
      text: c.text,
      sources: [c.file],
      catalog: `${chip.id}.${field}`,
      expected: c.value as string,
      tolerance: 0.05,
    };
    const [r] = checkClaims([claim], {}, cat);
    return {
      verdict: r!.verdict,
      off: r!.off,
      computation: r!.computation,
      sources: chip.entry[field]?.sources ?? [],
    };
  }
  const spec: Record<string, number | undefined> = {
    bf16: chip.peakFlops.bf16,
    fp8: chip.peakFlops.fp8,
    tdp: chip.tdpW,
    hbm: chip.memoryBytes,
    hbmBandwidth: chip.memoryBandwidth,
  };
  const truth = spec[field!];
  if (truth === undefined) return unchecked(`the catalog has no ${field} for ${chip.name}`);
  return compare(c, truth, `${chip.name} ${field} [catalog]`, []);
}

/** "$10B + $5B = $15B": a total against the report's own amounts in the same sentence. */
function ownSum(c: ReadClaim, file: ReadClaim[]): Check | undefined {
  if (typeof c.value !== "number" || !/\btotal\b|\bin all\b|\bcombined\b|\btogether\b|=/i.test(c.sentence))
    return;
  const parts = file.filter(
    (x) =>
      x !== c && x.sentence === c.sentence && x.kind === "money" && typeof x.value === "number" && !x.derived,
  );
  if (parts.length < 2 || parts.some((p) => (p.value as number) >= (c.value as number))) return;
  const total = parts.reduce((a, p) => a + (p.value as number), 0);
  const shown = parts.map((p) => formatMoney(p.value as number)).join(" + ");
  return compare(c, total, `the report's own figures: ${shown}`, []);
}

/** "$30B a year for five years" against the total the report states for the same term. */
function ownProduct(c: ReadClaim, file: ReadClaim[]): Check | undefined {
  if (c.unit !== "USD/year" || typeof c.value !== "number") return;
  const years = file.find(
    (x) => x.sentence === c.sentence && x.kind === "time" && typeof x.value === "number",
  );
  if (!years) return;
  const product = (c.value * (years.value as number)) / SECONDS_PER_YEAR;
  const stated = file.find(
    (x) =>
      x.kind === "money" && typeof x.value === "number" && x.value >= product / 10 && x.value <= product * 10,
  );
  const shown = `${formatMoney(c.value)} a year x ${formatQuantity(years.value as number, "time")} = ${formatMoney(product)}`;
  if (!stated) return unchecked(`${shown}; the report states no total to compare with`);
  const r = compare({ ...stated, hedge: "exact" }, product, `the report's own figures: ${shown}`, []);
  return { ...r, computation: `${r.computation} (stated: "${stated.text}")` };
}

/** The verdict on one claim of a report; `file` holds all of that report's claims. */
export function checkClaim(c: ReadClaim, file: ReadClaim[], cat: Catalog): Check {
  const own = ownSum(c, file) ?? ownProduct(c, file);
  if (own) return own;
  const about = c.about;
  if (!about) return unchecked("not a term gigawatt models");
  if (c.vague && !/^deals?\./.test(about)) return unchecked("too vague to check");
  if (about.startsWith("chips.")) return checkChip(c, cat);
  if (about === "capacity.homesUS" || about === "capacity.homesEU" || about === "capacity.energyPerYear")
    return checkEnergy(c, file);
  const m = /^(?:deal|deals\.([^.]+))\.(.+)$/.exec(about);
  const dealId = c.deal;
  if (m || about === "capacity.power") {
    if (!dealId) return unchecked("the deal is not in the catalog");
    const d = catalogDeal(dealId);
    const term = about === "capacity.power" ? "committedPower" : m![2]!;
    const r = checkDealTerm(c, term, d, file);
    if (r.verdict !== "unchecked" && onlyThisReport(r.sources, c.file))
      return unchecked(`the catalog's only source for this is this report (${r.sources.join(", ")})`);
    return { ...r, sources: others(r.sources, c.file) };
  }
  if (about === "training.cost") return unchecked("the catalog has no sourced cost of a training run");
  if (about === "economics.allInCostPerGw") return checkCostPerGw(c);
  if (about.startsWith("equivalent.")) return checkEquivalent(c, file, about.slice(11));
  return unchecked(`no catalog fact for ${about}`);
}
