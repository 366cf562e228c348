/**
 * The web app in headless Chromium: built from web/ into one file, opened from file:// with every
 * other request refused. Run evaluates the default scenario in a Web Worker and shows the HTML
 * report (headline, charts drawn); a broken scenario shows FILE:LINE:COL problems; the catalog
 * browser lists chips. No console error, no network request. Without Chromium the test fails.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHtml } from "../../src/report/run.js";
import { runScenario } from "../../src/run/run.js";
import { buildWeb } from "../../web/build.mjs";
import { type Opened, type ReportBrowser, reportBrowser } from "../report/chromium.js";

const SCENARIO = readFileSync("scenarios/amazon-anthropic-2026.yaml", "utf8");
let out: string;
let html: string;
let size: number;
let browser: ReportBrowser;
let opened: Opened;
let page: Page;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "gigawatt-web-"));
  const built = await buildWeb({ outDir: out });
  size = built.bytes;
  html = readFileSync(built.file, "utf8");
  browser = await reportBrowser(html);
  opened = await browser.open(1280);
  page = opened.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const report = () => page.frameLocator("#report");

describe("the web app", () => {
  it("is one self-contained file with the default scenario embedded", () => {
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    expect(html).toContain("Amazon-Anthropic 2026");
    expect(size).toBeLessThan(4 * 1024 * 1024);
  });

  it("preloads the default scenario", async () => {
    const text = await page.inputValue("#scenario");
    expect(text).toBe(SCENARIO);
  });

  it("runs the scenario in a worker and shows the report with its charts drawn", async () => {
    await page.fill("#samples", "800");
    await page.fill("#seed", "7");
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.ran !== undefined, undefined, { timeout: 60_000 });
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForFunction(
      () => {
        const boxes = [...document.querySelectorAll(".chart-box")];
        return boxes.length > 0 && boxes.every((b) => b.hasAttribute("data-drawn"));
      },
      undefined,
      { timeout: 30_000 },
    );
    await expect(report().locator("h1").first().textContent()).resolves.toContain("Amazon-Anthropic 2026");
    const headline = await report().locator("section", { hasText: "Headline" }).first().textContent();
    expect(headline).toMatch(/p5.p95/);
    const drawn = await frame.evaluate(() =>
      [...document.querySelectorAll(".chart-box")].map((b) => b.getAttribute("data-drawn")),
    );
    expect(drawn.length).toBeGreaterThan(3);
    expect(drawn.every((d) => d === "true")).toBe(true);
    // A canvas with ink on it: the charts really drew.
    const inked = await frame.evaluate(() => {
      const c = document.querySelector("canvas")!;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 200) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(100);
    expect(await frame.textContent("body")).toContain("seed 7, 800 Monte Carlo samples");
    expect(await page.textContent("#status")).toMatch(/800 samples, seed 7/);
    expect(await page.isVisible("#download")).toBe(true);
    console.log(
      `web app: default scenario, 800 samples, in ${Number(await page.getAttribute("body", "data-ran")).toFixed(0)} ms`,
    );
  });

  it("shares the samples with helper workers and gets the Node pipeline's report, byte for byte", async () => {
    const node = runHtml(await runScenario(SCENARIO, { file: "scenario.yaml", samples: 800, seed: 7 }));
    expect(await page.getAttribute("#report", "srcdoc")).toBe(node);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const workers = Math.min(Math.max(cores, 1), 4);
    expect(await page.textContent("#status")).toContain(workers > 1 ? `on ${workers} workers` : "seed 7,");
  });

  it("shows a broken scenario's problems as FILE:LINE:COL lines", async () => {
    await page.fill("#scenario", "name: broken\nhardware:\n  system: trainum2\n  chips: 8\nfoo: 1\n");
    await page.click("#run");
    await page.waitForSelector("#problems li");
    const lines = await page.locator("#problems li").allTextContents();
    expect(lines.some((l) => /^scenario\.yaml:5:1: unknown field "foo"/.test(l))).toBe(true);
    expect(await page.textContent("#status")).toMatch(/problems? in the scenario/);
    await page.click("#reset");
    expect(await page.inputValue("#scenario")).toContain("Amazon-Anthropic 2026");
  });

  it("refuses a bad sample count in the page", async () => {
    await page.fill("#samples", "1.5");
    await page.click("#run");
    expect(await page.textContent("#problems")).toContain("samples:");
    await page.fill("#samples", "");
  });

  it("browses the catalog", async () => {
    await page.click('[data-list="chips"]');
    await page.waitForSelector("#catalog-out table");
    expect(await page.textContent("#catalog-out")).toContain("trainium2");
    await page.fill("#show-id", "trn2");
    await page.click("#show-form button");
    await page.waitForFunction(() =>
      document.querySelector("#catalog-out h3")?.textContent?.includes("Trainium2"),
    );
    await page.fill("#show-id", "trainum2");
    await page.click("#show-form button");
    await page.waitForFunction(() =>
      document.querySelector("#catalog-out")?.textContent?.includes("did you mean"),
    );
  });

  it("logged no console error and made no network request", () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it("would have seen an error logged in the report's frame (the check above can fail)", async () => {
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.evaluate(() => console.error("seen"));
    await page.waitForTimeout(100);
    expect(opened.errors.some((e) => e.includes("seen"))).toBe(true);
  });
});
