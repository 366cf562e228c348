/**
 * The default scenario's HTML report: its structure (every section, key figures with ranges,
 * sections left out when the scenario lacks them), and the page in headless Chromium (every
 * chart draws, no console error, no network request, fits a phone). Without Chromium the test
 * fails: it never skips silently.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/catalog.js";
import { renderHtmlReport } from "../../src/report/html/render.js";
import type { HtmlReportSpec, HtmlSection } from "../../src/report/html/spec.js";
import { scenarioHtmlSpec } from "../../src/report/scenario-html.js";
import { checkClaims } from "../../src/scenario/claims.js";
import { evaluateScenario, type ScenarioResult, scenarioMonteCarlo } from "../../src/scenario/evaluate.js";
import { value } from "../../src/scenario/inputs.js";
import { parseScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { servingOptions } from "../../src/scenario/sections/serving.js";
import { servingCurve } from "../../src/serve/index.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { sensitivity } from "../../src/uncertainty/sensitivity.js";
import { inspectCharts, type ReportBrowser, reportBrowser } from "./chromium.js";

const FILE = "scenarios/amazon-anthropic-2026.yaml";
let scenario: Scenario;
let result: ScenarioResult;
let spec: HtmlReportSpec;
let html: string;

/** The default scenario with every analysis the report can show. */
function buildDefault(): void {
  scenario = parseScenario(readFileSync(FILE, "utf8"), FILE);
  result = evaluateScenario(scenario);
  const mc = scenarioMonteCarlo(scenario, result);
  const run = monteCarlo({ ...mc, samples: 100, seed: 7 });
  const tornado = sensitivity({ ...mc, output: "capacity.homesUS" });
  const outputs = Object.fromEntries(
    Object.entries(result.outputs).map(([k, value]) => {
      const d = run.outputs[k];
      return [k, { value, p5: d?.p5, p95: d?.p95 }];
    }),
  );
  const claims = checkClaims(scenario.claims, outputs, catalog());
  const price = value(scenario.hardware?.pricePerChipHour);
  const curve = servingCurve(
    servingOptions(scenario.serving!, {
      model: result.model!,
      system: result.system!,
      chips: result.chips!,
      priceUsdPerChipHour: price !== undefined ? price * 3600 : undefined,
    }),
  );
  spec = scenarioHtmlSpec({ result, monteCarlo: run, tornado, claims, curve });
  html = renderHtmlReport(spec);
}

const section = (title: string): HtmlSection | undefined => spec.sections.find((s) => s.title === title);

