/**
 * The report's stylesheet: readable on a phone (one column, tables that scroll sideways) and on
 * a wide screen (figures and charts in a grid), and in print (no cut-off charts or rows, no
 * navigation, sections starting where they fit).
 */
export const STYLE = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #e3e3e6; --accent: #0072B2; --bg: #fff; --card: #f7f7f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 14px; font-size: 1.05rem; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 10px 0 14px; border-bottom: 1px solid var(--line); }
nav.toc a { color: var(--accent); text-decoration: none; font-size: 0.92rem; }
nav.toc a:hover { text-decoration: underline; }
section { padding: 18px 0 8px; border-bottom: 1px solid var(--line); }
h2 { font-size: 1.3rem; margin: 8px 0 8px; }
h3 { font-size: 1rem; margin: 0 0 6px; }
.intro { margin: 0 0 14px; max-width: 75ch; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin: 0 0 16px; }
.figure { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; break-inside: avoid; }
.figure .label { color: var(--muted); font-size: 0.85rem; }
.figure .value { font-size: 1.45rem; font-weight: 650; line-height: 1.25; font-variant-numeric: tabular-nums; }
.figure .range { font-size: 0.85rem; font-variant-numeric: tabular-nums; }
.figure .limit { font-size: 0.8rem; margin-top: 4px; }
.figure .nominal { font-size: 0.8rem; margin-top: 4px; }
.figure .nominal span { font-weight: 600; font-variant-numeric: tabular-nums; }
.figure ul.cases { font-size: 0.8rem; margin: 4px 0 0; padding-left: 16px; }
.figure details.trace summary { cursor: pointer; list-style: none; }
.figure details.trace summary::-webkit-details-marker { display: none; }
.figure details.trace summary .value { text-decoration: underline dotted 1px; text-underline-offset: 5px; text-decoration-color: var(--muted); }
.figure details.trace summary::after { content: " \\25BE"; color: var(--muted); font-size: 0.75rem; }
.figure details.trace[open] summary::after { content: " \\25B4"; }
.figure details.trace[open] { margin-bottom: 4px; }
.figure .formula { font-size: 0.78rem; margin: 4px 0; padding: 6px 8px; background: #fff; border: 1px solid var(--line); border-radius: 6px; overflow-wrap: anywhere; }
.figure .value { display: inline; }
.figure .source, .figure .note { color: var(--muted); font-size: 0.75rem; margin-top: 4px; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr)); gap: 18px; margin: 0 0 16px; }
figure.chart { margin: 0; min-width: 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart h3 { font-size: 0.98rem; }
.chart-box { position: relative; width: 100%; height: var(--h, 320px); }
.chart-box canvas { display: block; }
.chart-empty, .chart-error { color: var(--muted); font-style: italic; margin: 8px 0; }
.caption { color: var(--muted); font-size: 0.82rem; margin: 6px 0 0; }
.table-wrap { overflow-x: auto; margin: 0 0 16px; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; background: var(--card); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.kv th { background: none; font-weight: 500; color: var(--muted); }
.text-block { margin: 0 0 14px; max-width: 75ch; }
.text-block p.text { white-space: pre-wrap; margin: 0 0 8px; }
.table-note { color: var(--muted); font-size: 0.8rem; margin: 4px 0 0; }
ul.notes { color: var(--muted); font-size: 0.85rem; padding-left: 20px; margin: 0 0 12px; }
footer { color: var(--muted); font-size: 0.8rem; padding: 14px 20px 28px; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  header, main, footer { padding-left: 12px; padding-right: 12px; }
  h1 { font-size: 1.4rem; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .figure .value { font-size: 1.15rem; }
  .chart-box { height: min(var(--h, 320px), 300px); }
  th, td { padding: 4px 6px; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section { break-before: auto; border-bottom: none; }
  h2 { break-after: avoid; }
  .figure { background: none; }
  .charts { display: block; }
  figure.chart { margin: 0 0 12px; }
  .chart-box canvas { max-width: 100% !important; height: auto !important; }
  .table-wrap { overflow: visible; }
  table { width: 100%; }
  /* Every column fits the page: cells wrap, wide tables in smaller type. */
  th, td, td.num, th.num { white-space: normal; overflow-wrap: anywhere; padding: 3px 5px; }
  .table-wrap.wide table { font-size: 7.5pt; }
  tr { break-inside: avoid; }
}
`;
