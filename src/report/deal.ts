/** Deal reports: one deal's cash flows per year, and deals side by side with each alliance's GW and dollars. */
import { fmt, type Traced } from "../capacity/index.js";
import type { DealComparison, DealResult } from "../deal/index.js";
import { formatCount, formatMoney, formatNumber, formatSI } from "../units/format.js";
import { type Block, type Doc, table } from "./document.js";

const B = (usd: number) => formatMoney(usd);
const show = (t: Traced | undefined) => (t ? fmt(t.value, t.kind) : "n/a");
const pct = (x: number | undefined) => (x === undefined ? "n/a" : `${formatNumber(x * 100, 3)}%`);
const tracedJson = (t: Traced | undefined) =>
  t ? { value: t.value, formula: t.formula, sources: t.sources } : undefined;

/** The JSON form of a deal evaluation. */
export function dealJson(r: DealResult) {
  return {
    deal: r.deal,
    discountRate: r.discountRate,
    totals: Object.fromEntries(Object.entries(r.totals).map(([k, t]) => [k, tracedJson(t)])),
    npv: Object.fromEntries(Object.entries(r.npv).map(([k, t]) => [k, tracedJson(t)])),
    irr: r.irr,
    compute: r.compute,
    generations: r.generations.map((g) => ({
      chip: g.chip,
      facilityWPerChip: tracedJson(g.unit.facilityPeakW),
      tcoPerChipHour: tracedJson(g.unit.tcoPerChipHour),
      tcoPerChipYear: tracedJson(g.unit.perYear.total),
    })),
    years: r.years,
    notes: r.notes,
  };
}

/** One deal: terms, cash flows per year, totals with their arithmetic, NPV and IRR. */
export function dealReport(r: DealResult): Doc {
  const d = r.deal;
  const gens = [...new Set(r.years.flatMap((y) => Object.keys(y.chips)))];
  const years = table(
    [
      ["year", "year"],
      ["power", "GW online (avg)"],
      ...gens.map((g): [string, string] => [`chips:${g}`, `${g} chips`]),
      ["flop", "FLOP delivered"],
      ["spend", "lab spend"],
      ["cost", "provider cost"],
      ["margin", "provider margin"],
      ["out", "investor out"],
      ["back", "investor back"],
      ["cumSpend", "cumulative spend"],
      ["cumOut", "cumulative out"],
      ["runs", "frontier runs"],
      ["tokens", "tokens served"],
    ],
    r.years.map((y) => ({
      year: y.year,
      power: formatNumber(y.powerW / 1e9, 3),
      ...Object.fromEntries(gens.map((g) => [`chips:${g}`, formatCount(y.chips[g] ?? 0)])),
      flop: y.flop ? fmt(y.flop, "compute") : "0",
      spend: B(y.labSpendUsd),
      cost: B(y.providerCostUsd),
      margin: B(y.providerMarginUsd),
      out: B(y.investorOutUsd),
      back: B(y.investorBackUsd),
      cumSpend: B(y.cumulative.labSpendUsd),
      cumOut: B(y.cumulative.investorOutUsd),
      runs: formatNumber(y.trainingRuns, 3),
      tokens: y.tokensServed ? `${formatNumber(y.tokensServed / 1e15, 3)}P` : "0",
    })),
    "Per year",
    `Chips installed at year end; FLOP at MFU ${pct(r.compute.mfu)} on BF16 peak; ${pct(r.compute.trainingShare)} of it trains ${r.compute.frontierRun}-sized runs (${fmt(r.compute.frontierRunFlop, "compute")} each), the rest serves ${r.compute.servedModel} at ${fmt(r.compute.flopPerToken, "compute")} per token (compute-bound, physics through src/llm).`,
  );
  const t = r.totals;
  const rows: [string, Traced | undefined][] = [
    ["committed spend", t.committedSpend],
    ["lab spend", t.labSpend],
    ["investment paid", t.investment],
    ["investment on milestones", t.contingentInvestment],
    ["provider revenue", t.providerRevenue],
    ["provider cost (capacity TCO)", t.providerCost],
    ["provider margin", t.providerMargin],
    ["investor cash back", t.investorBack],
    ["circularity", t.circularity],
    ["price implied per GW-year", t.impliedUsdPerWYear],
    ["FLOP delivered", t.flop],
    ["investor stake", t.stake],
    ["power at the end of the ramp", t.maxPowerW],
    ["NPV, lab", r.npv.lab],
    ["NPV, provider", r.npv.provider],
    ["NPV, investor", r.npv.investor],
  ];
  const totals = table(
    [
      ["item", "item"],
      ["value", "value"],
      ["arithmetic", "arithmetic"],
      ["sources", "sources"],
    ],
    rows
      .filter(([, x]) => x)
      .map(([item, x]) => ({ item, value: show(x), arithmetic: x!.formula, sources: x!.sources.join(" ") })),
    "Totals",
    `Discount rate ${pct(r.discountRate)}. IRR: investor ${pct(r.irr.investor)}, provider ${pct(r.irr.provider)}.`,
  );
  const tco = r.generations.map((g) => g.unit.perYear.total.value / g.unit.facilityPeakW.value);
  const terms: Block = {
    kind: "kv",
    title: "Terms",
    items: [
      [
        "parties",
        `lab ${d.lab}; provider ${d.provider} (${d.providerRole}); investor ${d.investor ?? "none"}`,
      ],
      ["years", `${d.startYear}-${d.endYear}`],
      ["committed power", d.committedPowerW ? formatSI(d.committedPowerW, "W") : "not reported"],
      [
        "tranches",
        d.tranches
          .map(
            (x) =>
              `${x.date} ${B(x.amountUsd)}${x.contingent ? ` (on ${x.conditions ?? "milestones"})` : ""}${x.postMoneyUsd ? ` at ${B(x.postMoneyUsd)}` : ""}${x.investor ? ` from ${x.investor}` : ""}`,
          )
          .join("; ") || "none",
      ],
      [
        "commitments",
        d.commitments
          .map(
            (c) =>
              `${B(c.amountUsd)} over ${c.years} years from ${c.startYear}, ${c.shape}, take-or-pay ${pct(c.takeOrPay)}`,
          )
          .join("; ") || "none",
      ],
      ["ramp", d.ramp.map((x) => `${formatSI(x.powerW, "W")} by ${x.date} (${x.chip})`).join("; ") || "none"],
      [
        "options",
        d.options.map((o) => `${o.chip} from ${o.from}${o.exercised ? " (exercised)" : ""}`).join("; ") ||
          "none",
      ],
      [
        "pricing",
        d.pricing.basis === "commitment"
          ? "the commitment schedule (price per GW-year implied)"
          : d.pricing.basis,
      ],
      [
        "provider TCO per GW-year",
        tco.length ? r.generations.map((g, i) => `${g.chip} ${B(tco[i]! * 1e9)}`).join(", ") : "n/a",
      ],
    ],
  };
  const blocks: Block[] = [terms, totals, years];
  if (r.notes.length)
    blocks.push({ kind: "text", title: "Notes", text: r.notes.map((n) => `- ${n}`).join("\n") });
  return { schema: "gigawatt/deal@1", title: `Deal: ${d.name}`, blocks, data: dealJson(r) };
}

