/**
 * The opening of the report: the summary paragraph, then the headline figures (what the deal
 * costs, what the compute is and buys, how circular the money is), each the median with its
 * p5-p95 range, the nominal case beside it when it differs, and its arithmetic and sources.
 */
import { fmt } from "../../capacity/index.js";
import { formatNumber, formatQuantity } from "../../units/format.js";
import { marginNote } from "../deal.js";
import type { HtmlSection } from "../html/spec.js";
import { describeUncertain } from "../inputs.js";
import { type Context, defined, keyFigure, limitHead, sourcesIn } from "./context.js";
import { servingCostNote } from "./serving.js";
import { summaryParagraph } from "./summary.js";

/** The outputs of the headline, in its order (also the distributions the uncertainty section draws). */
export const HEADLINE_OUTPUTS = [
  "deal.investment",
  "deal.committedSpend",
  "deal.labSpend",
  "capacity.power",
  "capacity.chips",
  "capacity.peakFlopsBf16",
  "capacity.energyPerYear",
  "capacity.homesUS",
  "deal.frontierRunsPerYear",
  "deal.trainingRunsPerYear",
  "serving.usdPerMOutput",
  "deal.providerMargin",
  "deal.circularity",
];

/** The summary and the headline figures. */
export function headlineSection(ctx: Context): HtmlSection | undefined {
  const { result: r } = ctx;
  const d = r.deal;
  const cap = r.capacity;
  const lim = r.limits;
  const gens = cap?.generations
    .map((g) => `${formatQuantity(g.chips.value, "count")} ${g.name} (${formatNumber(g.share * 100, 2)}%)`)
    .join(", ");
  const contingent = d?.totals.contingentInvestment.value;
  const powerInput = ctx.s.capacity?.power;
  const figures = [
    keyFigure(ctx, "deal.investment", {
      label: "Investment",
      traced: d?.totals.investment,
      note: contingent ? `${formatQuantity(contingent, "money")} more on milestones` : undefined,
    }),
    keyFigure(ctx, "deal.committedSpend", {
      label: "Commitment (floor)",
      traced: d?.totals.committedSpend,
      note: d
        ? "a take-or-pay floor: the lab pays at least this, more when it uses more at the market price"
        : undefined,
    }),
    keyFigure(ctx, "deal.labSpend", {
      label: "Spend at market",
      traced: d?.totals.labSpend,
      note: d?.totals.impliedUsdPerWYear
        ? `${fmt(d.totals.impliedUsdPerWYear.value, "usdPerWYear")} over ${formatNumber(d.totals.gwYears.value, 3)} GW-years`
        : undefined,
    }),
    keyFigure(ctx, "capacity.power", {
      label: d ? "New capacity" : "Power",
      sources: [...(d?.deal.committedPowerSources ?? []), ...(cap?.power.sources ?? [])],
      formula: cap?.power.formula,
      limit: lim.capacity,
      note: [
        powerInput ? `stated: ${describeUncertain(powerInput)}` : undefined,
        d && d.totals.existingPowerW.value > 0
          ? `at full load; with the ${formatQuantity(d.totals.existingPowerW.value, "power")} online before the deal, ${formatQuantity(d.totals.maxPowerW.value, "power")}`
          : undefined,
      ]
        .filter(defined)
        .join("; "),
    }),
    keyFigure(ctx, "capacity.chips", { label: "Chips", traced: cap?.chips, limit: lim.capacity, note: gens }),
    keyFigure(ctx, "capacity.peakFlopsBf16", {
      label: "Peak compute (BF16)",
      traced: cap?.peakFlops.bf16,
      limit: limitHead(lim.capacity),
    }),
    keyFigure(ctx, "capacity.energyPerYear", {
      label: "Energy per year",
      traced: cap?.energyPerYear,
      limit: limitHead(lim.capacity),
    }),
    keyFigure(ctx, "capacity.homesUS", { label: "US homes equivalent", traced: cap?.homesUS }),
    keyFigure(ctx, "deal.frontierRunsPerYear", {
      label: "Frontier-sized runs per year",
      traced: d?.totals.flop,
      limit: lim.deal,
      formula: d
        ? `FLOP of ${d.fullRampYear} x ${formatNumber(d.compute.trainingShare * 100, 2)}% for training / the frontier run of that year on the trend (${d.compute.frontierRun}, ${fmt(d.compute.frontierRunFlop, "compute")} in ${Math.floor(d.compute.frontierRunYear)}, x ${formatNumber(d.compute.frontierGrowth, 3)} a year)`
        : undefined,
    }),
    keyFigure(ctx, "deal.trainingRunsPerYear", {
      label: "Runs of the scenario's model per year",
      traced: d?.totals.flop,
      limit: [lim.deal, lim.training].filter(defined).join("; ") || undefined,
      formula:
        d?.compute.modelRunFlop !== undefined
          ? `FLOP of ${d.fullRampYear} x ${formatNumber(d.compute.trainingShare * 100, 2)}% for training / ${fmt(d.compute.modelRunFlop, "compute")} per run (${r.model?.name ?? "the scenario's model"} on the scenario's tokens)`
          : undefined,
    }),
    keyFigure(ctx, "serving.usdPerMOutput", {
      label: "Cost per million output tokens",
      sources: sourcesIn(ctx.s.hardware),
      limit: lim.serving,
      formula: servingCostNote(ctx),
    }),
    keyFigure(ctx, "deal.providerMargin", {
      label: "Provider's operating margin",
      traced: d?.totals.providerMargin,
      note: d ? marginNote(d) : undefined,
    }),
    keyFigure(ctx, "deal.circularity", { label: "Circularity", traced: d?.totals.circularity }),
  ].filter(defined);
  if (figures.length === 0) return undefined;
  return {
    title: "Summary",
    intro: summaryParagraph(ctx),
    figures,
    notes: [
      ctx.monteCarlo
        ? `Each figure is the median of ${formatNumber(ctx.monteCarlo.samples)} Monte Carlo samples (seed ${ctx.monteCarlo.seed}) with its p5\u2013p95 range; the nominal case (every input at its nominal value) is shown where it reads differently. Click a figure for its arithmetic and sources.`
        : "No Monte Carlo was run: each figure is the nominal case, without a range. Click a figure for its arithmetic and sources.",
    ],
  };
}
