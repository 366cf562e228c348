/** Escaping for text placed in HTML, and for JSON placed inside a <script> element. */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON safe inside <script type="application/json">: "<" can never start "</script>" or "<!--".
 * Numbers keep 12 significant digits: the last bits of a float differ between JavaScript engines
 * (Node's and a browser's), and a page must read the same whichever built it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
  )
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
