/** Cash flows per party, year by year, and what they add up to (margin, NPV, IRR). */
import { monthSpan } from "../../deal/index.js";
import { formatCount, formatMoney, formatQuantity } from "../../units/format.js";
import { marginNote } from "../deal.js";
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
    keyFigure(ctx, "deal.labSpend", {
      traced: t.labSpend,
      note: `what ${lab} pays ${provider}: usage at the market price, never below the take-or-pay floor`,
    }),
    keyFigure(ctx, "deal.providerMargin", {
      traced: t.providerMargin,
      note: `${provider}'s revenue from ${lab} less depreciation, electricity and other opex; ${marginNote(d)}`,
    }),
    keyFigure(ctx, "deal.providerIrr", {
      note: `on ${provider}'s cash: capex as it is spent (refreshes included), running costs, revenue, and the servers left at their book value`,
    }),
    keyFigure(ctx, "deal.investmentWithMilestones", {
      sources: [...t.investment.sources, ...t.contingentInvestment.sources],
      formula: `${t.investment.formula}; ${t.contingentInvestment.formula}`,
    }),
    keyFigure(ctx, "deal.stake", {
      traced: t.stake,
      note: investor
        ? `${investor}'s tranches through ${lab}'s rounds: notes convert at the next round, later rounds dilute`
        : undefined,
    }),
    keyFigure(ctx, "deal.stakeValue", { traced: t.stakeValue }),
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
          note: `the rate at which ${investor}'s investments and what comes back to it (its cash as provider, its stake at the end) net to zero; on the stake alone ${d.irr.equity !== undefined ? formatQuantity(d.irr.equity, "fraction") : "n/a"} (nominal inputs)`,
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
        caption: `${provider}'s cost is its operating cost of the power online (depreciation of servers over their life and of buildings over theirs, electricity, other opex); its margin is revenue minus that cost. ${investor ? `${investor}'s money back is ${lab}'s spend with it.` : ""} Series with the same numbers are drawn once.`,
      },
    ],
    tables: [
      {
        title: "Year by year (nominal inputs)",
        columns: [
          { key: "year", label: "year" },
          { key: "power", label: "power (end)", align: "right" },
          { key: "spend", label: `${lab} spend`, align: "right" },
          { key: "basis", label: "set by" },
          { key: "cost", label: `${provider} cost`, align: "right" },
          { key: "margin", label: `${provider} margin`, align: "right" },
          { key: "capex", label: `${provider} capex`, align: "right" },
          { key: "out", label: investor ? `${investor} invests` : "investment", align: "right" },
          { key: "back", label: "cumulative back", align: "right" },
          { key: "runs", label: "frontier-sized runs", align: "right" },
          { key: "tokens", label: "tokens served", align: "right" },
        ],
        rows: ys.map((y) => ({
          year: String(y.year),
          power: orDash(y.powerEndW, (v) => formatQuantity(v, "power")),
          spend: orDash(y.labSpendUsd, formatMoney),
          basis: y.labSpendUsd > 0 ? (y.floorUsd > y.usageUsd + 1 ? "floor" : "usage") : "",
          cost: orDash(y.providerCostUsd, formatMoney),
          margin: orDash(y.providerMarginUsd, formatMoney),
          capex: orDash(y.capexUsd, formatMoney),
          out: orDash(y.investorOutUsd, formatMoney),
          back: orDash(y.cumulative.investorBackUsd, formatMoney),
          runs: orDash(y.frontierRuns, (v) => formatCount(v, "", { digits: 2 })),
          tokens: orDash(y.tokensServed, (v) => formatCount(v, "", { digits: 2 })),
        })),
      },
      {
        title: "Cohorts of capacity",
        columns: [
          { key: "chip", label: "chip" },
          { key: "power", label: "power", align: "right" },
          { key: "chips", label: "chips", align: "right" },
          { key: "install", label: "installed" },
          { key: "retire", label: "retired" },
          { key: "what", label: "what" },
          { key: "capex", label: "capex", align: "right" },
        ],
        rows: d.vintages.map((v) => ({
          chip: v.chip.name,
          power: formatQuantity(v.powerW, "power"),
          chips: formatCount(Math.floor(v.powerW / v.unit.facilityPeakW.value), ""),
          install: monthSpan(v.install.from, v.install.to),
          retire: monthSpan(v.retire.from, v.retire.to),
          what: v.existing
            ? "online before the deal"
            : v.refreshes !== undefined
              ? `refresh of #${v.refreshes + 1}`
              : "new",
          capex: formatMoney((v.powerW / v.unit.facilityPeakW.value) * v.unit.capex.total.value),
        })),
        note: "Each cohort serves the server life and is then refreshed with the latest generation that delivers at least its FP8 FLOP per watt (or, with a stated retirement, then).",
      },
      ...(d.stakeHistory.steps.length
        ? [
            {
              title: `${investor ?? "The investor"}'s stake in ${lab}`,
              columns: [
                { key: "date", label: "date" },
                { key: "event", label: "event" },
                { key: "stake", label: "stake after", align: "right" as const },
                { key: "value", label: "at the latest post-money", align: "right" as const },
              ],
              rows: d.stakeHistory.steps.map((x) => ({
                date: x.date,
                event: x.event,
                stake: formatQuantity(x.stake, "fraction"),
                value: orDash(x.valueUsd, formatMoney),
              })),
              note: "Equity buys at its post-money; notes convert at the next priced round; each later round dilutes what is held; a stake the sources report replaces the arithmetic.",
            },
          ]
        : []),
    ],
    notes: d.notes.length ? d.notes : undefined,
  };
}
