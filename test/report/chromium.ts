/**
 * A headless Chromium (Debian's package; `.ci/run` installs it) for the HTML report tests: one
 * page per call, with console errors and network requests recorded, and the charts inspected.
 * Without Chromium the tests fail: they never skip silently.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

/** A report written to a temporary file and a browser to open it in. */
export interface ReportBrowser {
  url: string;
  open(width: number, media?: "screen" | "print"): Promise<Opened>;
  close(): Promise<void>;
}

/** Writes `html` to a temporary file and starts Chromium on an empty profile. */
export async function reportBrowser(html: string): Promise<ReportBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not at ${CHROMIUM}: the HTML report test needs it. Install Debian's package ` +
        "(apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it in CI.",
    );
  const dir = mkdtempSync(join(tmpdir(), "gigawatt-html-"));
  const file = join(dir, "report.html");
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context: BrowserContext = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  return {
    url,
    async open(width, media = "screen") {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      await page.route("**/*", (route) => {
        const u = route.request().url();
        if (u === url) return route.continue();
        requests.push(u);
        return route.abort();
      });
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ media });
      await page.goto(url);
      await page.waitForFunction(() =>
        [...document.querySelectorAll(".chart-box")].every((b) => b.hasAttribute("data-drawn")),
      );
      return { page, errors, requests };
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** For every chart: its kind and title, whether it drew, and what its canvas holds. */
export function inspectCharts(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("figure.chart")].map((fig) => {
      const box = fig.querySelector(".chart-box");
      const canvas = fig.querySelector("canvas");
      const out = {
        kind: fig.getAttribute("data-kind"),
        title: fig.querySelector("h3")?.textContent ?? "",
        drawn: box?.getAttribute("data-drawn") ?? "none",
        inked: 0,
        colours: 0,
        elements: 0,
        width: 0,
        boxWidth: box?.getBoundingClientRect().width ?? 0,
      };
      if (!canvas) return out;
      const ctx = canvas.getContext("2d")!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 200) {
          inked++;
          colours.add((data[i]! >> 4) * 256 + (data[i + 1]! >> 4) * 16 + (data[i + 2]! >> 4));
        }
      }
      const charts = (
        window as unknown as {
          gigawattCharts: {
            canvas: HTMLCanvasElement;
            getDatasetMeta(i: number): { data: unknown[] };
            data: { datasets: unknown[] };
          }[];
        }
      ).gigawattCharts;
      const chart = charts.find((c) => c.canvas === canvas);
      out.inked = inked / (canvas.width * canvas.height);
      out.colours = colours.size;
      out.elements = chart
        ? chart.data.datasets.reduce((s: number, _d, i) => s + chart.getDatasetMeta(i).data.length, 0)
        : 0;
      out.width = canvas.getBoundingClientRect().width;
      return out;
    }),
  );
}

/** A label's box on a chart's canvas, in CSS pixels. */
export interface LabelBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every chart's tick labels (per axis) and reference-line labels, as drawn, with the canvas size. */
export function labelBoxes(page: Page) {
  return page.evaluate(() => {
    type Item = {
      label: string | string[];
      font: { string: string; lineHeight: number };
      options: { translation: [number, number]; rotation: number; textAlign: string; textBaseline: string };
    };
    type Scale = { id: string; getLabelItems(): Item[]; options: { display: boolean | string } };
    type ChartLike = {
      canvas: HTMLCanvasElement;
      ctx: CanvasRenderingContext2D;
      scales: Record<string, Scale>;
      $gwMarkers?: {
        labels: (LabelBox & { crossed?: boolean })[];
        dropped: string[];
        lines: { axis: string; pixel: number }[];
      };
    };
    const charts = (window as unknown as { gigawattCharts: ChartLike[] }).gigawattCharts;
    return charts.map((c) => {
      const title = c.canvas.closest("figure")?.querySelector("h3")?.textContent ?? "";
      const rect = c.canvas.getBoundingClientRect();
      const axes = Object.values(c.scales).map((s) => {
        const boxes = s.getLabelItems().map((it) => {
          const lines = Array.isArray(it.label) ? it.label : [it.label];
          c.ctx.save();
          c.ctx.font = it.font.string;
          const w = Math.max(...lines.map((l) => c.ctx.measureText(l).width));
          c.ctx.restore();
          const h = it.font.lineHeight * lines.length;
          const [tx, ty] = it.options.translation;
          const align = it.options.textAlign;
          const x = align === "center" ? tx - w / 2 : align === "right" || align === "end" ? tx - w : tx;
          const base = it.options.textBaseline;
          const y = base === "middle" ? ty - h / 2 : base === "bottom" ? ty - h : ty;
          return { text: lines.join(" "), x, y, w, h, rotation: it.options.rotation };
        });
        return { axis: s.id, boxes };
      });
      return { title, width: rect.width, height: rect.height, axes, markers: c.$gwMarkers };
    });
  });
}

/** Overlapping pairs of boxes (with `gap` pixels of margin), as "a / b" texts. */
export function overlapping(boxes: LabelBox[], gap = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push(`${a.text} / ${b.text}`);
    }
  return out;
}
