/**
 * Renders the sample report in headless Chromium (Debian's package; `.ci/run` installs it) and
 * checks that every chart drew, with no console error and no network request, on a wide
 * screen, on a phone and in print. Without Chromium the test fails: it never skips silently.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../src/report/html/render.js";
import { sampleReport } from "./sample.js";

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

let dir: string;
let context: BrowserContext;
let url: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not at ${CHROMIUM}: the HTML report test needs it. Install Debian's package ` +
        "(apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it in CI.",
    );
  dir = mkdtempSync(join(tmpdir(), "gigawatt-html-"));
  const file = join(dir, "report.html");
  writeFileSync(file, renderHtmlReport(sampleReport()));
  url = pathToFileURL(file).href;
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
});

afterAll(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(width: number, media: "screen" | "print" = "screen"): Promise<Opened> {
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
}

/** For every chart: its kind, whether it drew, and what its canvas holds. */
function inspect(page: Page) {
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

describe("the HTML report in headless Chromium", () => {
  it("draws every chart kind on a wide screen, with no error and no request", async () => {
    const { page, errors, requests } = await open(1280);
    const charts = await inspect(page);
    const drawable = charts.filter((c) => c.drawn !== "none");
    expect(new Set(drawable.map((c) => c.kind))).toEqual(
      new Set(["stackedBar", "groupedBar", "horizontalStackedBar", "line", "histogram", "tornado"]),
    );
    expect(drawable).toHaveLength(9);
    for (const c of drawable) {
      expect(c.drawn, c.title).toBe("true");
      // Bars or lines and labels cover part of the canvas, in colours beyond the text.
      expect(c.inked, c.title).toBeGreaterThan(0.01);
      expect(c.colours, c.title).toBeGreaterThanOrEqual(3);
      expect(c.elements, c.title).toBeGreaterThan(0);
    }
    // The empty histogram says so instead of drawing.
    expect(await page.locator(".chart-empty").count()).toBe(1);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("formats values for people in the page", async () => {
    const { page } = await open(800);
    const f = await page.evaluate(() => {
      const fmt = (window as unknown as { gigawattFormat: (v: number, u: string) => string }).gigawattFormat;
      return [
        fmt(5e9, "W"),
        fmt(13e9, "$"),
        fmt(2.35, "$/h"),
        fmt(0.05, "s"),
        fmt(3 * 86400, "s"),
        fmt(0.42, "%"),
        fmt(3.3e6, ""),
        fmt(96e9, "B"),
        fmt(4.3e21, "FLOP/s"),
        fmt(-8e9, "$"),
        fmt(Number.NaN, "W"),
      ];
    });
    expect(f).toEqual([
      "5 GW",
      "$13B",
      "$2.35/h",
      "50 ms",
      "3 days",
      "42%",
      "3.3M",
      "96 GB",
      "4.3 ZFLOP/s",
      "-$8B",
      "\u2013",
    ]);
    await page.close();
  });

  it("fits a phone's width and still draws every chart", async () => {
    const { page, errors } = await open(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const charts = (await inspect(page)).filter((c) => c.drawn !== "none");
    for (const c of charts) {
      expect(c.drawn, c.title).toBe("true");
      expect(c.width, c.title).toBeLessThanOrEqual(390);
      expect(c.inked, c.title).toBeGreaterThan(0.01);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("prints without cutting charts off, and makes a PDF", async () => {
    const { page, errors } = await open(700, "print");
    const charts = (await inspect(page)).filter((c) => c.drawn !== "none");
    for (const c of charts) expect(c.width, c.title).toBeLessThanOrEqual(c.boxWidth + 1);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
