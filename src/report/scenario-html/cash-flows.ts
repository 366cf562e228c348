/** Cash flows per party, year by year, and what they add up to (margin, NPV, IRR). */
import { formatCount, formatMoney, formatQuantity } from "../../units/format.js";
import type { HtmlSection } from "../html/spec.js";
import { type Context, defined, keyFigure } from "./context.js";

/** A year's value, or a dash where there is none yet (no power online, no spend). */
const orDash = (v: number, text: (v: number) => string) => (v === 0 ? "\u2013" : text(v));

export function cashFlowSection(ctx: Context): HtmlSection | undefined {
  const d = ctx.result.deal;
  if (!d || d.years.length === 0) return undefined;
  const { lab, provider, investor } = d.deal;
  const ys = d.years;
  const t = d.totals;
  const figures = [
    keyFigure(ctx, "deal.labSpend", { traced: t.labSpend, note: `what ${lab} pays ${provider}` }),
    keyFigure(ctx, "deal.providerMargin", {
      traced: t.providerMargin,
      note: `${provider}'s revenue from ${lab} minus the capacity's cost of ownership`,
    }),
    keyFigure(ctx, "deal.investmentWithMilestones", {
      sources: [...t.investment.sources, ...t.contingentInvestment.sources],
      formula: `${t.investment.formula}; ${t.contingentInvestment.formula}`,
    }),
    {
      label: `NPV for ${lab}`,
      value: formatMoney(d.npv.lab.value),
      formula: d.npv.lab.formula,
      note: `the investment received less the spend, each year discounted at ${formatQuantity(d.discountRate, "fraction")} a year (nominal inputs)`,
    },
    d.irr.investor !== undefined
      ? {
          label: `${investor} IRR`,
          value: formatQuantity(d.irr.investor, "fraction"),
          note: `the rate at which ${investor}'s investments and what comes back to it (revenue from ${lab}, the stake) net to zero (nominal inputs)`,
        }
      : undefined,
  ].filter(defined);
  return {
    title: "Cash flows",
    intro: `Money per party per year, in US$ of each year, at the nominal inputs. ${ctx.result.limits.deal ? `What the compute buys: ${ctx.result.limits.deal}.` : ""}`,
    figures,
    charts: [
      {
        kind: "groupedBar",
        title: "Annual cash flows per party",
        unit: { kind: "money" },
        valueLabel: "US$ per year",
        categories: ys.map((y) => String(y.year)),
        series: [
          { label: `${lab} spend`, values: ys.map((y) => y.labSpendUsd) },
          { label: `${provider} revenue`, values: ys.map((y) => y.providerRevenueUsd) },
          { label: `${provider} cost`, values: ys.map((y) => y.providerCostUsd) },
          { label: `${provider} margin`, values: ys.map((y) => y.providerMarginUsd) },
          ...(investor
            ? [
                { label: `${investor} invests`, values: ys.map((y) => y.investorOutUsd) },
                { label: `${investor} back as revenue`, values: ys.map((y) => y.investorBackUsd) },
              ]
            : []),
        ].filter((s) => s.values.some((v) => v !== 0)),
        caption: `${provider}'s cost is the capacity TCO of the power online; its margin is revenue minus that cost. ${investor ? `${investor}'s money back is ${lab}'s spend with it.` : ""} Series with the same numbers are drawn once.`,
      },
    ],
    tables: [
      {
        title: "Year by year (nominal inputs)",
        columns: [
          { key: "year", label: "year" },
          { key: "power", label: "power (end)", align: "right" },
          { key: "spend", label: `${lab} spend`, align: "right" },
          { key: "cost", label: `${provider} cost`, align: "right" },
          { key: "margin", label: `${provider} margin`, align: "right" },
          { key: "out", label: investor ? `${investor} invests` : "investment", align: "right" },
          { key: "back", label: "cumulative back", align: "right" },
          { key: "runs", label: "frontier runs", align: "right" },
          { key: "tokens", label: "tokens served", align: "right" },
        ],
        rows: ys.map((y) => ({
          year: String(y.year),
          power: orDash(y.powerEndW, (v) => formatQuantity(v, "power")),
          spend: orDash(y.labSpendUsd, formatMoney),
          cost: orDash(y.providerCostUsd, formatMoney),
          margin: orDash(y.providerMarginUsd, formatMoney),
          out: orDash(y.investorOutUsd, formatMoney),
          back: orDash(y.cumulative.investorBackUsd, formatMoney),
          runs: orDash(y.trainingRuns, (v) => formatCount(v, "", { digits: 2 })),
          tokens: orDash(y.tokensServed, (v) => formatCount(v, "", { digits: 2 })),
        })),
      },
    ],
    notes: d.notes.length ? d.notes : undefined,
  };
}
