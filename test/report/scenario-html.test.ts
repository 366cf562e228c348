/**
 * The default scenario's HTML report: its structure (every section, key figures with ranges,
 * sections left out when the scenario lacks them), and the page in headless Chromium (every
 * chart draws, no console error, no network request, fits a phone). Without Chromium the test
 * fails: it never skips silently.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageChart } from "../../src/report/html/charts.js";
import { renderHtmlReport } from "../../src/report/html/render.js";
import type { HtmlReportSpec, HtmlSection } from "../../src/report/html/spec.js";
import { runDoc, runHtmlSpec } from "../../src/report/run.js";
import { scenarioHtmlSpec } from "../../src/report/scenario-html.js";
import { runScenario, type ScenarioRun } from "../../src/run/run.js";
import { evaluateScenario, type ScenarioResult } from "../../src/scenario/evaluate.js";
import { parseScenario } from "../../src/scenario/load.js";
import { outputLabel } from "../../src/scenario/outputs.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { inspectCharts, labelBoxes, overlapping, type ReportBrowser, reportBrowser } from "./chromium.js";

const FILE = "scenarios/amazon-anthropic-2026.yaml";
let scenario: Scenario;
let result: ScenarioResult;
let run: ScenarioRun;
let spec: HtmlReportSpec;
let html: string;

/** The default scenario with every analysis the report can show, as `gigawatt run` runs it. */
async function buildDefault(): Promise<void> {
  run = await runScenario(readFileSync(FILE, "utf8"), {
    file: FILE,
    samples: 300,
    seed: 7,
    sensitivity: ["capacity.homesUS"],
  });
  scenario = run.scenario;
  result = run.result;
  spec = runHtmlSpec(run);
  html = renderHtmlReport(spec);
}

const section = (title: string): HtmlSection | undefined => spec.sections.find((s) => s.title === title);

/** Every tagged figure of a rendered page: output, statistic, text and number. */
function taggedFigures(page: string) {
  return [
    ...page.matchAll(
      /<span[^>]* data-output="([^"]+)" data-stat="([^"]+)"(?: data-value="([^"]+)")?[^>]*>([^<]*)</g,
    ),
  ].map((m) => ({
    output: m[1]!,
    stat: m[2]!,
    value: m[3] === undefined ? undefined : Number(m[3]),
    text: m[4]!,
  }));
}

