/** Capacity: the fleet by generation, and the deal's ramp by generation year by year. */
import type { CapacityResult } from "../../capacity/index.js";
import type { DealResult } from "../../deal/index.js";
import { formatQuantity } from "../../units/format.js";
import type { ChartSpec, HtmlSection, HtmlTable } from "../html/spec.js";
import { type Context, defined, keyFigure } from "./context.js";

/** A chip generation's name, from the deal's or the fleet's catalog entry. */
export function chipName(d: DealResult | undefined, cap: CapacityResult | undefined, id: string): string {
  return (
    d?.generations.find((g) => g.chip === id)?.unit.chip.name ??
    cap?.generations.find((g) => g.chip === id)?.name ??
    id
  );
}

export function capacitySection(ctx: Context): HtmlSection | undefined {
  const { capacity: cap, deal: d } = ctx.result;
  if (!cap && !d) return undefined;
  const charts: ChartSpec[] = [];
  if (d?.years.length) {
    const years = d.years.map((y) => String(y.year));
    const gens = d.generations.map((g) => g.chip);
    charts.push({
      kind: "stackedBar",
      title: "Chips installed by generation",
      unit: { kind: "count" },
      valueLabel: "chips at the end of the year",
      categories: years,
      series: gens.map((g) => ({ label: chipName(d, cap, g), values: d.years.map((y) => y.chips[g] ?? 0) })),
      caption: "From the deal's capacity ramp: chips installed at the end of each year, by generation.",
    });
    const facilityW = new Map(d.generations.map((g) => [g.chip, g.unit.facilityPeakW.value]));
    const markers = [
      d.deal.committedPowerW
        ? {
            value: d.deal.committedPowerW,
            label: `committed ${formatQuantity(d.deal.committedPowerW, "power")}`,
          }
        : undefined,
      cap
        ? {
            value: cap.power.value,
            label: `capacity section ${formatQuantity(cap.power.value, "power")}`,
            color: "#000",
          }
        : undefined,
    ].filter(defined);
    charts.push({
      kind: "stackedBar",
      title: "Power online by generation",
      unit: { kind: "power" },
      valueLabel: "facility power at the end of the year",
      categories: years,
      series: gens.map((g) => ({
        label: chipName(d, cap, g),
        values: d.years.map((y) => (y.chips[g] ?? 0) * (facilityW.get(g) ?? 0)),
      })),
      markers,
      caption:
        "Chips at the end of each year times each generation's facility power per chip (TDP at average load, server overhead, PUE), at the nominal inputs.",
    });
  }
  const tables: HtmlTable[] = [];
  if (cap) {
    tables.push({
      title: "The fleet under the capacity section's power (nominal inputs)",
      columns: [
        { key: "gen", label: "generation" },
        { key: "share", label: "share of power", align: "right" },
        { key: "chips", label: "chips", align: "right" },
        { key: "power", label: "facility power", align: "right" },
        { key: "w", label: "facility power per chip", align: "right" },
        { key: "flops", label: "peak BF16", align: "right" },
      ],
      rows: cap.generations.map((g) => ({
        gen: g.name,
        share: formatQuantity(g.share, "fraction"),
        chips: formatQuantity(g.chips.value, "count"),
        power: formatQuantity(g.power.value, "power"),
        w: formatQuantity(g.unit.facilityPeakW.value, "power"),
        flops: g.peakFlops.bf16 ? formatQuantity(g.peakFlops.bf16.value, "computeRate") : "",
      })),
    });
  }
  const figures = [
    keyFigure(ctx, "capacity.deliveredFlopsBf16", { traced: cap?.deliveredFlops.bf16 }),
    keyFigure(ctx, "capacity.homesEU", { traced: cap?.homesEU }),
    keyFigure(ctx, "deal.peakFlopsAtFullRamp", {}),
    keyFigure(ctx, "deal.maxPower", { traced: d?.totals.maxPowerW }),
  ].filter(defined);
  return {
    title: "Capacity",
    intro: ctx.result.limits.capacity ? `Sizing: ${ctx.result.limits.capacity}.` : undefined,
    figures,
    charts,
    tables,
    notes: cap?.notes.length ? cap.notes : undefined,
  };
}
