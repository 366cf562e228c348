/**
 * The script the report page runs (bundled by scripts/embed-runtime.mjs into
 * runtime.generated.ts, so that the page formats axis ticks and tooltips with the same formatter
 * as every other surface). It reads the charts' JSON, adds what JSON cannot hold (tick and
 * tooltip formatters, reference lines) and draws them with the inlined Chart.js. Each chart's
 * container gets `data-drawn="true"` once drawn (the tests look for it); a chart that fails shows
 * its error in place.
 *
 * It also makes the section links work when the page is shown inside a frame (the web app shows
 * it in a srcdoc frame, where "#id" would otherwise load the parent page), and opens every
 * figure's arithmetic for print.
 */
import type { ChartConfiguration, Chart as ChartInstance, TooltipItem } from "chart.js";
import { formatMeasure, type Measure } from "../../../units/format.js";
import type { PageChart } from "../charts.js";
import { markersPlugin } from "./markers.js";
import { CHAR_PX, wrap } from "./wrap.js";

/** The page's Chart.js: the inlined UMD build's global. */
declare const Chart: typeof ChartInstance;

/** A value for people, or a dash where there is none. */
function fmt(v: unknown, m: Measure): string {
  return typeof v === "number" && Number.isFinite(v) ? formatMeasure(v, m) : "\u2013";
}

type Scales = Record<
  string,
  { stacked?: boolean; type?: string; ticks?: Record<string, unknown>; afterFit?: (s: ScaleLike) => void }
>;

/** What `spaceTicks` needs of a Chart.js scale. */
interface ScaleLike {
  ticks: { value: number; label?: string | string[] }[];
  ctx: CanvasRenderingContext2D;
  _labelSizes: unknown;
  isHorizontal(): boolean;
  getPixelForTick(i: number): number;
  _resolveTickFontOptions(i: number): { string: string; lineHeight: number };
}

/** Space between two tick labels, CSS pixels. */
const TICK_GAP = 8;

/**
 * Keeps every k-th tick, for the smallest k at which no two labels come closer than TICK_GAP.
 * Chart.js's own skipping estimates the room from the axis before the other axes take their
 * share, and assumes ticks at both ends: at phone widths its labels touch.
 */
function spaceTicks(scale: ScaleLike): void {
  const ticks = scale.ticks;
  if (ticks.length < 2) return;
  const font = scale._resolveTickFontOptions(0);
  scale.ctx.save();
  scale.ctx.font = font.string;
  const half = ticks.map((t) => {
    const lines = Array.isArray(t.label) ? t.label : [t.label ?? ""];
    return scale.isHorizontal()
      ? Math.max(...lines.map((l) => scale.ctx.measureText(l).width)) / 2
      : (font.lineHeight * lines.length) / 2;
  });
  scale.ctx.restore();
  const at = ticks.map((_, i) => scale.getPixelForTick(i));
  const fits = (k: number) => {
    for (let i = k; i < ticks.length; i += k)
      if (Math.abs(at[i]! - at[i - k]!) < half[i]! + half[i - k]! + TICK_GAP) return false;
    return true;
  };
  let k = 1;
  while (k < ticks.length && !fits(k)) k++;
  if (k > 1) {
    scale.ticks = ticks.filter((_, i) => i % k === 0);
    scale._labelSizes = null;
  }
}

