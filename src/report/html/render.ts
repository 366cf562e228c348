/**
 * The HTML report: one self-contained file (styles, Chart.js, the page script and the data all
 * inlined; no network) that reads well on a wide screen, on a phone and in print. Browser-safe:
 * it only builds a string; the CLI writes it to a file.
 */
import type { Block } from "../document.js";
import { slug, sourceAnchor } from "./anchor.js";
import { CHART_JS_SOURCE, CHART_JS_VERSION } from "./chartjs.generated.js";
import { chartHeight, type EmptyChart, type PageChart, pageChart } from "./charts.js";
import { escapeHtml as esc, scriptJson } from "./escape.js";
import { RUNTIME_SOURCE } from "./runtime.generated.js";
import type {
  ChartSpec,
  FigureRef,
  HtmlCell,
  HtmlReportSpec,
  HtmlSection,
  HtmlTable,
  Inline,
  KeyFigure,
} from "./spec.js";
import { STYLE } from "./style.js";

/** What a page links to: the element ids its tables give their rows. */
interface Links {
  ids: Set<string>;
}

/** `data-output` and `data-stat` attributes of a tagged figure. */
function refAttrs(ref: Partial<FigureRef> | undefined): string {
  if (!ref?.output || !ref.stat) return "";
  // 12 digits: the last bits of a float differ between JavaScript engines (Node's and a browser's).
  const value =
    ref.value !== undefined && Number.isFinite(ref.value)
      ? ` data-value="${Number(ref.value.toPrecision(12))}"`
      : "";
  return ` data-output="${esc(ref.output)}" data-stat="${ref.stat}"${value}`;
}

/** Source ids as links to their rows in the sources table (plain text when it does not list them). */
function sourceLinks(ids: string[], links: Links): string {
  return ids
    .map((id) => {
      const anchor = sourceAnchor(id);
      return links.ids.has(anchor) ? `<a href="#${anchor}">${esc(id)}</a>` : esc(id);
    })
    .join(", ");
}

/** Text with tagged figures. */
function inline(parts: string | Inline[]): string {
  if (typeof parts === "string") return esc(parts);
  return parts
    .map((p) => (typeof p === "string" ? esc(p) : `<span class="fig"${refAttrs(p)}>${esc(p.text)}</span>`))
    .join("");
}

/** Only web addresses become links; a repository path stays text. */
const isWebAddress = (href: string) => /^https?:\/\/[^\s"<>]+$/i.test(href);

function figure(f: KeyFigure, links: Links): string {
  const value = `<span class="value"${refAttrs(f.ref)}>${esc(f.value)}</span>`;
  const output = f.ref?.output;
  const tag = (stat: FigureRef["stat"], text: string, value?: number) =>
    `<span${refAttrs(output ? { output, stat, value } : undefined)}>${esc(text)}</span>`;
  const sources = f.sources?.length
    ? `<div class="source">Sources: ${sourceLinks(f.sources, links)}</div>`
    : "";
  // The arithmetic and sources open from the value (a click, or print).
  const head =
    f.formula || sources
      ? `<details class="trace"><summary title="Show the arithmetic and sources">${value}</summary>${
          f.formula ? `<div class="formula">${esc(f.formula)}</div>` : ""
        }${sources}</details>`
      : `<div>${value}</div>`;
  const cases = f.cases?.length
    ? `<ul class="cases">${f.cases
        .map(
          (c) =>
            `<li>${esc(c.label)}: <b>${esc(c.value)}</b>${c.sources.length ? ` (${sourceLinks(c.sources, links)})` : ""}</li>`,
        )
        .join("")}</ul>`
    : "";
  const parts = [
    `<div class="label">${esc(f.label)}</div>`,
    head,
    f.range
      ? `<div class="range">p5\u2013p95: ${tag("p5", f.range.p5, f.range.values?.[0])} \u2013 ${tag("p95", f.range.p95, f.range.values?.[1])}</div>`
      : "",
    f.nominal
      ? `<div class="nominal">Nominal case ${tag("nominal", f.nominal.value, f.nominal.number)}: ${esc(f.nominal.reason)}</div>`
      : "",
    cases,
    f.limit ? `<div class="limit">Limited by ${esc(f.limit)}</div>` : "",
    f.note ? `<div class="note">${esc(f.note)}</div>` : "",
  ];
  return `<div class="figure"${output ? ` data-figure="${esc(output)}"` : ""}>${parts.join("")}</div>`;
}

function cellHtml(c: HtmlCell, links: Links): string {
  if (c === null || c === undefined) return "";
  if (typeof c !== "object") return esc(String(c));
  if (c.sources?.length) return sourceLinks(c.sources, links);
  const text = esc(c.text);
  const body =
    c.href && isWebAddress(c.href)
      ? `<a href="${esc(c.href)}" target="_blank" rel="noopener noreferrer">${text}</a>`
      : text;
  return c.output && c.stat ? `<span${refAttrs(c)}>${body}</span>` : body;
}

const isNumber = (c: HtmlCell) => typeof c === "number";

function table(t: HtmlTable, links: Links): string {
  const numeric = t.columns.map(
    (c) => c.align === "right" || (c.align === undefined && t.rows.some((r) => isNumber(r[c.key]))),
  );
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  const head = t.columns.map((c, i) => `<th scope="col"${cls(i)}>${esc(c.label)}</th>`).join("");
  const body = t.rows
    .map((r, j) => {
      const id = t.rowIds?.[j];
      const cells = t.columns.map((c, i) => `<td${cls(i)}>${cellHtml(r[c.key], links)}</td>`).join("");
      return `<tr${id ? ` id="${esc(id)}"` : ""}>${cells}</tr>`;
    })
    .join("\n");
  const caption = t.title ? `<caption>${esc(t.title)}</caption>` : "";
  const note = t.note ? `<p class="table-note">${esc(t.note)}</p>` : "";
  const wide = t.columns.length > 6 ? " wide" : "";
  return `<div class="table-wrap${wide}"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}</div>`;
}

function block(b: Block, links: Links): string {
  switch (b.kind) {
    case "table":
      return table(b, links);
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
  const rowIds = spec.sections.flatMap((s) => (s.tables ?? []).flatMap((t) => t.rowIds ?? []));
  const links: Links = { ids: new Set(rowIds.filter((x): x is string => !!x)) };
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
      s.intro ? `<p class="intro">${inline(s.intro)}</p>` : "",
      s.figures?.length
        ? `<div class="figures">${s.figures.map((f) => figure(f, links)).join("")}</div>`
        : "",
      charts.length ? `<div class="charts">${charts.join("\n")}</div>` : "",
      ...(s.blocks ?? []).map((b) => block(b, links)),
      ...(s.tables ?? []).map((t) => table(t, links)),
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
