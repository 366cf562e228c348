/**
 * Chart specs to Chart.js configurations, as JSON the page's runtime completes with functions
 * (axis and tooltip formatting, reference lines). Histograms are binned here so that only the
 * counts, not the samples, go into the page.
 */
import type { ChartConfiguration } from "chart.js";
import { quantileSorted } from "../../uncertainty/summary.js";
import { formatMeasure, type Measure } from "../../units/format.js";
import type { ChartSpec, HistogramChart, Marker, Series, TornadoChart } from "./spec.js";

/** Colour-blind-safe palette (Okabe and Ito), darkest first, yellow last. */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#D55E00",
  "#CC79A7",
  "#56B4E9",
  "#555555",
  "#F0E442",
];

/** How the page's runtime finishes a chart: which scales get unit labels, tooltips, markers. */
export interface PageChart {
  id: string;
  kind: ChartSpec["kind"];
  config: ChartConfiguration;
  /** Scales whose ticks are formatted with a unit. */
  units: { axis: "x" | "y"; unit: Measure }[];
  /**
   * Tooltip style: a value on `axis`, a histogram bin, a share of samples (an output with few
   * distinct values), a tornado bar, or an (x, y) point.
   */
  tooltip: {
    mode: "value" | "histogram" | "share" | "tornado" | "xy";
    axis: "x" | "y";
    unit: Measure;
    xUnit?: Measure;
  };
  markers?: { axis: "x" | "y"; lines: Marker[] };
}

/** A chart that cannot be drawn (no finite data): shown as a note instead. */
export interface EmptyChart {
  empty: string;
}

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const clean = (v: number | null | undefined) => (finite(v) ? v : null);

const PLAIN: Measure = { kind: "count" };

/**
 * Series with the same values as an earlier one are drawn once, labelled with both names ("lab
 * spend = provider revenue"): the same numbers twice would read as two quantities.
 */
export function mergeSameSeries(series: Series[]): Series[] {
  const out: Series[] = [];
  for (const s of series) {
    const same = out.find(
      (o) => o.values.length === s.values.length && o.values.every((v, i) => v === s.values[i]),
    );
    if (same) same.label = `${same.label} = ${s.label}`;
    else out.push({ ...s });
  }
  return out;
}

function datasets(series: Series[]) {
  return mergeSameSeries(series).map((s, i) => ({
    label: s.label,
    data: s.values.map(clean),
    backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
    borderColor: s.color ?? PALETTE[i % PALETTE.length],
    borderWidth: 0,
  }));
}

/** Suggested value-axis bounds that keep markers inside the plot. */
function around(markers: Marker[] | undefined) {
  const vs = (markers ?? []).map((m) => m.value).filter(finite);
  if (vs.length === 0) return {};
  return { suggestedMin: Math.min(0, ...vs), suggestedMax: Math.max(...vs) };
}

const baseOptions = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  plugins: { legend: { position: "top" as const, labels: { boxWidth: 12 } } },
};

function title(text: string | undefined) {
  return text ? { display: true, text } : { display: false };
}

function bars(
  spec: Extract<ChartSpec, { kind: "stackedBar" | "groupedBar" | "horizontalStackedBar" }>,
  id: string,
): PageChart {
  const horizontal = spec.kind === "horizontalStackedBar";
  const stacked = spec.kind !== "groupedBar";
  const valueAxis = horizontal ? "x" : "y";
  const indexAxis = horizontal ? "y" : "x";
  const unit = spec.unit ?? PLAIN;
  const sets = datasets(spec.series);
  return {
    id,
    kind: spec.kind,
    config: {
      type: "bar",
      data: { labels: spec.categories, datasets: sets },
      options: {
        ...baseOptions,
        indexAxis,
        scales: {
          [indexAxis]: { stacked, grid: { display: false } },
          [valueAxis]: { stacked, title: title(spec.valueLabel), ...around(spec.markers) },
        },
        plugins: {
          ...baseOptions.plugins,
          legend: { ...baseOptions.plugins.legend, display: sets.length > 1 },
        },
      },
    } as ChartConfiguration,
    units: [{ axis: valueAxis, unit }],
    tooltip: { mode: "value", axis: valueAxis, unit },
    markers: spec.markers?.length ? { axis: valueAxis, lines: spec.markers } : undefined,
  };
}

