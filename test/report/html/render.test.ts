import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate, target } from "../../../scripts/embed-chartjs.mjs";
import { CHART_JS_VERSION } from "../../../src/report/html/chartjs.generated.js";
import { binSamples, pageChart } from "../../../src/report/html/charts.js";
import { renderHtmlReport } from "../../../src/report/html/render.js";
import { sampleReport } from "./sample.js";

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(sampleReport());

  it("is one self-contained document: viewport, styles, Chart.js, data and script inline", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("@media print");
    expect(html).toContain(`Chart.js v${CHART_JS_VERSION}`);
    expect(html).toMatch(/<script type="application\/json" id="gw-charts">\[/);
    // Nothing is loaded from elsewhere.
    expect(html).not.toMatch(/<(script|img|iframe|source|video|audio)\b[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it("escapes text and keeps script data from closing its element", () => {
    expect(html).toContain("Sample report with every chart kind &lt;and&gt; escaping &amp; checks");
    expect(html).toContain("Trainium4 &lt;b&gt;x&lt;/b&gt;");
    const evil = renderHtmlReport({
      title: "</title><script>alert(1)</script>",
      sections: [
        {
          title: "s",
          charts: [
            {
              kind: "stackedBar",
              title: "t",
              categories: ["</script><script>alert(2)</script>"],
              series: [{ label: "a", values: [1] }],
            },
          ],
        },
      ],
    });
    expect(evil).not.toContain("<script>alert");
    expect(evil).toContain("\\u003c/script>\\u003cscript>alert(2)");
    // Exactly the three scripts of the page: the data, Chart.js and the runtime.
    expect(evil.match(/<script\b/g)).toHaveLength(3);
    expect(evil.match(/<\/script>/g)).toHaveLength(3);
  });

  it("lays out sections with anchors, figures with ranges and sources, numeric columns right-aligned", () => {
    expect(html).toContain('<a href="#uncertainty">Uncertainty</a>');
    expect(html).toContain('<section id="uncertainty">');
    expect(html).toContain('<div class="range">p5\u2013p95: <span>$4B</span> \u2013 <span>$25B</span></div>');
    expect(html).toContain("Sources: Reuters, CNBC, The Information");
    expect(html).toContain("Limited by power (5 GW at PUE 1.15)");
    expect(html).toContain('<td class="num">1200000</td>');
    expect(html).toContain("<td>Trainium2</td>");
  });

  it("shows a text report's blocks: tables, key-value lists and text", () => {
    const out = renderHtmlReport({
      title: "t",
      sections: [
        {
          title: "From a Doc",
          blocks: [
            {
              kind: "kv",
              title: "Inputs",
              items: [
                ["power", "5 GW"],
                ["PUE", "1.15 <x>"],
              ],
            },
            { kind: "text", text: "First paragraph.\n\nSecond & last." },
            { kind: "table", columns: [{ key: "a", label: "A" }], rows: [{ a: 1 }] },
          ],
        },
      ],
    });
    expect(out).toContain('<tr><th scope="row">PUE</th><td>1.15 &lt;x&gt;</td></tr>');
    expect(out).toContain('<p class="text">First paragraph.</p><p class="text">Second &amp; last.</p>');
    expect(out).toContain('<td class="num">1</td>');
  });

  it("draws no chart for data with nothing finite, and says why", () => {
    expect(html).toContain("Nothing to draw: no finite samples (2 were NaN or infinite).");
    expect(html.match(/<canvas /g)).toHaveLength(9);
  });

  it("embeds histogram counts, not samples", () => {
    const page = pageChart(
      { kind: "histogram", title: "h", samples: new Float64Array(10_000).map((_, i) => i) },
      "c",
    );
    expect("empty" in page).toBe(false);
    const json = JSON.stringify(page);
    expect(json.length).toBeLessThan(6000);
  });
});

describe("binSamples", () => {
  it("counts every finite sample once and leaves out the rest", () => {
    const samples = [1, 2, 2, 3, 4, 5, 9, Number.NaN, Number.POSITIVE_INFINITY];
    const b = binSamples(samples, 4);
    expect(b.counts.reduce((s, c) => s + c, 0)).toBe(7);
    expect(b.nonFinite).toBe(2);
    expect(b.edges).toEqual([1, 3, 5, 7, 9]);
    expect(b.counts).toEqual([3, 2, 1, 1]);
  });

  it("picks between 10 and 60 bins by default, and one bin for a constant", () => {
    const normalish = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * Math.cos(i * 0.37));
    const k = binSamples(normalish).counts.length;
    expect(k).toBeGreaterThanOrEqual(10);
    expect(k).toBeLessThanOrEqual(60);
    expect(binSamples([3, 3, 3]).counts).toEqual([3]);
    expect(binSamples([]).counts).toEqual([]);
  });
});

describe("the embedded Chart.js", () => {
  it("matches the installed chart.js (else run `node scripts/embed-chartjs.mjs`)", () => {
    expect(readFileSync(target, "utf8") === generate()).toBe(true);
  });
});
