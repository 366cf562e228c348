/**
 * A report as data: titled blocks of tables, key-value lists and text, plus the machine-readable
 * payload. One document renders to text, markdown, CSV or JSON, so every command offers the
 * same formats with the same content.
 */

/** A table cell: text, a number (shown as given), or empty. */
export type Cell = string | number | null | undefined;

export interface Column {
  key: string;
  label: string;
  /** Numbers align right by default, text left. */
  align?: "left" | "right";
}

export interface Table {
  kind: "table";
  title?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  note?: string;
}

export interface KeyValues {
  kind: "kv";
  title?: string;
  items: [label: string, value: string][];
}

export interface Text {
  kind: "text";
  title?: string;
  text: string;
}

export type Block = Table | KeyValues | Text;

/** A report: what a command prints. `data` is its JSON form, tagged with `schema`. */
export interface Doc {
  /** Schema tag of the JSON form, such as "gigawatt/train@1". */
  schema: string;
  title: string;
  blocks: Block[];
  data: unknown;
}

export type Format = "text" | "json" | "csv" | "md";
export const FORMATS: readonly Format[] = ["text", "json", "csv", "md"];

/** Builds a table from columns given as [key, label] pairs. */
export function table(
  columns: [string, string][],
  rows: Record<string, Cell>[],
  title?: string,
  note?: string,
): Table {
  return { kind: "table", title, columns: columns.map(([key, label]) => ({ key, label })), rows, note };
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return "";
  return String(c);
}

function isNumeric(t: Table, key: string): boolean {
  return t.rows.some((r) => typeof r[key] === "number");
}

function renderTableText(t: Table): string {
  const widths = t.columns.map((c) =>
    Math.max(c.label.length, ...t.rows.map((r) => cellText(r[c.key]).length)),
  );
  const right = t.columns.map((c) => c.align === "right" || (c.align === undefined && isNumeric(t, c.key)));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(t.columns.map((c) => c.label)), line(widths.map((w) => "-".repeat(w)))];
  for (const r of t.rows) out.push(line(t.columns.map((c) => cellText(r[c.key]))));
  return out.join("\n");
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function renderTableMd(t: Table): string {
  const right = t.columns.map((c) => c.align === "right" || (c.align === undefined && isNumeric(t, c.key)));
  const out = [
    `| ${t.columns.map((c) => mdEscape(c.label)).join(" | ")} |`,
    `| ${right.map((r) => (r ? "---:" : "---")).join(" | ")} |`,
  ];
  for (const r of t.rows) out.push(`| ${t.columns.map((c) => mdEscape(cellText(r[c.key]))).join(" | ")} |`);
  return out.join("\n");
}

/** RFC 4180 quoting. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function renderTableCsv(t: Table): string {
  const out = [t.columns.map((c) => csvField(c.key)).join(",")];
  for (const r of t.rows) out.push(t.columns.map((c) => csvField(cellText(r[c.key]))).join(","));
  return out.join("\n");
}

function renderBlockText(b: Block): string {
  const head = b.title ? `${b.title}\n` : "";
  switch (b.kind) {
    case "table":
      return `${head}${renderTableText(b)}${b.note ? `\n${b.note}` : ""}`;
    case "kv": {
      const w = Math.max(0, ...b.items.map(([k]) => k.length));
      return `${head}${b.items.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join("\n")}`;
    }
    case "text":
      return `${head}${b.text}`;
  }
}

function renderBlockMd(b: Block): string {
  const head = b.title ? `## ${b.title}\n\n` : "";
  switch (b.kind) {
    case "table":
      return `${head}${renderTableMd(b)}${b.note ? `\n\n${b.note}` : ""}`;
    case "kv":
      return `${head}${b.items.map(([k, v]) => `- **${k}**: ${v}`).join("\n")}`;
    case "text":
      return `${head}${b.text}`;
  }
}

/**
 * Renders a report. CSV holds the tables only (key-value blocks become two-column tables),
 * each preceded by a `# title` line when there are several.
 */
export function render(doc: Doc, format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ schema: doc.schema, ...(doc.data as object) }, jsonSafe, 2)}\n`;
    case "md":
      return `# ${doc.title}\n\n${doc.blocks.map(renderBlockMd).join("\n\n")}\n`;
    case "csv": {
      const tables = doc.blocks.flatMap((b): Table[] => {
        if (b.kind === "table") return [b];
        if (b.kind === "kv")
          return [
            table(
              [
                ["item", "item"],
                ["value", "value"],
              ],
              b.items.map(([item, value]) => ({ item, value })),
              b.title,
            ),
          ];
        return [];
      });
      if (tables.length === 1) return `${renderTableCsv(tables[0]!)}\n`;
      return `${tables.map((t) => `# ${t.title ?? ""}\n${renderTableCsv(t)}`).join("\n\n")}\n`;
    }
    case "text":
      return `${doc.title}\n\n${doc.blocks.map(renderBlockText).join("\n\n")}\n`;
  }
}

/** JSON never carries NaN or Infinity: they become null. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
