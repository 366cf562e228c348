/**
 * A report's text made ready to read: refused when empty, binary, too long or not English (one
 * located line each), stripped of HTML and Markdown, cut into sentences with their lines.
 */
import { decodeHTML } from "entities";
import { split } from "sentence-splitter";
import { InputError } from "../errors.js";

/** The longest report read, in characters (about 1 MB of text: a long article is 30-60 kB). */
export const MAX_REPORT_CHARS = 1_000_000;

/** A sentence of a report, with the line it starts on (1-based) in the text as read. */
export interface Sentence {
  text: string;
  line: number;
}

/** What a report was written in. */
export type ReportFormat = "text" | "markdown" | "html";

function position(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  const col = index - before.lastIndexOf("\n");
  return `${line}:${col}`;
}

/** Refuses what is not a report: empty, binary or oversized text. */
function refuse(raw: string, file: string): void {
  if (raw.length > MAX_REPORT_CHARS)
    throw new InputError(
      `the report is ${raw.length.toLocaleString("en-US")} characters, over the ${MAX_REPORT_CHARS.toLocaleString("en-US")} read`,
      { location: file, hint: "split it, or give the article's text only" },
    );
  // Control characters other than tabs, line and page breaks, or undecodable bytes: not text.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what marks a file as binary
  const bad = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;
  const first = bad.exec(raw);
  if (first) {
    const count = raw.match(bad)?.length ?? 1;
    if (first[0] === "\u0000" || count > Math.max(2, raw.length / 1000))
      throw new InputError("the file is binary, not text", {
        location: `${file}:${position(raw, first.index)}`,
        hint: "give a report as plain text, Markdown or HTML (UTF-8)",
      });
  }
  if (raw.trim() === "")
    throw new InputError("the report is empty", {
      location: file,
      hint: "give a news report as plain text, Markdown or HTML",
    });
}

const BLOCK =
  /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|article|section|header|footer|blockquote|pre|table|figure|figcaption)\b[^>]*>/gi;

function stripHtml(html: string): string {
  return decodeHTML(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|noscript|head|svg|template)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(BLOCK, "\n")
      .replace(/<[^>]+>/g, ""),
  )
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/\n[ \t]+/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
}

/** Markdown marks removed line by line, so lines keep their numbers. */
function stripMarkdown(md: string): string {
  return md
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, "")
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__)(.+?)\1/g, "$2")
        .replace(/(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])/g, "$1")
        .replace(/`([^`]+)`/g, "$1"),
    )
    .join("\n");
}

/** Whether text is HTML or Markdown rather than plain text. */
export function formatOf(raw: string): ReportFormat {
  if (/<(?:html|body|p|div|article|span|h[1-6]|br|a)\b[^>]*>/i.test(raw)) return "html";
  if (/^\s{0,3}(?:#{1,6}\s|[-*+]\s|>\s)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*/m.test(raw)) return "markdown";
  return "text";
}

/** Common English words; news prose in English is a third or more of them. */
const ENGLISH = new Set(
  "the of and to a in is that for on with as by it its at from this be are was were has have had will an or not but which their they than more been who also new into over after about up said would could its".split(
    " ",
  ),
);

function englishShare(text: string): { share: number; words: number } {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z\u00c0-\u024f]/g)?.length ?? 0;
  // Scripts without spaces between words (Chinese, Japanese) count as words by their letters.
  if (letters >= 40 && latin < letters / 2) return { share: 0, words: letters };
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const common = words.filter((w) => ENGLISH.has(w)).length;
  return { share: words.length ? common / words.length : 0, words: words.length };
}

/** A report ready to read: its plain text and format. Throws an InputError for what is not a report. */
export function prepareReport(raw: string, file: string): { text: string; format: ReportFormat } {
  refuse(raw, file);
  const format = formatOf(raw);
  const text = (
    format === "html" ? stripHtml(raw) : format === "markdown" ? stripMarkdown(raw) : raw
  ).replace(/\r\n?/g, "\n");
  const { share, words } = englishShare(text);
  // Short texts ("$5B for 5 GW") carry too few words to tell; long ones in English never fall this low.
  if (words >= 20 && share < 0.1)
    throw new InputError(
      `the report does not read as English (${Math.round(share * 100)}% common English words, where English news has 30% or more)`,
      { location: file, hint: "gigawatt read knows English only: give an English report or a translation" },
    );
  return { text, format };
}

/** The sentences of a text, each with the line it starts on; a heading or list item is one. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    for (const node of split(line)) {
      if (node.type !== "Sentence") continue;
      const t = node.raw.trim();
      if (t) out.push({ text: t, line: i + 1 });
    }
  });
  return out;
}
