/**
 * `readReports`: the quantitative claims of news reports of compute deals, each with what it is
 * about and a verdict, where the reports disagree, and a draft scenario built from them.
 */
import { type Catalog, catalog } from "../catalog/catalog.js";
import type { Source } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { readSentence, reportDeal } from "./about.js";
import { checkClaim } from "./check.js";
import { dateMentions, referenceDate } from "./dates.js";
import { draftScenario } from "./draft.js";
import { chipsIn, partiesIn } from "./entities.js";
import { catalogSources, impliedPrices } from "./implied.js";
import { type Mention, quantityMentions } from "./mentions.js";
import { reconcile } from "./reconcile.js";
import { prepareReport, sentencesOf } from "./text.js";
import type { ReadClaim, ReadFile, ReadResult } from "./types.js";

/** A report to read: its name (for locations and sources) and its text. */
export interface ReportInput {
  file: string;
  text: string;
}

/** Options of `readReports`. */
export interface ReadOptions {
  catalog?: Catalog;
  /** The reports' date (YYYY or YYYY-MM), for months written without a year; else each report's latest date. */
  date?: string;
}

function statedValue(m: Mention): ReadClaim["value"] {
  if (m.date !== undefined) return m.date;
  if (m.low !== undefined && m.high !== undefined) return { low: m.low, high: m.high };
  return m.value!;
}

/** A report date as YYYY or YYYY-MM (month 01 to 12). */
export const REPORT_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

function parseDate(date: string | undefined): { year: number; month: number } | undefined {
  if (date === undefined) return undefined;
  const m = REPORT_DATE.exec(date);
  if (!m)
    throw new InputError(`"${date}" is not a date`, {
      location: "date",
      hint: "write YYYY or YYYY-MM, e.g. 2026-04",
    });
  return { year: Number(m[1]), month: Number(m[2] ?? 12) };
}

/** One report's claims, unchecked, and what is known of it. */
function readOne(input: ReportInput, cat: Catalog, date?: { year: number; month: number }) {
  const { text, format } = prepareReport(input.text, input.file);
  const sentences = sentencesOf(text);
  const reference = date ?? referenceDate(text);
  const contexts = sentences.map((s) => {
    const quantities = quantityMentions(s.text);
    const dates = dateMentions(s.text, reference).filter(
      (d) => !quantities.some((q) => q.start < d.end && d.start < q.end),
    );
    return {
      sentence: s,
      text: s.text,
      mentions: [...quantities, ...dates].sort((a, b) => a.start - b.start),
      parties: partiesIn(s.text),
      chips: chipsIn(s.text, cat),
    };
  });
  const deal = reportDeal(contexts.map((c) => c.parties));
  const claims: ReadClaim[] = [];
  for (const ctx of contexts) {
    const readings = readSentence(
      ctx,
      deal,
      claims.map((c) => ({ value: c.value as number, about: c.about })),
    );
    const dated = ctx.mentions.find(
      (m, i) => m.kind === "date" && readings[i]!.about?.endsWith("tranches[].date"),
    );
    ctx.mentions.forEach((m, i) => {
      const r = readings[i]!;
      claims.push({
        file: input.file,
        line: ctx.sentence.line,
        sentence: ctx.text,
        text: m.text,
        value: statedValue(m),
        unit: m.unit,
        kind: m.kind,
        hedge: m.hedge,
        about: r.about,
        ...(r.deal ? { deal: r.deal.id } : {}),
        parties: [...new Set(ctx.parties.map((p) => p.name))],
        chips: [...new Set(ctx.chips.map((c) => c.id))],
        verdict: "unchecked",
        computation: "",
        sources: [],
        ...(dated && m.kind !== "date" ? { dated: dated.date } : {}),
        ...(m.vague ? { vague: true } : {}),
      });
    });
  }
  const notes: string[] = [];
  if (claims.length === 0) notes.push("no quantities found");
  if (contexts.some((c) => c.mentions.some((m) => m.noun?.startsWith("year inferred"))))
    notes.push(
      `months without a year are placed before ${reference ? `${reference.year}-${String(reference.month).padStart(2, "0")}` : "the report's date"} (give --date to set it)`,
    );
  const file: ReadFile = {
    file: input.file,
    format,
    sentences: sentences.length,
    claims: claims.length,
    ...(deal.entry ? { deal: deal.entry.id } : {}),
    parties: [deal.lab, deal.other].filter((p): p is string => p !== undefined),
    chips: [...new Set(contexts.flatMap((c) => c.chips.map((x) => x.id)))],
    notes,
  };
  return { file, claims };
}

/**
 * Reads reports: every quantitative statement with what it is about and whether it holds against
 * the catalog, physics and the report's own arithmetic; the terms reports disagree on; a draft
 * scenario. Throws an InputError (with the file as location) for an empty, binary, oversized or
 * non-English report.
 */
export function readReports(reports: readonly ReportInput[], opts: ReadOptions = {}): ReadResult {
  const cat = opts.catalog ?? catalog();
  const date = parseDate(opts.date);
  if (reports.length === 0) throw new InputError("no report to read", { hint: "give one or more files" });
  const read = reports.map((r) => readOne(r, cat, date));
  const claims: ReadClaim[] = [];
  for (const { claims: own } of read) {
    for (const c of own) {
      const r = checkClaim(c, own, cat);
      Object.assign(c, { verdict: r.verdict, computation: r.computation, sources: r.sources });
      if (r.off !== undefined) c.off = r.off;
      if (r.about) c.about = r.about;
      if (r.tranche) c.tranche = r.tranche;
    }
    claims.push(...own, ...impliedPrices(own));
  }
  const sources: Record<string, Source> = {};
  const known = catalogSources();
  for (const id of claims.flatMap((c) => c.sources)) {
    const s = known.get(id);
    if (s) sources[id] = s;
  }
  const { conflicts, terms } = reconcile(
    claims,
    read.map((r) => r.file.file),
  );
  return {
    schema: "gigawatt/read@1",
    files: read.map((r) => r.file),
    claims,
    conflicts,
    terms,
    scenario: draftScenario(
      claims,
      read.map((r) => r.file),
      cat,
    ),
    sources,
  };
}
