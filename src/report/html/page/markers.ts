/**
 * Reference lines on a chart (a capacity, a target, p5/p50/p95) with labels placed where they
 * neither overlap each other, nor sit on another line, nor leave the plot: each label tries a few
 * places beside its line and is drawn on a light halo so bars under it do not hide it. The boxes
 * placed are kept on the chart (`$gwLabels`) for the tests that measure them.
 */
import type { Chart, Plugin } from "chart.js";

/** A line at a value of one axis, with its label. */
export interface MarkerLine {
  value: number;
  label: string;
  color?: string;
}

export interface MarkerOptions {
  axis: "x" | "y";
  lines: MarkerLine[];
}

/** A rectangle in canvas CSS pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the plugin drew: label boxes and the lines' pixel positions. */
export interface DrawnMarkers {
  labels: (Box & { text: string; crossed?: boolean })[];
  /** Labels that fit nowhere and were left out (their values are in the caption). */
  dropped: string[];
  lines: { axis: "x" | "y"; pixel: number }[];
}

const FONT_PX = 11;
const PAD = 2;

export const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Places each label at the first candidate spot that is inside the plot, clear of the labels
 * placed before it and of the other lines; failing that, at one that only crosses another line
 * (its halo hides the line: `crossed`); undefined when there is none.
 */
export function placeLabels(
  axis: "x" | "y",
  pixels: number[],
  widths: number[],
  area: { left: number; right: number; top: number; bottom: number },
): ((Box & { crossed?: boolean }) | undefined)[] {
  const h = FONT_PX + 2 * PAD;
  const placed: Box[] = [];
  const inside = (b: Box) =>
    b.x >= area.left && b.x + b.w <= area.right && b.y >= area.top && b.y + b.h <= area.bottom;
  // A label is struck through when another line crosses it.
  const crossed = (b: Box, self: number) =>
    pixels.some((p, j) =>
      j === self ? false : axis === "x" ? p > b.x - 1 && p < b.x + b.w + 1 : p > b.y - 1 && p < b.y + b.h + 1,
    );
  return pixels.map((p, i) => {
    const w = widths[i]! + 2 * PAD;
    const candidates: Box[] = [];
    if (axis === "x") {
      for (let row = 0; row < 4; row++) {
        const y = area.top + 2 + row * (h + 1);
        candidates.push({ x: p + 3, y, w, h }, { x: p - 3 - w, y, w, h });
      }
    } else {
      for (const x of [area.right - 2 - w, area.left + 2, (area.left + area.right - w) / 2])
        candidates.push({ x, y: p - 2 - h, w, h }, { x, y: p + 2, w, h });
    }
    if (!Number.isFinite(p)) return undefined;
    const free = candidates.filter((b) => inside(b) && !placed.some((q) => overlaps(q, b)));
    const clear = free.find((b) => !crossed(b, i));
    const spot = clear ?? (free[0] && { ...free[0], crossed: true });
    if (spot) placed.push(spot);
    return spot;
  });
}

/** The Chart.js plugin: options are a chart's `plugins.gwMarkers`. */
export const markersPlugin: Plugin = {
  id: "gwMarkers",
  afterDatasetsDraw(chart: Chart, _args, options) {
    const opts = options as unknown as MarkerOptions | undefined;
    const drawn: DrawnMarkers = { labels: [], dropped: [], lines: [] };
    (chart as unknown as { $gwMarkers: DrawnMarkers }).$gwMarkers = drawn;
    if (!opts?.lines?.length) return;
    const scale = chart.scales[opts.axis]!;
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = `${FONT_PX}px ${getComputedStyle(chart.canvas).fontFamily}`;
    const pixels = opts.lines.map((m) => scale.getPixelForValue(m.value));
    const widths = opts.lines.map((m) => ctx.measureText(m.label).width);
    const spots = placeLabels(opts.axis, pixels, widths, area);
    opts.lines.forEach((m, i) => {
      const p = pixels[i]!;
      if (!Number.isFinite(p)) return;
      const colour = m.color ?? "#333";
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      if (opts.axis === "x") {
        ctx.moveTo(p, area.top);
        ctx.lineTo(p, area.bottom);
      } else {
        ctx.moveTo(area.left, p);
        ctx.lineTo(area.right, p);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      drawn.lines.push({ axis: opts.axis, pixel: p });
    });
    opts.lines.forEach((m, i) => {
      const b = spots[i];
      if (!b) {
        drawn.dropped.push(m.label);
        return;
      }
      ctx.fillStyle = b.crossed ? "#fff" : "rgba(255, 255, 255, 0.85)";
      ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.fillStyle = m.color ?? "#333";
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      ctx.fillText(m.label, b.x + PAD, b.y + PAD);
      drawn.labels.push({ ...b, text: m.label });
    });
    ctx.restore();
  },
};