function line(spec: Extract<ChartSpec, { kind: "line" }>, id: string): PageChart {
  const unit = spec.unit ?? PLAIN;
  const xUnit = spec.xUnit ?? PLAIN;
  return {
    id,
    kind: spec.kind,
    config: {
      type: "line",
      data: {
        datasets: spec.series.map((s, i) => ({
          label: s.label,
          data: s.points.filter(([x, y]) => finite(x) && finite(y)).map(([x, y]) => ({ x, y })),
          borderColor: s.color ?? PALETTE[i % PALETTE.length],
          backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
          pointRadius: 2.5,
          borderWidth: 2,
          tension: 0,
        })),
      },
      options: {
        ...baseOptions,
        scales: {
          x: {
            type: spec.xLog ? "logarithmic" : "linear",
            title: title(spec.xLabel),
            ...around(spec.markers),
          },
          y: { type: spec.yLog ? "logarithmic" : "linear", title: title(spec.valueLabel) },
        },
        plugins: {
          ...baseOptions.plugins,
          legend: { ...baseOptions.plugins.legend, display: spec.series.length > 1 },
        },
      },
    } as ChartConfiguration,
    units: [
      { axis: "x", unit: xUnit },
      { axis: "y", unit },
    ],
    tooltip: { mode: "xy", axis: "y", unit, xUnit },
    markers: spec.markers?.length ? { axis: "x", lines: spec.markers } : undefined,
  };
}

/** Bin edges and counts of the finite samples, and how many were not finite. */
export function binSamples(
  samples: ArrayLike<number>,
  bins?: number,
): { edges: number[]; counts: number[]; sorted: Float64Array; nonFinite: number } {
  const values = Float64Array.from(samples).filter(Number.isFinite).sort();
  const nonFinite = samples.length - values.length;
  const n = values.length;
  if (n === 0) return { edges: [], counts: [], sorted: values, nonFinite };
  const min = values[0]!;
  const max = values[n - 1]!;
  if (min === max) return { edges: [min, max], counts: [n], sorted: values, nonFinite };
  let k = bins;
  if (!k) {
    const iqr = quantileSorted(values, 0.75) - quantileSorted(values, 0.25);
    const width = 2 * iqr * n ** (-1 / 3);
    k = width > 0 ? Math.ceil((max - min) / width) : 20;
    k = Math.min(60, Math.max(10, k));
  }
  const width = (max - min) / k;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(k - 1, Math.floor((values[i]! - min) / width))]!++;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + i * width));
  return { edges, counts, sorted: values, nonFinite };
}

/** At most this many distinct values make an output discrete: shares of samples, not a histogram. */
const MAX_DISCRETE = 8;

/** The distinct finite values of sorted samples and how many samples take each, or undefined when many. */
function distinctValues(sorted: Float64Array): { value: number; count: number }[] | undefined {
  const out: { value: number; count: number }[] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && last.value === v) last.count++;
    else if (out.length === MAX_DISCRETE) return undefined;
    else out.push({ value: v, count: 1 });
  }
  return out;
}

/** An output that takes a few values (conflicting readings, a step): each value's share of the samples. */
function shares(
  spec: HistogramChart,
  id: string,
  values: { value: number; count: number }[],
  n: number,
): PageChart {
  const unit = spec.unit ?? PLAIN;
  return {
    id,
    kind: spec.kind,
    config: {
      type: "bar",
      data: {
        labels: values.map((v) => formatMeasure(v.value, unit)),
        datasets: [
          {
            label: "share of samples",
            data: values.map((v) => v.count / n),
            backgroundColor: PALETTE[5],
            borderWidth: 0,
            maxBarThickness: 90,
          },
        ],
      },
      options: {
        ...baseOptions,
        scales: {
          x: { title: title(spec.valueLabel), grid: { display: false } },
          y: { title: { display: true, text: "share of samples" }, beginAtZero: true, max: 1 },
        },
        plugins: { ...baseOptions.plugins, legend: { display: false } },
      },
    } as ChartConfiguration,
    units: [{ axis: "y", unit: { kind: "fraction" } }],
    tooltip: { mode: "share", axis: "y", unit },
  };
}