describe("the default scenario's HTML report spec", () => {
  beforeAll(buildDefault, 120_000);

  it("has every section, in the chain's order", () => {
    expect(spec.title).toBe("Amazon-Anthropic 2026");
    expect(spec.sections.map((s) => s.title)).toEqual([
      "Summary",
      "Cases",
      "Capacity",
      "Cash flows",
      "Implied terms",
      "Can Anthropic pay?",
      "Costs",
      "Training",
      "Serving",
      "Uncertainty",
      "Claims",
      "Sources",
    ]);
    expect(spec.footer).toContain("seed 7, 300 Monte Carlo samples");
  });

  it("shows the key figures as medians with a p5-p95 range, arithmetic or sources, and the nominal case beside", () => {
    const figures = section("Summary")!.figures!;
    expect(figures.map((f) => f.label)).toEqual([
      "Investment",
      "Commitment (floor)",
      "Spend at market",
      "New capacity",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "US homes equivalent",
      "Frontier-sized runs per year",
      "Runs of the scenario's model per year",
      "Cost per million output tokens",
      "Provider's operating margin",
      "Circularity",
    ]);
    for (const f of figures) {
      expect(f.ref!.stat, f.label).toBe("p50");
      expect(f.range, f.label).toBeDefined();
      expect(f.range!.p5, f.label).not.toMatch(/n\/a|NaN/);
      expect(f.sources ?? f.formula ?? f.note, f.label).toBeTruthy();
      // No headline lies outside its own range.
      const [p5, p95] = f.range!.values!;
      expect(f.ref!.value!, f.label).toBeGreaterThanOrEqual(p5);
      expect(f.ref!.value!, f.label).toBeLessThanOrEqual(p95);
    }
    const byLabel = Object.fromEntries(figures.map((f) => [f.label, f]));
    // The scenario's power is a triangle with its mode at the top: the nominal case is its top, the
    // median lower, and the card says why.
    expect(byLabel["New capacity"]!.value).not.toBe("5 GW");
    expect(byLabel["New capacity"]!.nominal!.value).toBe("5 GW");
    expect(byLabel["New capacity"]!.nominal!.reason).toMatch(
      /facility power at its mode 5 GW, the top of its 3 GW.5 GW range/,
    );
    expect(byLabel.Chips!.note).toMatch(/Trainium2.*Trainium3/);
    expect(byLabel.Chips!.limit).toBe(result.limits.capacity);
    expect(byLabel["Cost per million output tokens"]!.limit).toBe(result.limits.serving);
    expect(byLabel["Frontier-sized runs per year"]!.limit).toContain(result.limits.deal!);
  });

  it("reads the two far-apart chip-hour prices as cases, each with its own result, not as one blend", () => {
    const price = "hardware.pricePerChipHour";
    const readings = run.cases.filter((c) => c.input === price);
    expect(readings.map((c) => c.reading.sources)).toEqual([["sky-aws"], ["gh-trn2-price"]]);
    // The Monte Carlo holds the price at its preferred reading: its samples never reach the other case.
    expect(run.monteCarlo!.inputs[price]).toBeUndefined();
    const cheap = readings[1]!.outputs["serving.usdPerMOutput"]!;
    expect(run.monteCarlo!.outputs["serving.usdPerMOutput"]!.p5).toBeGreaterThan(1.3 * cheap);
    const card = section("Summary")!.figures!.find((f) => f.label === "Cost per million output tokens")!;
    expect(card.cases!.map((c) => c.sources)).toEqual([["sky-aws"], ["gh-trn2-price"]]);
    const table = section("Cases")!.tables![0]!;
    expect(table.title).toBe("chip-hour price");
    expect(table.rows).toHaveLength(2);
    // Readings close together (the $5B and $4B tranche) stay sampled.
    expect(run.monteCarlo!.inputs["deal.tranches.3.amount"]).toBeDefined();
  });

  it("opens with a paragraph written from the results, whose every number is the figure shown below", () => {
    const intro = section("Summary")!.intro!;
    if (typeof intro === "string") throw new Error("a plain string");
    const text = intro.map((p) => (typeof p === "string" ? p : p.text)).join("");
    expect(text).toMatch(/^Amazon puts .* into Anthropic/);
    expect(text).toMatch(/What would change the answer most: /);
    const cards = new Map(section("Summary")!.figures!.map((f) => [f.ref!.output, f.value]));
    const tagged = intro.filter((p) => typeof p !== "string" && p.stat === "p50");
    expect(tagged.length).toBeGreaterThan(6);
    for (const p of tagged)
      if (typeof p !== "string" && cards.has(p.output!)) expect(p.text).toBe(cards.get(p.output!));
  });

  it("shows every figure that appears twice as the same figure, in the page and in the text report", () => {
    const groups = new Map<string, Set<string>>();
    for (const f of taggedFigures(html)) {
      const k = `${f.output} ${f.stat}`;
      groups.set(k, (groups.get(k) ?? new Set()).add(f.text));
    }
    expect(groups.size).toBeGreaterThan(20);
    for (const [k, texts] of groups) expect([...texts], k).toHaveLength(1);
    // Figures do appear more than once (cards, paragraph, the every-output table).
    const count = (k: string) => taggedFigures(html).filter((f) => `${f.output} ${f.stat}` === k).length;
    expect(count("capacity.power p50")).toBeGreaterThanOrEqual(3);
    // The text report's headline shows the same medians as the page.
    const headline = runDoc(run).blocks.find((b) => b.title === "Headline");
    if (headline?.kind !== "table") throw new Error("no headline table");
    let compared = 0;
    for (const r of headline.rows) {
      const output = Object.keys(result.outputs).find((o) => outputLabel(o) === r.output)!;
      const page = groups.get(`${output} p50`);
      if (!page) continue;
      expect(String(r.value), output).toBe([...page][0]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
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
    // Series with the same numbers are drawn once, named together.
    const page = pageChart(flows, "flows");
    if ("empty" in page) throw new Error(page.empty);
    expect(page.config.data.datasets.map((d) => d.label)).toContain(
      "Anthropic spend = Amazon revenue = Amazon back as revenue",
    );
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
    expect(charts.filter((c) => c.kind === "histogram")).toHaveLength(13);
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
    expect(spec.sections.map((s) => s.title)).toEqual(["Summary", "Capacity", "Costs", "Sources"]);
    const figures = spec.sections[0]!.figures!;
    expect(figures.map((f) => f.label)).toEqual([
      "Power",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "US homes equivalent",
    ]);
    expect(figures.every((f) => f.range === undefined && f.ref!.stat === "nominal")).toBe(true);
    expect(renderHtmlReport(spec)).toContain("Power");

    // A deal alone: its new capacity (sized from its ramp), costs, ramp and cash flows.
    const dealOnly = scenarioHtmlSpec({
      result: evaluateScenario({ ...rest, capacity: undefined, deal: full.deal, claims: [] }),
    });
    expect(dealOnly.sections.map((s) => s.title)).toEqual([
      "Summary",
      "Capacity",
      "Cash flows",
      "Implied terms",
      "Can Anthropic pay?",
      "Costs",
      "Sources",
    ]);
    expect(dealOnly.sections[0]!.figures!.map((f) => f.label)).toEqual([
      "Investment",
      "Commitment (floor)",
      "Spend at market",
      "New capacity",
      "Chips",
      "Peak compute (BF16)",
      "Energy per year",
      "US homes equivalent",
      "Frontier-sized runs per year",
      "Provider's operating margin",
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
    if (!html) await buildDefault();
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

  it("lays out every label, at 390, 1280 and 1440 px and in print: none overlaps, none is cut off, none on a line", async () => {
    for (const [width, media] of [
      [390, "screen"],
      [1280, "screen"],
      [1440, "screen"],
      [720, "print"],
    ] as const) {
      const { page } = await open(width, media);
      if (media === "print") await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      for (const c of await labelBoxes(page)) {
        const where = `${c.title} at ${width} px ${media}`;
        for (const a of c.axes) {
          expect(overlapping(a.boxes, 2), `${where}, ${a.axis} ticks`).toEqual([]);
          for (const b of a.boxes) {
            expect(Math.abs(b.rotation), where).toBe(0);
            expect(b.x, `${where}: ${b.text}`).toBeGreaterThanOrEqual(-1);
            expect(b.x + b.w, `${where}: ${b.text}`).toBeLessThanOrEqual(c.width + 1);
          }
        }
        const m = c.markers;
        if (!m) continue;
        expect(m.dropped, where).toEqual([]);
        expect(overlapping(m.labels), `${where}, line labels`).toEqual([]);
        for (const l of m.labels) {
          expect(
            l.x >= 0 && l.x + l.w <= c.width && l.y >= 0 && l.y + l.h <= c.height,
            `${where}: ${l.text}`,
          ).toBe(true);
          // No other line runs through a label (where one must, its opaque halo hides the line).
          if (l.crossed) continue;
          const through = m.lines.filter((line) =>
            line.axis === "x"
              ? line.pixel > l.x && line.pixel < l.x + l.w
              : line.pixel > l.y && line.pixel < l.y + l.h,
          );
          expect(through.length, `${where}: ${l.text}`).toBeLessThanOrEqual(0);
        }
      }
      await page.close();
    }
  }, 120_000);

  it("keeps every headline inside its own p5-p95 range, in the page", async () => {
    const { page } = await open(1280);
    const cards = await page.evaluate(() =>
      [...document.querySelectorAll(".figure[data-figure]")].map((f) => {
        const n = (stat: string) => {
          const v = f.querySelector(`[data-stat="${stat}"]`)?.getAttribute("data-value");
          return v === null || v === undefined ? undefined : Number(v);
        };
        return { output: f.getAttribute("data-figure"), p5: n("p5"), p50: n("p50"), p95: n("p95") };
      }),
    );
    const ranged = cards.filter((c) => c.p5 !== undefined);
    expect(ranged.length).toBeGreaterThanOrEqual(10);
    for (const c of ranged) {
      expect(c.p50, c.output!).toBeGreaterThanOrEqual(c.p5!);
      expect(c.p50, c.output!).toBeLessThanOrEqual(c.p95!);
    }
    await page.close();
  }, 60_000);

  it("follows every section link to its section, and links sources to their rows and addresses", async () => {
    const { page } = await open(1280);
    const links = await page.locator("nav.toc a").all();
    expect(links.length).toBe(spec.sections.length);
    for (const a of links) {
      const id = (await a.getAttribute("href"))!.slice(1);
      await a.click();
      const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, id);
      expect(Math.abs(top), id).toBeLessThan(5);
    }
    const figureSource = page.locator(".figure .source a").first();
    const target = (await figureSource.getAttribute("href"))!;
    expect(await page.locator(target).count()).toBe(1);
    const external = await page.locator('#sources a[href^="http"]').count();
    expect(external).toBeGreaterThan(3);
    expect(await page.locator('#sources a[target="_blank"][rel~="noopener"]').count()).toBe(external);
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

  it("prints without cutting charts or table columns off", async () => {
    const { page, errors } = await open(720, "print");
    for (const c of await inspect(page)) {
      expect(c.drawn, c.title).toBe("true");
      expect(c.width, c.title).toBeLessThanOrEqual(c.boxWidth + 1);
    }
    const tables = await page.evaluate(() =>
      [...document.querySelectorAll("table")].map((t) => ({
        title: t.caption?.textContent ?? t.closest("section")?.id ?? "",
        width: t.getBoundingClientRect().right,
        page: document.querySelector("main")!.getBoundingClientRect().right,
      })),
    );
    for (const t of tables) expect(t.width, t.title).toBeLessThanOrEqual(t.page + 1);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
