/** Deal reports: one deal's cash flows per year, and deals side by side with each alliance's GW and dollars. */
import { economics } from "../catalog/economics.js";
import type { DealComparison, DealResult, DealYear, LabSide } from "../deal/index.js";
import { isEstimate, monthSpan } from "../deal/index.js";
import { formatCount, formatMoney, formatNumber, formatSI } from "../units/format.js";
import { fmt, type Traced } from "../units/traced.js";
import { type Block, type Doc, table } from "./document.js";

const B = (usd: number) => formatMoney(usd);
const show = (t: Traced | undefined) => (t ? fmt(t.value, t.kind) : "n/a");
const pct = (x: number | undefined) => (x === undefined ? "n/a" : fmt(x, "fraction"));
const tracedJson = (t: Traced | undefined) =>
  t ? { value: t.value, formula: t.formula, sources: t.sources } : undefined;

/** The provider's margin beside its reported operating margin, and after the cost of capital. */
export function marginNote(d: DealResult): string {
  const p = economics().provider(d.deal.provider);
  const reported = p
    ? ` (${p.segment}'s reported operating margin: ${fmt(p.operatingMargin.value, "fraction")})`
    : "";
  return `${fmt(d.totals.providerMarginShare.value, "fraction")} of revenue${reported}; ${fmt(d.totals.economicProfit.value, "money")} after the cost of capital`;
}

/** The JSON form of a deal evaluation. */
export function dealJson(r: DealResult) {
  return {
    deal: r.deal,
    discountRate: r.discountRate,
    totals: Object.fromEntries(Object.entries(r.totals).map(([k, t]) => [k, tracedJson(t)])),
    npv: Object.fromEntries(Object.entries(r.npv).map(([k, t]) => [k, tracedJson(t)])),
    irr: r.irr,
    compute: r.compute,
    fullRampYear: r.fullRampYear,
    stake: r.stakeHistory,
    generations: r.generations.map((g) => ({
      chip: g.chip,
      facilityWPerChip: tracedJson(g.unit.facilityPeakW),
      capexPerChip: tracedJson(g.unit.capex.total),
      price: g.unit.price,
      tcoPerChipHour: tracedJson(g.unit.tcoPerChipHour),
      tcoPerChipYear: tracedJson(g.unit.perYear.total),
    })),
    vintages: r.vintages.map((v) => ({
      chip: v.chip.id,
      powerW: v.powerW,
      install: [v.install.from, v.install.to],
      retire: Number.isFinite(v.retire.from) ? [v.retire.from, v.retire.to] : null,
      existing: v.existing,
      refreshes: v.refreshes ?? null,
    })),
    years: r.years,
    notes: r.notes,
  };
}

/** Which of usage and the take-or-pay floor set a year's spend. */
function spendBasis(y: DealYear): string {
  if (y.labSpendUsd <= 0) return "";
  if (y.floorUsd > y.usageUsd + 1) return "floor";
  return "usage";
}

