/**
 * A draft scenario from what reports say: the catalog deal's terms where the reports are silent,
 * the reports' values (each citing the reports that give it) where they speak, every
 * disagreement kept as `values:` alternatives, and the checkable claims as a `claims:` block. It
 * is written through the scenario schema, so `gigawatt check` accepts it and `gigawatt run`
 * evaluates it.
 */
import { stringify } from "yaml";
import type { Catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics } from "../catalog/economics.js";
import { catalogDeal, type Deal } from "../deal/index.js";
import { loadScenario } from "../scenario/load.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import type { ReadClaim, ReadFile } from "./types.js";

/** A number as a scenario file writes it ("$5B", "3 GW", "4.09M"), exactly enough to read back. */
const usd = (v: number) => (v >= 1e9 ? `$${+(v / 1e9).toPrecision(6)}B` : `$${+(v / 1e6).toPrecision(6)}M`);
const gw = (w: number) => `${+(w / 1e9).toPrecision(6)} GW`;
const count = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toPrecision(4)}M` : `${Math.round(n)}`);

function basename(file: string): string {
  return file.split(/[\\/]/).pop()!;
}

/** The source id of each report: the catalog's own id for a report it cites (the seeds), else one made from the name. */
function sourceIds(files: readonly ReadFile[]): Map<string, string> {
  const catalogIds = [...dealsCatalog().sources];
  const ids = new Map<string, string>();
  for (const f of files) {
    const known = catalogIds.find(([, s]) => s.address.endsWith(basename(f.file)));
    const made = basename(f.file)
      .replace(/\.[^.]+$/, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    ids.set(f.file, known?.[0] ?? `report-${made || "text"}`);
  }
  return ids;
}

interface Option {
  value: number;
  sources: string[];
}

/** Sourced alternatives, the value most reports give first (the catalog's on a tie), its sources added where it agrees. */
function alternatives(
  said: ReadClaim[],
  ids: Map<string, string>,
  catalogValue?: number,
  catalogSources: string[] = [],
) {
  const options: Option[] = [];
  for (const c of said) {
    const v = c.value as number;
    const o = options.find((x) => Math.abs(x.value - v) <= 0.005 * v);
    const id = ids.get(c.file)!;
    if (o) o.sources = [...new Set([...o.sources, id])];
    else options.push({ value: v, sources: [id] });
  }
  const isCatalog = (o: Option) =>
    catalogValue !== undefined && Math.abs(o.value - catalogValue) <= 0.005 * o.value;
  for (const o of options) if (isCatalog(o)) o.sources = [...new Set([...o.sources, ...catalogSources])];
  options.sort((a, b) => b.sources.length - a.sources.length || Number(isCatalog(b)) - Number(isCatalog(a)));
  return options;
}

const asMoney = (options: Option[]) => ({
  values: options.map((o) => ({ value: usd(o.value), sources: o.sources })),
});

const numeric = (c: ReadClaim) => typeof c.value === "number" && !c.vague && !c.derived;

/** The deal's tranches: the catalog's, with the reports' values on those they speak of. */
function tranches(d: Deal, claims: ReadClaim[], ids: Map<string, string>) {
  const paid = d.tranches.filter((t) => !t.contingent);
  const latestPaid = paid.at(-1);
  const saidOf = (date: string) =>
    claims.filter((c) => c.about === "deal.tranches[].amount" && c.tranche === date && numeric(c));
  const now = latestPaid
    ? alternatives(saidOf(latestPaid.date), ids, latestPaid.amountUsd, latestPaid.sources)
    : [];
  const contingent = d.tranches.filter((t) => t.contingent && latestPaid && t.date >= latestPaid.date);
  return d.tranches.map((t) => {
    let amount: unknown = usd(t.amountUsd);
    const said = saidOf(t.date);
    if (said.length) amount = asMoney(alternatives(said, ids, t.amountUsd, t.sources));
    if (t.contingent && contingent.length === 1 && now.length) {
      // "Up to $25B" with "$5B now": the milestones are the rest, for each value paid now the report gives.
      const rest: ReadClaim[] = [];
      for (const r of claims.filter((c) => c.about === "deal.latestRoundWithMilestones" && numeric(c))) {
        const own = now.filter((o) => o.sources.includes(ids.get(r.file)!));
        for (const o of own.length ? own : now.slice(0, 1))
          if ((r.value as number) > o.value) rest.push({ ...r, value: (r.value as number) - o.value });
      }
      if (rest.length) amount = asMoney(alternatives(rest, ids, t.amountUsd, t.sources));
    }
    return {
      date: t.date,
      amount,
      ...(t.postMoneyUsd !== undefined ? { valuation: usd(t.postMoneyUsd) } : {}),
      ...(t.contingent ? { contingent: true } : {}),
      ...(t.conditions ? { conditions: t.conditions } : {}),
      ...(t.sources.length ? { sources: [...new Set(t.sources)] } : {}),
    };
  });
}

/** A bound the reports give as a range: a floor up to 1.5 times, a ceiling down to 60% (stated assumptions). */
function bounded(said: ReadClaim[], ids: Map<string, string>, write: (v: number) => string, extra: string[]) {
  const sources = [...new Set([...said.map((c) => ids.get(c.file)!), ...extra])];
  const floors = said.filter((c) => c.hedge === "floor");
  const ceilings = said.filter((c) => c.hedge === "ceiling");
  if (floors.length) {
    const v = Math.max(...floors.map((c) => c.value as number));
    return {
      low: write(v),
      high: write(1.5 * v),
      sources,
      note: `'${floors[0]!.text}' is a floor; the high end (1.5 times) is a stated assumption`,
    };
  }
  if (ceilings.length) {
    const v = Math.min(...ceilings.map((c) => c.value as number));
    return {
      low: write(0.6 * v),
      mode: write(v),
      high: write(v),
      sources,
      note: `'${ceilings[0]!.text}' is a ceiling; the low end (60% built) is a stated assumption`,
    };
  }
  const options = alternatives(said, ids);
  return { values: options.map((o) => ({ value: write(o.value), sources: o.sources })) };
}

function mostCommon<T>(xs: T[]): T | undefined {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The chips the reports name that the catalog can size (TDP and BF16), in equal shares (a stated assumption). */
function mix(files: readonly ReadFile[], cat: Catalog) {
  const sized = (id: string) => {
    const c = cat.chips.find(id);
    return c && c.kind !== "cpu" && c.tdpW && c.peakFlops.bf16 ? c.id : undefined;
  };
  const chips = [...new Set(files.flatMap((f) => f.chips).map(sized))].filter((x): x is string => !!x);
  if (chips.length === 0) return undefined;
  const share = Math.round((1 / chips.length) * 1000) / 1000;
  return chips.map((chip, i) => ({
    chip,
    share: i === chips.length - 1 ? +(1 - share * i).toFixed(3) : share,
  }));
}

/** "investment-13b", "homesus-3m-9m", "trainium3-available-2023-12". */
function claimId(about: string, expected: unknown, taken: Set<string>): string {
  const value = typeof expected === "object" ? Object.values(expected as object).join("-") : String(expected);
  const base = `${about.replace(/^(?:deal|capacity|chips)\./, "")}-${value}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