/** Deals side by side, with totals per lab and per provider. */
export function dealsCompareReport(c: DealComparison): Doc {
  const side = table(
    [
      ["deal", "deal"],
      ["lab", "lab"],
      ["provider", "provider"],
      ["years", "years"],
      ["gw", "committed GW"],
      ["spend", "committed $"],
      ["invest", "investment"],
      ["contingent", "on milestones"],
      ["perGw", "$ per GW-year"],
      ["circ", "circularity"],
      ["runs", "frontier runs (total)"],
    ],
    c.results.map((r) => ({
      deal: r.deal.id,
      lab: r.deal.lab,
      provider: r.deal.provider,
      years: `${r.deal.startYear}-${r.deal.endYear}`,
      gw: r.deal.committedPowerW ? formatNumber(r.deal.committedPowerW / 1e9, 3) : "n/a",
      spend: B(r.totals.committedSpend.value),
      invest: B(r.totals.investment.value),
      contingent: B(r.totals.contingentInvestment.value),
      perGw: r.totals.impliedUsdPerWYear ? B(r.totals.impliedUsdPerWYear.value) : "n/a",
      circ: pct(r.totals.circularity.value),
      runs: formatNumber(
        r.years.reduce((s, y) => s + y.trainingRuns, 0),
        3,
      ),
    })),
    "Deals side by side",
  );
  const alliance = (title: string, rows: DealComparison["byLab"]) =>
    table(
      [
        ["party", "party"],
        ["deals", "deals"],
        ["gw", "committed GW"],
        ["gwShare", "share of GW"],
        ["spend", "committed $"],
        ["spendShare", "share of $"],
        ["invest", "investment"],
      ],
      rows.map((a) => ({
        party: a.party,
        deals: a.deals.join(" "),
        gw: formatNumber(a.committedPowerW / 1e9, 3),
        gwShare: pct(a.powerShare),
        spend: B(a.committedSpendUsd),
        spendShare: pct(a.spendShare),
        invest: B(a.investmentUsd),
      })),
      title,
    );
  return {
    schema: "gigawatt/deals-compare@1",
    title: `Deals compared (${c.results.length})`,
    blocks: [
      side,
      alliance("Per lab (alliance concentration)", c.byLab),
      alliance("Per provider", c.byProvider),
    ],
    data: { deals: c.results.map(dealJson), byLab: c.byLab, byProvider: c.byProvider },
  };
}
