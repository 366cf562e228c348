/**
 * The HTML report: one self-contained file (styles, Chart.js, the page script and the data all
 * inlined; no network) that reads well on a wide screen, on a phone and in print. Browser-safe:
 * it only builds a string; the CLI writes it to a file.
 */
import type { Block, Cell } from "../document.js";
import { CHART_JS_SOURCE, CHART_JS_VERSION } from "./chartjs.generated.js";
import { chartHeight, type EmptyChart, type PageChart, pageChart } from "./charts.js";
import { escapeHtml as esc, scriptJson } from "./escape.js";
import { RUNTIME_SOURCE } from "./runtime.js";
import type { ChartSpec, HtmlReportSpec, HtmlSection, HtmlTable, KeyFigure } from "./spec.js";
import { STYLE } from "./style.js";

function slug(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "section";
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

function figure(f: KeyFigure): string {
  const parts = [
    `<div class="label">${esc(f.label)}</div>`,
    `<div class="value">${esc(f.value)}</div>`,
    f.range ? `<div class="range">p5\u2013p95: ${esc(f.range.p5)} \u2013 ${esc(f.range.p95)}</div>` : "",
    f.limit ? `<div class="limit">Limited by ${esc(f.limit)}</div>` : "",
    f.note ? `<div class="note">${esc(f.note)}</div>` : "",
    f.source ? `<div class="source">Source: ${esc(f.source)}</div>` : "",
  ];
  return `<div class="figure">${parts.join("")}</div>`;
}

function cellText(c: Cell): string {
  return c === null || c === undefined ? "" : String(c);
}

function table(t: HtmlTable): string {
  const numeric = t.columns.map(
    (c) => c.align === "right" || (c.align === undefined && t.rows.some((r) => typeof r[c.key] === "number")),
  );
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  const head = t.columns.map((c, i) => `<th scope="col"${cls(i)}>${esc(c.label)}</th>`).join("");
  const body = t.rows
    .map(
      (r) => `<tr>${t.columns.map((c, i) => `<td${cls(i)}>${esc(cellText(r[c.key]))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const caption = t.title ? `<caption>${esc(t.title)}</caption>` : "";
  const note = t.note ? `<p class="table-note">${esc(t.note)}</p>` : "";
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}</div>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case "table":
      return table(b);
    case "kv": {
      const title = b.title ? `<h3>${esc(b.title)}</h3>` : "";
      const rows = b.items
        .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join("\n");
      return `<div class="table-wrap kv">${title}<table><tbody>\n${rows}\n</tbody></table></div>`;
    }
    case "text": {
      const title = b.title ? `<h3>${esc(b.title)}</h3>` : "";
      const paras = b.text
        .split(/\n{2,}/)
        .map((p) => `<p class="text">${esc(p)}</p>`)
        .join("");
      return `<div class="text-block">${title}${paras}</div>`;
    }
  }
}

function chart(spec: ChartSpec, id: string, page: PageChart | EmptyChart): string {
  const caption = spec.caption ? `<p class="caption">${esc(spec.caption)}</p>` : "";
  const body =
    "empty" in page
      ? `<p class="chart-empty">Nothing to draw: ${esc(page.empty)}.</p>`
      : `<div class="chart-box" style="--h:${chartHeight(spec)}px"><canvas id="${id}" role="img" aria-label="${esc(spec.title)}"></canvas></div>`;
  return `<figure class="chart" data-kind="${spec.kind}"><h3>${esc(spec.title)}</h3>${body}${caption}</figure>`;
}

/**
 * Renders a report spec to one self-contained HTML document (about 230 kB plus the data:
 * Chart.js is inlined). Charts are drawn by the page when it opens; every chart container gets
 * `data-drawn="true"` once drawn.
 *
 * @example
 * ```ts
 * const html = renderHtmlReport({
 *   title: "Amazon-Anthropic 2026",
 *   sections: [{ title: "Capacity", figures: [{ label: "Power", value: "5 GW", range: { p5: "2.2 GW", p95: "5 GW" } }],
 *     charts: [{ kind: "stackedBar", title: "GW online", unit: "W", categories: ["2026", "2027"],
 *       series: [{ label: "Trainium2", values: [1e9, 2e9] }] }] }],
 * });
 * ```
 */
export function renderHtmlReport(spec: HtmlReportSpec): string {
  const used = new Set<string>();
  const pages: PageChart[] = [];
  let n = 0;
  const sections = spec.sections.map((s: HtmlSection) => {
    const id = slug(s.title, used);
    const charts = (s.charts ?? []).map((c) => {
      const chartId = `gw-chart-${n++}`;
      const page = pageChart(c, chartId);
      if (!("empty" in page)) pages.push(page);
      return chart(c, chartId, page);
    });
    const html = [
      `<section id="${id}">`,
      `<h2>${esc(s.title)}</h2>`,
      s.intro ? `<p class="intro">${esc(s.intro)}</p>` : "",
      s.figures?.length ? `<div class="figures">${s.figures.map(figure).join("")}</div>` : "",
      charts.length ? `<div class="charts">${charts.join("\n")}</div>` : "",
      ...(s.blocks ?? []).map(block),
      ...(s.tables ?? []).map(table),
      s.notes?.length ? `<ul class="notes">${s.notes.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>` : "",
      "</section>",
    ];
    return { id, title: s.title, html: html.filter(Boolean).join("\n") };
  });
  const toc =
    sections.length > 1
      ? `<nav class="toc">${sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join("")}</nav>`
      : "";
  const footer = [spec.footer ? esc(spec.footer) : "", `Charts: Chart.js ${CHART_JS_VERSION} (MIT), inlined.`]
    .filter(Boolean)
    .join(" \u00b7 ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gigawatt">
<title>${esc(spec.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(spec.title)}</h1>
${spec.subtitle ? `<p class="subtitle">${esc(spec.subtitle)}</p>` : ""}
${toc}
</header>
<main>
<noscript><p>The charts need JavaScript; the figures and tables hold the same numbers.</p></noscript>
${sections.map((s) => s.html).join("\n")}
</main>
<footer>${footer}</footer>
<script type="application/json" id="gw-charts">${scriptJson(pages)}</script>
<script>${CHART_JS_SOURCE}</script>
<script>${RUNTIME_SOURCE}</script>
</body>
</html>
`;
}
