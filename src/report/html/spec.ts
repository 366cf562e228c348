/**
 * What an HTML report shows, as plain data: sections of key figures, charts, tables and notes.
 * Charts are given as numbers in SI base units with a unit for axis labels; the renderer picks
 * the chart type, colours and formatting.
 */
import type { Block, Cell, Column } from "../document.js";

/**
 * How values are labelled on axes and in tooltips: `"$"` (money: $1.2B), `"%"` (a fraction
 * shown as a percentage), `"s"` (durations: ms, s, min, h, days, years), `""` (a plain count:
 * 12k, 3.4M) or any other unit given SI prefixes (`"W"` -> 5 GW, `"FLOP/s"` -> 1.2 EFLOP/s,
 * `"B"` -> 96 GB, `"J"` -> 44 TJ).
 */
export type ChartUnit = string;

/** A headline number with its range and where it comes from. */
export interface KeyFigure {
  label: string;
  /** The value, formatted for people ("5 GW", "$13B"). */
  value: string;
  /** Its p5-p95 range, formatted. */
  range?: { p5: string; p95: string };
  /** Where it comes from: the sources or inputs it traces to. */
  source?: string;
  /** What limits it (the binding constraint), if it has one. */
  limit?: string;
  note?: string;
}

/** A table: the report document's table shape (`kind` optional). */
export interface HtmlTable {
  title?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
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
  intro?: string;
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