function finish(spec: PageChart): ChartConfiguration {
  const cfg = spec.config;
  const o = cfg.options as Record<string, unknown> & {
    scales: Scales;
    plugins: Record<string, unknown>;
  };
  o.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
  // Labels never rotate or touch: Chart.js skips ticks until they fit with this gap.
  for (const s of Object.values(o.scales)) {
    s.ticks = { maxRotation: 0, autoSkip: true, autoSkipPadding: 12, ...s.ticks };
    s.afterFit = spaceTicks;
  }
  // Category labels on the y axis take at most a third of the chart's width, in lines.
  const horizontal = (o as { indexAxis?: string }).indexAxis === "y";
  const index = o.scales.y;
  if (horizontal && index && !spec.units.some((u) => u.axis === "y"))
    index.ticks!.callback = function (
      this: { chart: { width: number }; getLabelForValue(v: number): string },
      value: number | string,
    ) {
      return wrap(
        this.getLabelForValue(Number(value)),
        Math.max(10, Math.floor(this.chart.width / 3 / CHAR_PX)),
      );
    };
  for (const u of spec.units) {
    const ticks = o.scales[u.axis]!.ticks!;
    ticks.callback = function (this: { getLabelForValue(v: number): string }, value: number | string) {
      return typeof value === "number" ? fmt(value, u.unit) : this.getLabelForValue(Number(value));
    };
  }
  const t = spec.tooltip;
  const cb: Record<string, unknown> = {};
  o.plugins.tooltip = { callbacks: cb };
  if (t.mode === "value") {
    cb.label = (c: TooltipItem<"bar">) =>
      `${c.dataset.label}: ${fmt((c.parsed as unknown as Record<string, number>)[t.axis], t.unit)}`;
    cb.footer = (items: TooltipItem<"bar">[]) => {
      if (!items.length || !o.scales[t.axis]!.stacked) return "";
      const index = items[0]!.dataIndex;
      let total = 0;
      for (const d of items[0]!.chart.data.datasets) {
        const v = d.data[index];
        if (typeof v === "number" && Number.isFinite(v)) total += v;
      }
      return `total: ${fmt(total, t.unit)}`;
    };
  } else if (t.mode === "histogram") {
    cb.title = (items: TooltipItem<"bar">[]) => {
      const d = items[0]!.dataset.data as unknown as { x: number }[];
      const i = items[0]!.dataIndex;
      const w = d.length > 1 ? d[1]!.x - d[0]!.x : 0;
      return `${fmt(d[i]!.x - w / 2, t.unit)} to ${fmt(d[i]!.x + w / 2, t.unit)}`;
    };
    cb.label = (c: TooltipItem<"bar">) => `${c.parsed.y} samples`;
  } else if (t.mode === "share") {
    cb.label = (c: TooltipItem<"bar">) => `${fmt(c.parsed.y, { kind: "fraction" })} of the samples`;
  } else if (t.mode === "tornado") {
    cb.label = (c: TooltipItem<"bar">) => {
      const r = c.raw as [number, number];
      const change = r[1] - r[0];
      return `${c.dataset.label}: ${fmt(r[1], t.unit)} (${change >= 0 ? "+" : ""}${fmt(change, t.unit)})`;
    };
  } else {
    cb.label = (c: TooltipItem<"line">) =>
      `${c.dataset.label}: ${fmt(c.parsed.x, t.xUnit ?? { kind: "count" })}, ${fmt(c.parsed.y, t.unit)}`;
  }
  if (spec.markers) o.plugins.gwMarkers = spec.markers;
  cfg.plugins = [markersPlugin];
  return cfg;
}

const charts: ChartInstance[] = [];

function draw(): void {
  if (typeof Chart === "undefined") throw new Error("Chart.js did not load");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#333";
  const specs = JSON.parse(document.getElementById("gw-charts")!.textContent!) as PageChart[];
  for (const spec of specs) {
    const canvas = document.getElementById(spec.id) as HTMLCanvasElement;
    const box = canvas.parentElement!;
    try {
      charts.push(new Chart(canvas, finish(spec)));
      box.setAttribute("data-drawn", "true");
    } catch (e) {
      box.setAttribute("data-drawn", "false");
      const p = document.createElement("p");
      p.className = "chart-error";
      p.textContent = `This chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
      box.append(p);
      console.error(e);
    }
  }
}

/** In a frame, "#id" resolves against the parent's address: scroll to the element instead. */
function linksInFrames(): void {
  if (window.parent === window) return;
  document.addEventListener("click", (e) => {
    const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
    if (!a) return;
    const target = document.getElementById(decodeURIComponent(a.getAttribute("href")!.slice(1)));
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView({ block: "start" });
  });
}

/** Print: charts at the printed width (CSS cannot resize a canvas's bitmap), every arithmetic open. */
function printing(): void {
  let closed: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll<HTMLDetailsElement>("details:not([open])")];
    for (const d of closed) d.open = true;
    for (const c of charts) {
      const box = c.canvas.parentElement!;
      c.resize(Math.min(box.clientWidth, 680), box.clientHeight);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const d of closed) d.open = false;
    for (const c of charts) c.resize();
  });
}

draw();
linksInFrames();
printing();
Object.assign(window, { gigawattCharts: charts, gigawattFormat: fmt });
