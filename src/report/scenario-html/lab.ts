/** Can the lab pay? Its compute bill per provider per year against the revenue it needs and has. */
import { formatMoney, formatNumber } from "../../units/format.js";
import type { HtmlSection } from "../html/spec.js";
import { type Context, defined, keyFigure } from "./context.js";

export function labSection(ctx: Context): HtmlSection | undefined {
  const lab = ctx.result.lab;
  if (!lab) return undefined;
  const years = lab.years.filter((y) => y.totalUsd > 0);
  if (years.length === 0) return undefined;
  const providers = [...new Set(years.flatMap((y) => Object.keys(y.byProvider)))];
  ctx.sources.cite(lab.grossMargin.sources, lab.revenueGrowth.sources, lab.base.sources);
  const figures = [
    keyFigure(ctx, "deal.labComputeSpendAtFullRamp", { label: `${lab.lab}'s compute bill at full ramp` }),
    keyFigure(ctx, "deal.labRevenueNeededAtFullRamp", {
      label: "Revenue it needs",
      note: `the bill / (1 - its ${formatNumber(lab.grossMargin.value * 100, 2)}% gross margin), counting all compute as cost of revenue`,
    }),
    keyFigure(ctx, "deal.labRevenueAtFullRamp", {
      label: "Revenue on its growth path",
      note: `${formatMoney(lab.base.valueUsd)} of run-rate (${lab.base.date}) growing ${formatNumber(lab.revenueGrowth.value, 3)}x a year`,
    }),
    keyFigure(ctx, "deal.labCoverageAtFullRamp", { label: "Revenue over revenue needed" }),
  ].filter(defined);
  return {
    title: `Can ${lab.lab} pay?`,
    intro: `${lab.lab}'s spend each year with each provider (this deal and its other binding deals in the catalog), the revenue it needs to carry it at its gross margin, and the revenue its latest run-rate grows to.`,
    figures,
    charts: [
      {
        kind: "stackedBar",
        title: `${lab.lab}'s compute spend per provider`,
        unit: { kind: "money" },
        valueLabel: "US$ per year",
        categories: years.map((y) => String(y.year)),
        series: providers.map((p) => ({ label: p, values: years.map((y) => y.byProvider[p] ?? 0) })),
        caption: lab.notes.join(" "),
      },
    ],
    tables: [
      {
        title: "Year by year (nominal inputs)",
        columns: [
          { key: "year", label: "year" },
          { key: "total", label: "compute spend", align: "right" },
          { key: "needed", label: "revenue needed", align: "right" },
          { key: "revenue", label: "revenue on the growth path", align: "right" },
          { key: "coverage", label: "revenue / needed", align: "right" },
        ],
        rows: years.map((y) => ({
          year: String(y.year),
          total: formatMoney(y.totalUsd),
          needed: formatMoney(y.neededUsd),
          revenue: y.revenueUsd > 0 ? formatMoney(y.revenueUsd) : "\u2013",
          coverage: y.revenueUsd > 0 ? `${formatNumber(y.coverage, 2)}x` : "\u2013",
        })),
      },
    ],
  };
}
