/**
 * Uncertainty: the distribution of each headline output, the inputs that move the outputs most
 * (tornadoes), every output's nominal value and percentiles, and the inputs as sampled.
 */
import { uncertainInputs } from "../../scenario/inputs.js";
import { formatOutput, outputLabel } from "../../scenario/outputs.js";
import { isCase } from "../../uncertainty/cases.js";
import type { Tornado } from "../../uncertainty/sensitivity.js";
import type { Distribution } from "../../uncertainty/summary.js";
import { bounds } from "../../uncertainty/value.js";
import { formatNumber } from "../../units/format.js";
import type { ChartSpec, HtmlSection, HtmlTable, Stat } from "../html/spec.js";
import { describeUncertain, inputLabel, inputName, inputText } from "../inputs.js";
import { type Context, chartUnit, defined, lowerFirst, outputTitle, sampled, sourcesIn } from "./context.js";
import { HEADLINE_OUTPUTS } from "./headline.js";

/** The distribution of one output's samples (shares of samples when it takes few values). */
function histogram(output: string, d: Distribution): ChartSpec {
  const text = (v: number) => formatOutput(output, v);
  return {
    kind: "histogram",
    title: outputTitle(output),
    unit: chartUnit(output),
    valueLabel: outputLabel(output),
    samples: d.samples,
    caption: `p5 ${text(d.p5)}, p50 ${text(d.p50)}, p95 ${text(d.p95)}.`,
    height: 240,
  };
}

function tornadoChart(ctx: Context, t: Tornado): ChartSpec {
  const inputs = uncertainInputs(ctx.s);
  return {
    kind: "tornado",
    title: `What moves ${lowerFirst(outputTitle(t.output))}`,
    unit: chartUnit(t.output),
    valueLabel: outputLabel(t.output),
    base: t.base,
    // Inputs that leave this output where it is say nothing here (the inputs table lists them all).
    rows: t.rows
      .filter((r) => r.swing > 0 || r.nonFinite)
      .map((r) => ({ input: r.input, outputAtLow: r.outputAtLow, outputAtHigh: r.outputAtHigh })),
    inputLabels: Object.fromEntries(
      t.rows.map((r) => [r.input, inputLabel(r.input, r.low, r.high, ctx.s, inputs[r.input])]),
    ),
    caption: `Each input at its low and high bound with the others at nominal; base ${formatOutput(t.output, t.base)}.`,
  };
}

/** Every output: its nominal value and percentiles, each tagged with what it shows. */
function everyOutputTable(ctx: Context): HtmlTable {
  const names = Object.keys(ctx.monteCarlo!.outputs);
  const cell = (output: string, stat: Stat, v: number | undefined) =>
    v === undefined || !Number.isFinite(v)
      ? "n/a"
      : { text: formatOutput(output, v), output, stat, value: v };
  return {
    title: "Every output",
    columns: [
      { key: "output", label: "output" },
      { key: "nominal", label: "nominal", align: "right" },
      { key: "p5", label: "p5", align: "right" },
      { key: "p50", label: "p50", align: "right" },
      { key: "p95", label: "p95", align: "right" },
    ],
    rows: names.map((name) => {
      const d = sampled(ctx.monteCarlo, name);
      return {
        output: `${outputTitle(name)} (${name})`,
        nominal: cell(name, "nominal", ctx.result.outputs[name]),
        p5: cell(name, "p5", d?.p5),
        p50: cell(name, "p50", d?.p50),
        p95: cell(name, "p95", d?.p95),
      };
    }),
  };
}

function inputsTable(ctx: Context): HtmlTable | undefined {
  const inputs = uncertainInputs(ctx.s);
  const paths = Object.keys(inputs);
  if (paths.length === 0) return undefined;
  return {
    title: "Uncertain inputs",
    columns: [
      { key: "input", label: "input" },
      { key: "dist", label: "distribution" },
      { key: "range", label: "bounds", align: "right" },
      { key: "sources", label: "sources" },
    ],
    rows: paths.map((p) => {
      const u = inputs[p]!;
      const [lo, hi] = bounds(u);
      return {
        input: `${inputName(p, ctx.s)} (${p})`,
        dist: isCase(u) ? `cases: ${describeUncertain(u)}` : describeUncertain(u),
        range: `${inputText(u, lo)} to ${inputText(u, hi)}`,
        sources: { text: "", sources: ctx.sources.cite(sourcesIn(u)) },
      };
    }),
    note: "Cases are read apart, not sampled together: the Monte Carlo holds them at their first reading (see Cases).",
  };
}

export function uncertaintySection(ctx: Context, tornado: Tornado[] | undefined): HtmlSection | undefined {
  const mc = ctx.monteCarlo;
  if (!mc && !tornado?.length) return undefined;
  const charts: ChartSpec[] = [];
  for (const name of HEADLINE_OUTPUTS) {
    const d = sampled(mc, name);
    if (d) charts.push(histogram(name, d));
  }
  for (const t of tornado ?? []) charts.push(tornadoChart(ctx, t));
  const notes = [
    mc
      ? `${formatNumber(mc.samples)} samples, seed ${mc.seed}: the same seed gives the same report.`
      : undefined,
    ...(mc?.warnings ?? []),
  ].filter(defined);
  return {
    title: "Uncertainty",
    intro:
      "How sure the figures are: the distribution of each headline output over the Monte Carlo samples (shares of the samples where an output takes only a few values), and the inputs that move the outputs most.",
    charts,
    tables: [mc ? everyOutputTable(ctx) : undefined, inputsTable(ctx)].filter(defined),
    notes: notes.length ? notes : undefined,
  };
}
