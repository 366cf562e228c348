/** Costs: the fleet's capital by line item, its running cost per year, and per chip-hour. */
import { value } from "../../scenario/inputs.js";
import { formatMoney } from "../../units/format.js";
import { SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "../../units/quantity.js";
import type { ChartSpec, HtmlSection } from "../html/spec.js";
import { type Context, defined, keyFigure, nonZero } from "./context.js";
export function costSection(ctx: Context): HtmlSection | undefined {
  const cap = ctx.result.capacity;
  if (!cap) return undefined;
  const gens = cap.generations;
  const names = gens.map((g) => g.name);
  const per = (pick: (g: (typeof gens)[number]) => number) => gens.map(pick);
  const hours = SECONDS_PER_YEAR / SECONDS_PER_HOUR;
  const price = value(ctx.s.hardware?.pricePerChipHour);
  const charts: ChartSpec[] = [
    {
      kind: "stackedBar",
      title: "Capital cost by line item",
      unit: { kind: "money" },
      valueLabel: "US$",
      categories: names,
      series: nonZero([
        { label: "accelerators", values: per((g) => g.chips.value * g.unit.capex.accelerator.value) },
        { label: "other server parts", values: per((g) => g.chips.value * g.unit.capex.servers.value) },
        { label: "network", values: per((g) => g.chips.value * g.unit.capex.network.value) },
        { label: "facility", values: per((g) => g.chips.value * g.unit.capex.facility.value) },
      ]),
      caption: `Chips of each generation times its capital cost per chip; ${cap.capex.total.formula}.`,
    },
    {
      kind: "stackedBar",
      title: "Running cost per year",
      unit: { kind: "money" },
      valueLabel: "US$ per year",
      categories: names,
      series: nonZero([
        { label: "depreciation", values: per((g) => g.chips.value * g.unit.perYear.depreciation.value) },
        {
          label: "cost of capital",
          values: per((g) => g.chips.value * g.unit.perYear.costOfCapital.value),
        },
        { label: "electricity", values: per((g) => g.chips.value * g.unit.perYear.electricity.value) },
      ]),
      caption: `The whole fleet for a year; ${cap.perYear.total.formula}.`,
    },
    {
      kind: "stackedBar",
      title: "Cost per chip-hour",
      unit: { kind: "money", suffix: "/h" },
      valueLabel: "US$ per chip-hour",
      categories: names,
      series: nonZero([
        { label: "depreciation", values: per((g) => g.unit.perYear.depreciation.value / hours) },
        { label: "cost of capital", values: per((g) => g.unit.perYear.costOfCapital.value / hours) },
        { label: "electricity", values: per((g) => g.unit.perYear.electricity.value / hours) },
      ]),
      markers:
        price !== undefined
          ? [
              {
                value: price * SECONDS_PER_HOUR,
                label: `price paid ${formatMoney(price * SECONDS_PER_HOUR)}/h`,
              },
            ]
          : undefined,
      caption: "The provider's total cost of ownership per chip-hour against the price the scenario pays.",
    },
  ];
  const cloud = gens.flatMap((g) =>
    g.cloudPrices.map((p) => ({
      gen: g.name,
      system: p.system,
      kind: p.kind,
      price: `${formatMoney(p.usdPerChipHour)}/h`,
      tco: `${formatMoney(g.unit.tcoPerChipHour.value)}/h`,
      where: [p.region, p.date].filter(defined).join(", "),
      sources: { text: "", sources: ctx.sources.cite(p.sources) },
    })),
  );
  const capex = cap.capex;
  return {
    title: "Costs",
    figures: [
      keyFigure(ctx, "capacity.capex", { traced: capex.total }),
      {
        label: "Running cost per year",
        value: formatMoney(cap.perYear.total.value),
        formula: cap.perYear.total.formula,
        sources: ctx.sources.cite(cap.perYear.total.sources),
        note: "nominal inputs",
      },
      keyFigure(ctx, "capacity.tcoPerChipHour", { traced: cap.tcoPerChipHour }),
      keyFigure(ctx, "serving.usdPerMOutputAtTco", {}),
    ].filter(defined),
    charts,
    tables: [
      {
        title: "Capital cost",
        columns: [
          { key: "item", label: "line item" },
          { key: "value", label: "US$", align: "right" },
          { key: "formula", label: "arithmetic" },
        ],
        rows: (
          [
            ["accelerators", capex.accelerators],
            ["other server parts", capex.servers],
            ["network", capex.network],
            ["facility", capex.facility],
            ["total", capex.total],
          ] as const
        ).map(([item, t]) => ({ item, value: formatMoney(t.value), formula: t.formula })),
      },
      ...(cloud.length
        ? [
            {
              title: "TCO per chip-hour beside cloud prices",
              columns: [
                { key: "gen", label: "generation" },
                { key: "tco", label: "TCO", align: "right" as const },
                { key: "system", label: "system" },
                { key: "price", label: "price", align: "right" as const },
                { key: "kind", label: "kind" },
                { key: "where", label: "region, date" },
                { key: "sources", label: "sources" },
              ],
              rows: cloud,
            },
          ]
        : []),
    ],
  };
}
