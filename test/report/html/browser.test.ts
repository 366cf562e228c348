/**
 * Renders the sample report in headless Chromium (Debian's package; `.ci/run` installs it) and
 * checks that every chart drew, with no console error and no network request, on a wide
 * screen, on a phone and in print. Without Chromium the test fails: it never skips silently.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../src/report/html/render.js";
import { formatMeasure, type Measure } from "../../../src/units/format.js";
import { inspectCharts, type ReportBrowser, reportBrowser } from "../chromium.js";
import { sampleReport } from "./sample.js";

let browser: ReportBrowser;

beforeAll(async () => {
  browser = await reportBrowser(renderHtmlReport(sampleReport()));
});

afterAll(async () => {
  await browser?.close();
});

const open = (width: number, media?: "screen" | "print") => browser.open(width, media);
const inspect = (page: Page) => inspectCharts(page);

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

  it("formats values in the page with the same formatter as every other surface", async () => {
    const { page } = await open(800);
    const cases: [number, Measure][] = [
      [5e9, { kind: "power" }],
      [13e9, { kind: "money" }],
      [2.35, { kind: "money", suffix: "/h" }],
      [0.05, { kind: "time" }],
      [3 * 86400, { kind: "time" }],
      [0.42, { kind: "fraction" }],
      [3.3e6, { kind: "count" }],
      [96e9, { kind: "bytes" }],
      [4.3e21, { kind: "computeRate" }],
      [4.3e25, { kind: "compute" }],
      [1.5e15, { kind: "tokens" }],
      [-8e9, { kind: "money" }],
      [7886.95, { kind: "money" }],
      [6.18e-18, { kind: "time" }],
    ];
    const inPage = await page.evaluate((cases) => {
      const fmt = (window as unknown as { gigawattFormat: (v: number, m: unknown) => string }).gigawattFormat;
      return [...cases.map(([v, m]) => fmt(v, m)), fmt(Number.NaN, { kind: "power" })];
    }, cases);
    expect(inPage).toEqual([...cases.map(([v, m]) => formatMeasure(v, m)), "\u2013"]);
    expect(inPage.slice(0, 3)).toEqual(["5 GW", "$13B", "$2.35/h"]);
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
