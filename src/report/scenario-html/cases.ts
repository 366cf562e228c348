/**
 * Cases: where sources disagree far apart on an input, each source's reading is evaluated on its
 * own (every other input at nominal) instead of being blended into one distribution. One table per
 * such input: its readings, their sources, and the outputs that change with them.
 */
import { uncertainInputs } from "../../scenario/inputs.js";
import { formatOutput, OUTPUTS, outputLabel } from "../../scenario/outputs.js";
import { CASE_RATIO, type CaseResult } from "../../uncertainty/cases.js";
import type { HtmlSection, HtmlTable } from "../html/spec.js";
import { inputName, inputText } from "../inputs.js";
import type { Context } from "./context.js";
import { HEADLINE_OUTPUTS } from "./headline.js";

/** Most outputs a case table shows: the headline ones first, then the rest in report order. */
const MAX_COLUMNS = 5;

function caseTable(ctx: Context, input: string, readings: CaseResult[]): HtmlTable {
  const u = uncertainInputs(ctx.s)[input];
  const order = [...HEADLINE_OUTPUTS, ...Object.keys(OUTPUTS).filter((o) => !HEADLINE_OUTPUTS.includes(o))];
  const moved = order
    .filter((o) => new Set(readings.map((c) => formatOutput(o, c.outputs[o] ?? Number.NaN))).size > 1)
    .slice(0, MAX_COLUMNS);
  return {
    title: inputName(input, ctx.s),
    columns: [
      { key: "reading", label: "reading" },
      { key: "sources", label: "sources" },
      ...moved.map((o) => ({ key: o, label: outputLabel(o), align: "right" as const })),
      { key: "note", label: "note" },
    ],
    rows: readings.map((c) => ({
      reading: `${u ? inputText(u, c.reading.value) : c.reading.value}${c.option === 0 ? " (preferred)" : ""}`,
      sources: { text: "", sources: ctx.sources.cite(c.reading.sources) },
      ...Object.fromEntries(moved.map((o) => [o, formatOutput(o, c.outputs[o] ?? Number.NaN)])),
      note: c.reading.note ?? "",
    })),
  };
}

export function casesSection(ctx: Context): HtmlSection | undefined {
  if (!ctx.cases?.length) return undefined;
  const byInput = new Map<string, CaseResult[]>();
  for (const c of ctx.cases) byInput.set(c.input, [...(byInput.get(c.input) ?? []), c]);
  return {
    title: "Cases",
    intro: `Where sources disagree far apart (the largest reading at least ${CASE_RATIO} times the smallest), a blend of their readings would describe no source's world: each reading is evaluated as its own case, with every other input at its nominal value. The Monte Carlo holds these inputs at their first, preferred reading.`,
    tables: [...byInput].map(([input, readings]) => caseTable(ctx, input, readings)),
  };
}