/** The year-by-year table of a deal. */
export function dealYearsTable(r: DealResult, title = "Per year"): Block {
  const gens = [...new Set(r.years.flatMap((y) => Object.keys(y.chips)))];
  const cloud = r.deal.providerRole === "cloud";
  return table(
    [
      ["year", "year"],
      ["power", "GW online (avg)"],
      ...gens.map((g): [string, string] => [`chips:${g}`, `${g} chips`]),
      ["flop", `FLOP (${r.compute.precision})`],
      ["spend", "lab spend"],
      ["basis", "set by"],
      ...(cloud
        ? ([
            ["cost", "provider cost"],
            ["margin", "provider margin"],
            ["capex", "capex"],
          ] as [string, string][])
        : []),
      ["out", "investor out"],
      ["back", "investor back"],
      ["stake", "stake"],
      ["runs", "frontier runs"],
      ["modelRuns", "model runs"],
    ],
    r.years.map((y) => ({
      year: y.year,
      power: formatNumber(y.powerW / 1e9, 3),
      ...Object.fromEntries(gens.map((g) => [`chips:${g}`, formatCount(y.chips[g] ?? 0)])),
      flop: y.flop ? fmt(y.flop, "compute") : "0",
      spend: B(y.labSpendUsd),
      basis: spendBasis(y),
      cost: B(y.providerCostUsd),
      margin: B(y.providerMarginUsd),
      capex: B(y.capexUsd),
      out: B(y.investorOutUsd),
      back: B(y.investorBackUsd),
      stake: y.stake ? pct(y.stake) : "",
      runs: formatNumber(y.frontierRuns, 3),
      modelRuns: formatNumber(y.trainingRuns, 3),
    })),
    title,
    `Chips online at year end; FLOP at MFU ${pct(r.compute.mfu)} of the dense ${r.compute.precision} peak. Lab spend is the larger of usage at the deal's price and the take-or-pay floor ("set by"). Provider cost is operating cost: depreciation (servers over their life, buildings over theirs) + electricity + other opex; capex is the cash spent on new and refreshed capacity. Frontier runs: ${pct(r.compute.trainingShare)} of the FLOP over that year's frontier run on the trend (${r.compute.frontierRun}, ${fmt(r.compute.frontierRunFlop, "compute")} in ${Math.floor(r.compute.frontierRunYear)}, growing ${formatNumber(r.compute.frontierGrowth, 3)}x a year)${r.compute.modelRunFlop ? `; model runs: runs of ${fmt(r.compute.modelRunFlop, "compute")} each` : ""}.`,
  );
}

/** The deal's cohorts of capacity: when each is installed and retired, on which chip. */
export function vintagesTable(r: DealResult): Block {
  return table(
    [
      ["chip", "chip"],
      ["power", "power"],
      ["chips", "chips"],
      ["install", "installed"],
      ["retire", "retired"],
      ["what", "what"],
      ["capex", "capex"],
    ],
    r.vintages.map((v) => ({
      chip: v.chip.id,
      power: formatSI(v.powerW, "W"),
      chips: formatCount(Math.floor(v.powerW / v.unit.facilityPeakW.value)),
      install: monthSpan(v.install.from, v.install.to),
      retire: monthSpan(v.retire.from, v.retire.to),
      what: v.existing
        ? "online before the deal"
        : v.refreshes !== undefined
          ? `refresh of #${v.refreshes + 1}`
          : "new",
      capex: B((v.powerW / v.unit.facilityPeakW.value) * v.unit.capex.total.value),
    })),
    "Cohorts of capacity",
    "Each cohort serves the server life and is refreshed with the latest generation that delivers at least its FP8 FLOP per watt; capex is the cohort's chips x capex per chip (servers, network and, for new sites, the building).",
  );
}

