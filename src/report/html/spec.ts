/**
 * What an HTML report shows, as plain data: sections of key figures, charts, tables and notes.
 * Charts are given as numbers in SI base units with a unit for axis labels; the renderer picks
 * the chart type, colours and formatting.
 */
import type { Measure } from "../../units/format.js";
import type { Block, Cell, Column } from "../document.js";

/**
 * How values are labelled on axes, in tooltips and on reference lines: a quantity kind (values in
 * its SI unit) and an optional suffix, formatted by the one formatter of `units/format.ts`
 * (`{kind: "money"}` -> $1.2B, `{kind: "power"}` -> 5 GW, `{kind: "money", suffix: "/M tokens"}`).
 */
export type ChartUnit = Measure;

/** Which statistic of an output a figure shows. */
export type Stat = "nominal" | "p5" | "p50" | "p95";

/**
 * Where a figure comes from, for the test that every figure shown twice is the same figure: the
 * output it shows and which statistic of it. Rendered as `data-output` and `data-stat`.
 */
export interface FigureRef {
  output: string;
  stat: Stat;
  /** The number shown, in SI units (rendered as `data-value`, for tests that compare figures). */
  value?: number;
}

/** A value in text, tagged with the output it shows. */
export interface TaggedText extends Partial<FigureRef> {
  text: string;
}

/** A paragraph: text and tagged figures, in order. */
export type Inline = string | TaggedText;

/** One source's reading of a conflicting input, and what it gives. */
export interface FigureCase {
  /** The reading ("chip-hour price $2.24/h"). */
  label: string;
  /** The figure with it. */
  value: string;
  sources: string[];
}

/** A headline number with its range and where it comes from. */
export interface KeyFigure {
  label: string;
  /** The value, formatted for people ("5 GW", "$13B"): the median when sampled, else the nominal. */
  value: string;
  /** The output and statistic `value` shows. */
  ref?: FigureRef;
  /** Its p5-p95 range, formatted, and the numbers (SI units) when known. */
  range?: { p5: string; p95: string; values?: [p5: number, p95: number] };
  /** The scenario's nominal case, when it differs from `value`, and why. */
  nominal?: { value: string; reason: string; number?: number };
  /** Each source's reading of a conflicting input that moves this figure, with its result. */
  cases?: FigureCase[];
  /** Source ids it traces to (linked to the report's sources table when it lists them). */
  sources?: string[];
  /** What limits it (the binding constraint), if it has one. */
  limit?: string;
  /** The arithmetic behind it, shown when the value is clicked. */
  formula?: string;
  note?: string;
}

/** A table cell that links, or that shows a tagged figure. */
export interface RichCell extends Partial<FigureRef> {
  text: string;
  /** A web address (http or https) the text links to. */
  href?: string;
  /** Source ids, linked to the report's sources table (the text is used when none is listed there). */
  sources?: string[];
}

/** A cell of an HTML table: a text report's cell, or a rich one. */
export type HtmlCell = Cell | RichCell;

/** A table: the report document's table shape (`kind` optional). */
export interface HtmlTable {
  title?: string;
  columns: Column[];
  rows: Record<string, HtmlCell>[];
  /** Element ids of the rows, for links to them ("source-seed-003"). */
  rowIds?: (string | undefined)[];
  note?: string;
}

/** One named series of values, one per category. */
export interface Series {
  label: string;
  values: (number | null)[];
  /** CSS colour; by default the palette's next colour. */
  color?: string;
}

/** A vertical or horizontal reference line on the value axis (a capacity, a target, a base). */
export interface Marker {
  value: number;
  label: string;
  color?: string;
}

interface ChartBase {
  title: string;
  /** A sentence under the chart saying what it shows and where the numbers come from. */
  caption?: string;
  /** Unit of the value axis. */
  unit?: ChartUnit;
  /** Axis title of the value axis. */
  valueLabel?: string;
  /** Height of the plot in CSS pixels on a wide screen (default 320). */
  height?: number;
}

/** Bars stacked per category: capacity ramp by chip generation per year, cost breakdowns. */
export interface StackedBarChart extends ChartBase {
  kind: "stackedBar";
  categories: string[];
  series: Series[];
  markers?: Marker[];
}

/** Bars side by side per category: annual cash flows per party (negative values allowed). */
export interface GroupedBarChart extends ChartBase {
  kind: "groupedBar";
  categories: string[];
  series: Series[];
  markers?: Marker[];
}

/**
 * Horizontal bars stacked per category: a step-time or memory breakdown, with markers for what
 * it is measured against (HBM capacity, a step-time target).
 */
export interface HorizontalStackedBarChart extends ChartBase {
  kind: "horizontalStackedBar";
  categories: string[];
  series: Series[];
  markers?: Marker[];
}

/** Lines through (x, y) points: a throughput-latency curve. */
export interface LineChart extends ChartBase {
  kind: "line";
  series: { label: string; points: [x: number, y: number][]; color?: string }[];
  /** Unit and title of the x axis (`unit` and `valueLabel` are the y axis's). */
  xUnit?: ChartUnit;
  xLabel?: string;
  /** Logarithmic axes. */
  xLog?: boolean;
  yLog?: boolean;
  /** Vertical lines at x values (a latency target). */
  markers?: Marker[];
}

/**
 * The distribution of one Monte Carlo output: the samples are binned here (only the counts go
 * into the page), with lines at p5, p50 and p95. Non-finite samples are left out and counted in
 * the caption.
 */
export interface HistogramChart extends ChartBase {
  kind: "histogram";
  samples: ArrayLike<number>;
  /** Number of bins (default: Freedman-Diaconis, between 10 and 60). */
  bins?: number;
  /** Percentile lines; computed from the samples when omitted. */
  percentiles?: { p5: number; p50: number; p95: number };
}

/**
 * A tornado: for each input, the output with that input at its low and at its high bound
 * (others nominal), around the base value. `sensitivity()`'s rows fit as they are.
 */
export interface TornadoChart extends ChartBase {
  kind: "tornado";
  /** The output at nominal inputs. */
  base: number;
  rows: { input: string; outputAtLow: number; outputAtHigh: number }[];
  /** Display names of inputs, e.g. with their bounds ("PUE (1.08 - 1.3)"). */
  inputLabels?: Record<string, string>;
  /** Rows shown, largest swing first (default 12). */
  maxRows?: number;
}

export type ChartSpec =
  | StackedBarChart
  | GroupedBarChart
  | HorizontalStackedBarChart
  | LineChart
  | HistogramChart
  | TornadoChart;

export type ChartKind = ChartSpec["kind"];

/**
 * A titled part of the report. Its parts appear in this order: intro, figures, charts, blocks,
 * tables, notes.
 */
export interface HtmlSection {
  title: string;
  /** A paragraph under the title. */
  intro?: string | Inline[];
  figures?: KeyFigure[];
  charts?: ChartSpec[];
  /** Blocks of a text report's `Doc` (tables, key-value lists, text), shown as they are. */
  blocks?: Block[];
  tables?: HtmlTable[];
  notes?: string[];
}

/** A whole report. */
export interface HtmlReportSpec {
  title: string;
  subtitle?: string;
  sections: HtmlSection[];
  /** A line at the bottom: what produced the report (version, seed, samples, date). */
  footer?: string;
}