/** The claims a scenario can check: outputs the draft does not set itself, and chip dates. */
function claimsBlock(claims: ReadClaim[], ids: Map<string, string>) {
  // A report's homes compare its power drawn all year: the capacity's homes at full power.
  const outputs: Record<string, string> = {
    "deal.investment": "deal.investment",
    "deal.latestRoundWithMilestones": "deal.latestRoundWithMilestones",
    "capacity.homesUS": "capacity.homesUSAtFullPower",
  };
  const out: Record<string, unknown>[] = [];
  const taken = new Set<string>();
  const add = (
    c: ReadClaim,
    where: Record<string, string>,
    expected: unknown,
    sources: string[],
    text = c.sentence,
  ) => {
    const key = JSON.stringify([where, expected]);
    const same = out.find(
      (x) =>
        JSON.stringify([{ [x.output ? "output" : "catalog"]: x.output ?? x.catalog }, x.expected]) === key,
    );
    if (same) same.sources = [...new Set([...(same.sources as string[]), ...sources])];
    else
      out.push({
        id: claimId(where.output ?? where.catalog!, expected, taken),
        text,
        sources,
        ...where,
        expected,
      });
  };
  const home = economics().fact("usHomeEnergyPerYear");
  for (const c of claims) {
    if (c.vague || c.derived || !c.about) continue;
    const id = ids.get(c.file)!;
    const chip = /^chips\.([^.]+)\.(available|announced)$/.exec(c.about);
    if (chip) add(c, { catalog: `${chip[1]}.${chip[2]}` }, c.value, [id]);
    const output = Object.hasOwn(outputs, c.about) ? outputs[c.about] : undefined;
    if (output && typeof c.value === "number" && c.kind === "money") add(c, { output }, usd(c.value), [id]);
    else if (output && typeof c.value === "object")
      add(c, { output }, { low: count(c.value.low), high: count(c.value.high) }, [id]);
    const power = claims.find((x) => x.file === c.file && x.sentence === c.sentence && x.kind === "power");
    if (c.about === "capacity.homesUS" && power && typeof power.value === "number") {
      // The equivalence itself, at EIA's figure, for the power the report compares.
      const homes = (power.value * SECONDS_PER_YEAR) / home.value;
      const kwh = (home.value / 3.6e6).toLocaleString("en-US");
      add(
        { ...c, value: homes, hedge: "approximate" },
        { output: "capacity.homesUSAtFullPower" },
        count(homes),
        home.entry.sources,
        `${gw(power.value)} running all year equals about ${count(homes)} US homes at EIA's ${kwh} kWh per home per year`,
      );
    }
  }
  return out;
}

