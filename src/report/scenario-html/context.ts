/**
 * What every section of the scenario's HTML report shares: the run's results, the sources cited
 * so far, and the one way an output becomes a key figure (median, range, nominal case, cases).
 */
import type { Traced } from "../../capacity/index.js";
import type { Catalog } from "../../catalog/catalog.js";
import { dealsCatalog } from "../../catalog/deals.js";
import { economics } from "../../catalog/economics.js";
import type { Source } from "../../catalog/schema.js";
import { outputLabel, outputMeasure } from "../../scenario/outputs.js";
import type { Scenario } from "../../scenario/schema.js";
import type { Measure } from "../../units/format.js";
import { type FigureSources, outputFigure, sampled } from "../figures.js";
import type { KeyFigure, TaggedText } from "../html/spec.js";

/** Source ids cited anywhere in the report, resolved against the scenario and the catalogs. */
export class Sources {
  private readonly cited = new Set<string>();
  constructor(
    private readonly scenario: Scenario,
    private readonly cat: Catalog,
  ) {}

  /** Records ids as cited and returns them (deduplicated, in order). */
  cite(...groups: (readonly string[] | undefined)[]): string[] {
    const ids = [...new Set(groups.flatMap((g) => g ?? []))];
    for (const id of ids) this.cited.add(id);
    return ids;
  }

  lookup(id: string): Source | undefined {
    return (
      this.scenario.sources[id] ??
      this.cat.sources.get(id) ??
      economics().sources.get(id) ??
      dealsCatalog().sources.get(id)
    );
  }

  /** The scenario's own sources first, then every other id cited, in order of citation. */
  all(): string[] {
    return [...new Set([...Object.keys(this.scenario.sources), ...this.cited])];
  }
}

/** Every source id under `sources` keys in a parsed value (a scenario section, a catalog entry). */
export function sourcesIn(v: unknown, depth = 0): string[] {
  if (!v || typeof v !== "object" || depth > 8) return [];
  if (Array.isArray(v)) return v.flatMap((x) => sourcesIn(x, depth + 1));
  return Object.entries(v).flatMap(([k, x]) =>
    k === "sources" && Array.isArray(x)
      ? x.filter((s): s is string => typeof s === "string")
      : sourcesIn(x, depth + 1),
  );
}

/** The shared state of the section builders: the run's results, the scenario, the sources cited. */
export interface Context extends FigureSources {
  s: Scenario;
  sources: Sources;
}

/** What a section adds to a key figure of an output. */
export interface FigureExtras {
  label?: string;
  /** The traced value behind it: its arithmetic and sources. */
  traced?: Traced;
  sources?: string[];
  formula?: string;
  limit?: string;
  note?: string;
}

/** "Frontier training runs" -> "frontier training runs"; acronyms ("US homes") stay. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** "investment paid" -> "Investment paid". */
export function upperFirst(text: string): string {
  return text[0] ? text[0].toUpperCase() + text.slice(1) : text;
}

/** An output's label for people, capitalised. */
export const outputTitle = (output: string) => upperFirst(outputLabel(output));

/** How an output's values read on a chart. */
export const chartUnit = (output: string): Measure => outputMeasure(output);

/**
 * A key figure of a named output: the median and p5-p95 range when sampled (else the nominal
 * value), the nominal case beside it when it differs, each case's reading, the arithmetic and the
 * sources. Undefined when the evaluation lacks the output.
 */
export function keyFigure(ctx: Context, output: string, extra: FigureExtras = {}): KeyFigure | undefined {
  const f = outputFigure(ctx, output);
  if (!f) return undefined;
  const sources = ctx.sources.cite(extra.sources, extra.traced?.sources, ...f.cases.map((c) => c.sources));
  return {
    label: extra.label ?? outputTitle(output),
    value: f.value,
    ref: { output, stat: f.stat, value: f.numbers.value },
    range:
      f.p5 !== undefined && f.p95 !== undefined
        ? { p5: f.p5, p95: f.p95, values: [f.numbers.p5!, f.numbers.p95!] }
        : undefined,
    nominal: f.nominal && { ...f.nominal, number: f.numbers.nominal },
    cases: f.cases.length ? f.cases : undefined,
    sources: sources.length ? sources : undefined,
    formula: extra.formula ?? extra.traced?.formula,
    limit: extra.limit,
    note: extra.note,
  };
}

/** An output's headline value as tagged text for a paragraph (the same text as its key figure). */
export function figureText(ctx: Context, output: string): TaggedText | undefined {
  const f = outputFigure(ctx, output);
  return f ? { text: f.value, output, stat: f.stat, value: f.numbers.value } : undefined;
}

/** An output's p5-p95 range as tagged text, or undefined when not sampled. */
export function rangeText(ctx: Context, output: string): TaggedText[] | undefined {
  const f = outputFigure(ctx, output);
  if (!f || f.p5 === undefined || f.p95 === undefined) return undefined;
  return [
    { text: f.p5, output, stat: "p5", value: f.numbers.p5 },
    { text: f.p95, output, stat: "p95", value: f.numbers.p95 },
  ];
}

export { sampled };

export const defined = <T>(x: T | undefined | null | false): x is T =>
  x !== undefined && x !== null && x !== false;

/** Drops series whose values are all zero or missing (a component a chip or strategy does not have). */
export function nonZero<T extends { values: (number | null)[] }>(series: T[]): T[] {
  const kept = series.filter((x) => x.values.some((v) => v !== null && v !== 0));
  return kept.length ? kept : series.slice(0, 1);
}

/** The binding constraint of a limit without its arithmetic ("facility power: chips = ..." -> "facility power"). */
export function limitHead(limit: string | undefined): string | undefined {
  return limit?.split(":")[0];
}