function histogram(spec: HistogramChart, id: string): PageChart | EmptyChart {
  const unit = spec.unit ?? PLAIN;
  const { edges, counts, sorted, nonFinite } = binSamples(spec.samples, spec.bins);
  if (counts.length === 0) return { empty: `no finite samples (${nonFinite} were NaN or infinite)` };
  const few = distinctValues(sorted);
  if (few) return shares(spec, id, few, sorted.length);
  const p = spec.percentiles ?? {
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
  const data = counts.map((c, i) => ({ x: (edges[i]! + edges[i + 1]!) / 2, y: c }));
  return {
    id,
    kind: spec.kind,
    config: {
      type: "bar",
      data: {
        datasets: [
          {
            label: "samples",
            data,
            backgroundColor: PALETTE[5],
            borderColor: PALETTE[0],
            borderWidth: 0,
            barPercentage: 1,
            categoryPercentage: 1,
            grouped: false,
          },
        ],
      },
      options: {
        ...baseOptions,
        scales: {
          x: {
            type: "linear",
            offset: false,
            ticks: { includeBounds: false },
            title: title(spec.valueLabel),
            min: edges[0],
            max: edges.at(-1),
          },
          y: { title: { display: true, text: "samples" }, beginAtZero: true },
        },
        plugins: { ...baseOptions.plugins, legend: { display: false } },
      },
    } as ChartConfiguration,
    units: [{ axis: "x", unit }],
    tooltip: { mode: "histogram", axis: "x", unit },
    markers: {
      axis: "x",
      lines: [
        { value: p.p5, label: "p5", color: "#444" },
        { value: p.p50, label: "p50", color: "#000" },
        { value: p.p95, label: "p95", color: "#444" },
      ].filter((m) => finite(m.value)),
    },
  };
}

function tornado(spec: TornadoChart, id: string): PageChart | EmptyChart {
  const unit = spec.unit ?? PLAIN;
  const swing = (r: TornadoChart["rows"][number]) =>
    finite(r.outputAtLow) && finite(r.outputAtHigh)
      ? Math.max(r.outputAtLow, r.outputAtHigh, spec.base) -
        Math.min(r.outputAtLow, r.outputAtHigh, spec.base)
      : -1;
  const rows = [...spec.rows].sort((a, b) => swing(b) - swing(a)).slice(0, spec.maxRows ?? 12);
  if (rows.length === 0 || !finite(spec.base)) return { empty: "no inputs to rank" };
  const labels = rows.map((r) => spec.inputLabels?.[r.input] ?? r.input);
  const bar = (label: string, color: string, pick: (r: TornadoChart["rows"][number]) => number) => ({
    label,
    data: rows.map((r) => (finite(pick(r)) ? [spec.base, pick(r)] : null)),
    backgroundColor: color,
    borderWidth: 0,
    grouped: false,
    barPercentage: 0.8,
    categoryPercentage: 0.9,
  });
  return {
    id,
    kind: spec.kind,
    config: {
      type: "bar",
      data: {
        labels,
        datasets: [
          bar("input at its low bound", PALETTE[1]!, (r) => r.outputAtLow),
          bar("input at its high bound", PALETTE[0]!, (r) => r.outputAtHigh),
        ],
      },
      options: {
        ...baseOptions,
        indexAxis: "y",
        scales: {
          x: { title: title(spec.valueLabel) },
          y: { grid: { display: false } },
        },
      },
    } as ChartConfiguration,
    units: [{ axis: "x", unit }],
    tooltip: { mode: "tornado", axis: "x", unit },
    markers: { axis: "x", lines: [{ value: spec.base, label: "base", color: "#000" }] },
  };
}

/** The default plot height of a chart in CSS pixels. */
export function chartHeight(spec: ChartSpec): number {
  if (spec.height) return spec.height;
  if (spec.kind === "horizontalStackedBar") return Math.max(170, 90 + 44 * spec.categories.length);
  if (spec.kind === "tornado") return Math.max(170, 80 + 30 * Math.min(spec.rows.length, spec.maxRows ?? 12));
  return 320;
}

/** The page configuration of one chart, or why it cannot be drawn. */
export function pageChart(spec: ChartSpec, id: string): PageChart | EmptyChart {
  switch (spec.kind) {
    case "stackedBar":
    case "groupedBar":
    case "horizontalStackedBar":
      return bars(spec, id);
    case "line":
      return spec.series.some((s) => s.points.some(([x, y]) => finite(x) && finite(y)))
        ? line(spec, id)
        : { empty: "no finite points" };
    case "histogram":
      return histogram(spec, id);
    case "tornado":
      return tornado(spec, id);
  }
}