/** One deal: terms, cash flows per year, totals with their arithmetic, NPV and IRR. */
export function dealReport(r: DealResult): Doc {
  const d = r.deal;
  const t = r.totals;
  const rows: [string, Traced | undefined][] = [
    ["committed spend (binding)", t.committedSpend],
    ["vendor estimates (not promises)", t.estimatedSpend.value > 0 ? t.estimatedSpend : undefined],
    ["lab spend", t.labSpend],
    ["lab spend per GW-year delivered", t.impliedUsdPerWYear],
    ["provider's operating cost per GW-year", t.costUsdPerWYear],
    ["GW-years delivered", t.gwYears],
    ["investment paid", t.investment],
    ["investment on milestones", t.contingentInvestment],
    ["provider revenue", t.providerRevenue],
    ["provider operating cost", d.providerRole === "cloud" ? t.providerCost : undefined],
    ["provider operating margin", t.providerMargin],
    ["  as a share of revenue", d.providerRole === "cloud" ? t.providerMarginShare : undefined],
    ["cost of capital", d.providerRole === "cloud" ? t.capitalCharge : undefined],
    ["margin after the cost of capital", d.providerRole === "cloud" ? t.economicProfit : undefined],
    ["provider capex (new and refreshed)", d.providerRole === "cloud" ? t.capex : undefined],
    ["investor cash back", t.investorBack],
    ["circularity", t.circularity],
    ["investor stake at the end", t.stake],
    ["stake at the latest valuation", t.stakeValue],
    ["FLOP delivered", t.flop],
    ["new power at full ramp", t.newPowerW],
    ["power online before the deal", t.existingPowerW.value > 0 ? t.existingPowerW : undefined],
    ["NPV, lab", r.npv.lab],
    ["NPV, provider (cash, with capex)", r.npv.provider],
    ["NPV, investor's equity", r.npv.equity],
    ["NPV, investor (equity and cloud cash)", r.npv.investor],
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
    `Discount rate ${pct(r.discountRate)}. IRR: provider ${pct(r.irr.provider)} on its cash (capex, running costs, revenue), investor's equity ${pct(r.irr.equity)}, investor in all ${pct(r.irr.investor)}.`,
  );
  const perGw = r.generations.map(
    (g) => `${g.chip} ${B((g.unit.perYear.total.value / g.unit.facilityPeakW.value) * 1e9)}`,
  );
  const status = (s: string) => (s === "binding" ? "" : ` (${s === "estimate" ? "vendor estimate" : s})`);
  const p = d.pricing;
  const terms: Block = {
    kind: "kv",
    title: "Terms",
    items: [
      [
        "parties",
        `lab ${d.lab}; provider ${d.provider} (${d.providerRole}); investor ${d.investor ?? "none"}`,
      ],
      ["years", `${d.startYear}-${d.endYear}`],
      ["committed new power", d.committedPowerW ? formatSI(d.committedPowerW, "W") : "not reported"],
      [
        "tranches",
        d.tranches
          .map(
            (x) =>
              `${x.date} ${B(x.amountUsd)}${x.instrument === "note" ? " note" : ""}${x.contingent ? ` (on ${x.conditions ?? "milestones"})` : ""}${x.postMoneyUsd ? ` at ${B(x.postMoneyUsd)}` : ""}${x.stake !== undefined ? ` (stake ${pct(x.stake)} reported)` : ""}${x.investor ? ` from ${x.investor}` : ""}`,
          )
          .join("; ") || "none",
      ],
      [
        "commitments",
        d.commitments
          .map(
            (c) =>
              `${B(c.amountUsd)} over ${c.years} years from ${c.startYear}, ${c.shape}, take-or-pay ${pct(c.takeOrPay)}${c.capUsd !== undefined ? `, capped at ${B(c.capUsd)}` : ""}${status(c.status)}`,
          )
          .join("; ") || "none",
      ],
      [
        "ramp",
        d.ramp
          .map(
            (x) =>
              `${formatSI(x.powerW, "W")} by ${x.date} (${x.chip}${x.existing ? ", online before the deal" : ""})`,
          )
          .join("; ") || "none",
      ],
      [
        "options",
        d.options.map((o) => `${o.chip} from ${o.from}${o.exercised ? " (exercised)" : ""}`).join("; ") ||
          "none",
      ],
      [
        "refresh",
        d.refresh
          ? "cohorts are refreshed at the end of their life"
          : "cohorts retire at the end of their life",
      ],
      [
        "pricing",
        p.basis === "commitment"
          ? "the commitment schedule (the price per GW-year is implied)"
          : p.basis === "gw-year"
            ? `${p.byFamily ? "each generation at its market anchor" : B(p.usdPerWYear * 1e9)} per GW-year${p.anchor && p.anchor !== "market" ? ` (market anchor ${p.anchor})` : ""}${p.declinePerYear ? `, falling ${pct(p.declinePerYear)} a year with age` : ""}${p.declinePerGeneration ? `, ${pct(p.declinePerGeneration)} per generation` : ""}`
            : `${B(p.usdPerChipHour)} per chip-hour${p.anchor ? ` (market anchor ${p.anchor})` : ""}`,
      ],
      ["provider TCO per GW-year (with cost of capital)", perGw.length ? perGw.join(", ") : "n/a"],
    ],
  };
  const blocks: Block[] = [terms, totals, dealYearsTable(r)];
  if (r.vintages.length) blocks.push(vintagesTable(r));
  if (r.stakeHistory.steps.length)
    blocks.push(
      table(
        [
          ["date", "date"],
          ["event", "event"],
          ["stake", "stake after"],
          ["value", "value at the latest post-money"],
        ],
        r.stakeHistory.steps.map((s) => ({
          date: s.date,
          event: s.event,
          stake: pct(s.stake),
          value: B(s.valueUsd),
        })),
        "The investor's stake",
        "Equity buys at its post-money; notes convert at the next priced round; each later round dilutes what is held; a stake the sources report replaces the arithmetic.",
      ),
    );
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
      ["gw", "new GW"],
      ["kind", "firmness"],
      ["spend", "committed $"],
      ["estimate", "vendor estimate $"],
      ["labSpend", "lab spend (modelled)"],
      ["invest", "investment"],
      ["contingent", "on milestones"],
      ["perGw", "$ per GW-year"],
      ["margin", "provider margin"],
      ["stake", "stake"],
    ],
    c.results.map((r) => ({
      deal: r.deal.id,
      lab: r.deal.lab,
      provider: r.deal.provider,
      years: `${r.deal.startYear}-${r.deal.endYear}`,
      gw: r.deal.committedPowerW ? formatNumber(r.deal.committedPowerW / 1e9, 3) : "n/a",
      kind: isEstimate(r.deal) ? "vendor estimate" : "binding",
      spend: B(r.totals.committedSpend.value),
      estimate: r.totals.estimatedSpend.value > 0 ? B(r.totals.estimatedSpend.value) : "",
      labSpend: B(r.totals.labSpend.value),
      invest: B(r.totals.investment.value),
      contingent: B(r.totals.contingentInvestment.value),
      perGw: r.totals.impliedUsdPerWYear ? B(r.totals.impliedUsdPerWYear.value * 1e9) : "n/a",
      margin:
        r.deal.providerRole === "cloud" && r.vintages.length
          ? `${B(r.totals.providerMargin.value)} (${pct(r.totals.providerMarginShare.value)})`
          : "not modelled",
      stake: r.totals.stake.value > 0 ? pct(r.totals.stake.value) : "",
    })),
    "Deals side by side",
    "Committed $ are binding commitments; vendor estimates (sales a vendor or an analyst expects, letters of intent) are apart and not summed with them. A cloud deal with no reported ramp has no modelled cost or margin.",
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
        ["estGw", "estimated GW"],
        ["est", "estimated $"],
        ["invest", "investment"],
      ],
      rows.map((a) => ({
        party: a.party,
        deals: a.deals.join(" "),
        gw: formatNumber(a.committedPowerW / 1e9, 3),
        gwShare: pct(a.powerShare),
        spend: B(a.committedSpendUsd),
        spendShare: pct(a.spendShare),
        estGw: a.estimatedPowerW ? formatNumber(a.estimatedPowerW / 1e9, 3) : "",
        est: a.estimatedSpendUsd ? B(a.estimatedSpendUsd) : "",
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

/** The lab's compute bill per provider per year against the revenue it needs and the revenue it has. */
export function labSideTable(lab: LabSide): Block {
  const providers = [...new Set(lab.years.flatMap((y) => Object.keys(y.byProvider)))];
  return table(
    [
      ["year", "year"],
      ...providers.map((p): [string, string] => [`p:${p}`, `spend with ${p}`]),
      ["total", "compute spend"],
      ["needed", `revenue needed at ${pct(lab.grossMargin.value)} gross margin`],
      ["revenue", "revenue on the growth path"],
      ["coverage", "revenue / needed"],
    ],
    lab.years
      .filter((y) => y.totalUsd > 0)
      .map((y) => ({
        year: y.year,
        ...Object.fromEntries(providers.map((p) => [`p:${p}`, B(y.byProvider[p] ?? 0)])),
        total: B(y.totalUsd),
        needed: B(y.neededUsd),
        revenue: B(y.revenueUsd),
        coverage: y.revenueUsd > 0 ? `${formatNumber(y.coverage, 2)}x` : "",
      })),
    `Can ${lab.lab} pay? Its compute bill against its revenue`,
    lab.notes.join("; "),
  );
}