describe("the default scenario's HTML report spec", () => {
  beforeAll(buildDefault, 120_000);

  it("has every section, in the chain's order", () => {
    expect(spec.title).toBe("Amazon-Anthropic 2026");
    expect(spec.sections.map((s) => s.title)).toEqual([
      "Headline",
      "Capacity",
      "Cash flows",
      "Costs",
      "Training",
      "Serving",
      "Uncertainty",
      "Claims",
      "Sources",
    ]);
    expect(spec.footer).toContain("seed 7, 100 Monte Carlo samples");
  });

  it("shows the issue's key figures, each with a p5-p95 range and its source or arithmetic", () => {
    const figures = section("Headline")!.figures!;
    expect(figures.map((f) => f.label)).toEqual([
      "Investment",
      "Commitment",
      "Power",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "Homes equivalent",
      "Frontier training runs per year",
      "Cost per million tokens served",
      "Circularity",
    ]);
    for (const f of figures) {
      expect(f.range, f.label).toBeDefined();
      expect(f.range!.p5, f.label).not.toMatch(/n\/a|NaN/);
      expect(f.source ?? f.note, f.label).toBeTruthy();
    }
    const byLabel = Object.fromEntries(figures.map((f) => [f.label, f]));
    expect(byLabel.Investment!.value).toBe("$13B");
    expect(byLabel.Power!.value).toBe("5 GW");
    expect(byLabel.Chips!.note).toMatch(/Trainium2.*Trainium3/);
    expect(byLabel.Chips!.limit).toBe(result.limits.capacity);
    expect(byLabel["Cost per million tokens served"]!.limit).toBe(result.limits.serving);
    expect(byLabel["Frontier training runs per year"]!.limit).toContain(result.limits.deal!);
  });

  it("draws the ramp from the deal's years and the cash flows per party", () => {
    const [chips, power] = section("Capacity")!.charts!;
    const years = result.deal!.years;
    expect(chips!.kind).toBe("stackedBar");
    if (chips!.kind !== "stackedBar" || power!.kind !== "stackedBar") throw new Error("kinds");
    expect(chips.categories).toEqual(years.map((y) => String(y.year)));
    expect(chips.series.map((s) => s.label)).toEqual(["AWS Trainium2", "AWS Trainium3"]);
    // Power by generation adds up to the power online at the end of each year.
    years.forEach((y, i) => {
      const sum = power.series.reduce((a, s) => a + (s.values[i] ?? 0), 0);
      expect(sum).toBeCloseTo(y.powerEndW, -6);
    });
    const flows = section("Cash flows")!.charts![0]!;
    if (flows.kind !== "groupedBar") throw new Error(flows.kind);
    expect(flows.series.map((s) => s.label)).toEqual([
      "Anthropic spend",
      "Amazon revenue",
      "Amazon cost",
      "Amazon margin",
      "Amazon invests",
      "Amazon back as revenue",
    ]);
    expect(flows.series[4]!.values.reduce((a, v) => a! + v!, 0)).toBeCloseTo(13e9, -3);
  });

  it("breaks the capital cost down by line item to the capacity's total", () => {
    const capex = section("Costs")!.charts![0]!;
    if (capex.kind !== "stackedBar") throw new Error(capex.kind);
    const total = capex.series.flatMap((s) => s.values).reduce((a, v) => a! + v!, 0)!;
    expect(total / result.capacity!.capex.total.value).toBeCloseTo(1, 6);
  });

  it("shows the training breakdowns against HBM and the serving curve against the TPOT target", () => {
    const [step, memory] = section("Training")!.charts!;
    if (step!.kind !== "horizontalStackedBar" || memory!.kind !== "horizontalStackedBar")
      throw new Error("kinds");
    const best = result.training!.estimate;
    const stepSum = step.series.reduce((a, s) => a + (s.values[0] ?? 0), 0);
    expect(stepSum / best.time.step).toBeCloseTo(1, 6);
    expect(memory.markers![0]!.value).toBe(best.memory.capacity);
    // Short axis labels, each strategy told apart, and spelled out in full in a table.
    expect(step.categories[0]).toMatch(/DP\d+/);
    expect(new Set(step.categories).size).toBe(step.categories.length);
    expect(section("Training")!.tables![0]!.rows).toHaveLength(step.categories.length);
    const curve = section("Serving")!.charts!.find((c) => c.kind === "line")!;
    if (curve.kind !== "line") throw new Error(curve.kind);
    expect(curve.markers![0]!.value).toBe(0.05);
    expect(curve.series[0]!.points).toHaveLength(1);
    expect(curve.series[1]!.points.length).toBeGreaterThan(3);
    // Throughput per chip rises with the batch along the curve.
    const ys = curve.series[1]!.points.map(([, y]) => y);
    expect(ys.at(-1)!).toBeGreaterThan(ys[0]!);
  });

  it("draws the key outputs' distributions and the tornado, and checks every claim", () => {
    const charts = section("Uncertainty")!.charts!;
    expect(charts.filter((c) => c.kind === "histogram")).toHaveLength(10);
    const tornado = charts.find((c) => c.kind === "tornado")!;
    if (tornado.kind !== "tornado") throw new Error(tornado.kind);
    expect(tornado.rows.length).toBeGreaterThan(0);
    expect(Object.values(tornado.inputLabels!).join()).toMatch(/facility power 3 GW\u20135 GW/);
    const claims = section("Claims")!.tables![0]!;
    expect(claims.rows).toHaveLength(scenario.claims.length);
    for (const row of claims.rows) {
      expect(row.verdict).toMatch(/^(holds|off|contradicted|unchecked)/);
      expect(String(row.computation)).not.toBe("");
    }
    const trn3 = claims.rows.find((r) => String(r.claim).includes("Trainium3"))!;
    expect(trn3.verdict).toMatch(/^contradicted \(\d/);
  });

  it("lists every source it cites, each found in the scenario or a catalog", () => {
    const sources = section("Sources")!.tables![0]!.rows;
    const ids = sources.map((r) => r.id);
    for (const id of Object.keys(scenario.sources)) expect(ids).toContain(id);
    expect(ids).toContain("eia-homes");
    expect(sources.filter((r) => r.title === "(not found)").map((r) => r.id)).toEqual([]);
  });

  it("renders without NaN or Infinity anywhere in the page", () => {
    const text = html.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe("a scenario without some sections", () => {
  it("leaves out what the scenario lacks, and shows no ranges without a Monte Carlo", () => {
    const full = parseScenario(readFileSync(FILE, "utf8"), FILE);
    const { training: _t, serving: _s, deal: _d, claims: _c, ...rest } = full;
    // Without a deal's ramp, the capacity section names its chip.
    const capacityOnly: Scenario = {
      ...rest,
      capacity: { ...rest.capacity!, chip: "trainium2" },
      claims: [],
    };
    const spec = scenarioHtmlSpec({ result: evaluateScenario(capacityOnly) });
    expect(spec.sections.map((s) => s.title)).toEqual(["Headline", "Capacity", "Costs", "Sources"]);
    const figures = spec.sections[0]!.figures!;
    expect(figures.map((f) => f.label)).toEqual([
      "Power",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "Homes equivalent",
    ]);
    expect(figures.every((f) => f.range === undefined)).toBe(true);
    expect(renderHtmlReport(spec)).toContain("Power");

    // A deal alone: its new capacity (sized from its ramp), costs, ramp and cash flows.
    const dealOnly = scenarioHtmlSpec({
      result: evaluateScenario({ ...rest, capacity: undefined, deal: full.deal, claims: [] }),
    });
    expect(dealOnly.sections.map((s) => s.title)).toEqual([
      "Headline",
      "Capacity",
      "Cash flows",
      "Costs",
      "Sources",
    ]);
    expect(dealOnly.sections[0]!.figures!.map((f) => f.label)).toEqual([
      "Investment",
      "Commitment",
      "Power",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "Homes equivalent",
      "Frontier training runs per year",
      "Circularity",
    ]);
    expect(renderHtmlReport(dealOnly).replace(/<script[\s\S]*?<\/script>/g, "")).not.toMatch(/NaN|undefined/);

    const noTraining = scenarioHtmlSpec({ result: evaluateScenario({ ...full, training: undefined }) });
    const titles = noTraining.sections.map((s) => s.title);
    expect(titles).not.toContain("Training");
    expect(titles).toContain("Serving");
    // The serving section has no curve when none was computed, but still its breakdowns.
    const serving = noTraining.sections.find((s) => s.title === "Serving")!;
    expect(serving.charts!.map((c) => c.kind)).toEqual(["horizontalStackedBar", "horizontalStackedBar"]);
  }, 60_000);
});

describe("the default scenario's report in headless Chromium", () => {
  let browser: ReportBrowser;

  beforeAll(async () => {
    if (!html) buildDefault();
    browser = await reportBrowser(html);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const open = (width: number, media?: "screen" | "print") => browser.open(width, media);
  const inspect = (page: Page) => inspectCharts(page);

  it("draws every chart on a wide screen, with no console error and no request", async () => {
    const { page, errors, requests } = await open(1280);
    const charts = await inspect(page);
    const expected = spec.sections.reduce((n, s) => n + (s.charts?.length ?? 0), 0);
    expect(charts).toHaveLength(expected);
    for (const c of charts) {
      expect(c.drawn, c.title).toBe("true");
      expect(c.inked, c.title).toBeGreaterThan(0.01);
    }
    expect(await page.locator("section").count()).toBe(spec.sections.length);
    expect(await page.locator(".figure .range").count()).toBeGreaterThanOrEqual(10);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it("fits a phone's width and still draws every chart", async () => {
    const { page, errors } = await open(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const c of await inspect(page)) {
      expect(c.drawn, c.title).toBe("true");
      expect(c.width, c.title).toBeLessThanOrEqual(390);
      expect(c.inked, c.title).toBeGreaterThan(0.01);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("prints without cutting charts off", async () => {
    const { page, errors } = await open(700, "print");
    for (const c of await inspect(page)) {
      expect(c.drawn, c.title).toBe("true");
      expect(c.width, c.title).toBeLessThanOrEqual(c.boxWidth + 1);
    }
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