/** The draft scenario (YAML) of what the reports say; it passes `gigawatt check`. */
export function draftScenario(
  claims: readonly ReadClaim[],
  files: readonly ReadFile[],
  cat: Catalog,
): string {
  const ids = sourceIds(files);
  const stated = claims.filter((c) => !c.derived);
  const dealId = mostCommon(files.map((f) => f.deal).filter((x): x is string => !!x));
  const own = stated.filter((c) => !c.about?.startsWith("deals."));
  const d = dealId ? catalogDeal(dealId) : undefined;
  const sources: Record<string, { title: string; address: string; date: string }> = {};
  const catalogIds = new Set(dealsCatalog().sources.keys());
  for (const f of files) {
    const id = ids.get(f.file)!;
    if (!catalogIds.has(id))
      sources[id] = { title: `Report: ${basename(f.file)}`, address: f.file, date: "undated" };
  }
  const scenario: Record<string, unknown> = {
    name: `Draft from ${files.length} report${files.length > 1 ? "s" : ""}${d ? `: ${d.name}` : ""}`,
    description:
      "Written by `gigawatt read`. Terms the reports give cite them; where they disagree every value is kept as an alternative, the one most reports give first. Terms they leave out come from the catalog deal.",
    ...(Object.keys(sources).length ? { sources } : {}),
  };
  const power = own.filter((c) => c.about === "capacity.power" && numeric(c));
  // A catalog deal's ramp sets the chips; without one, the chips the reports name do.
  const fleet = d?.ramp.length ? undefined : mix(files, cat);
  if (power.length && (d?.ramp.length || fleet))
    scenario.capacity = {
      power: bounded(power, ids, gw, d?.committedPowerSources ?? []),
      ...(fleet ? { mix: fleet } : {}),
    };
  if (d) {
    const amounts = own.filter((c) => c.about === "deal.commitments[].amount" && numeric(c));
    const years = own.filter((c) => c.about === "deal.commitments[].years" && numeric(c));
    const term = mostCommon(years.map((c) => Math.round((c.value as number) / SECONDS_PER_YEAR)));
    scenario.deal = {
      id: d.id,
      tranches: tranches(d, own, ids),
      commitments: d.commitments.map((c, i) => ({
        amount: i === 0 && amounts.length ? bounded(amounts, ids, usd, c.sources) : usd(c.amountUsd),
        start: c.startYear,
        years: i === 0 && term ? term : c.years,
        shape: c.shape,
        ...(c.sources.length ? { sources: [...new Set(c.sources)] } : {}),
      })),
    };
  }
  scenario.claims = claimsBlock(own, ids);
  const text = `# Draft scenario written by gigawatt read from ${files.map((f) => basename(f.file)).join(", ")}\n${stringify(scenario, { lineWidth: 0 })}`;
  const check = loadScenario(text, "draft.yaml");
  if (!check.ok) throw new Error(`read: the draft scenario does not check: ${check.errors[0]!.toLine()}`);
  return text;
}
