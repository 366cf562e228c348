/** The solver's answers as report rows, and as the text report's "Implied terms" block. */
import type { ScenarioResult } from "../scenario/evaluate.js";
import { formatOutput, outputLabel } from "../scenario/outputs.js";
import type { SolveAnswer } from "../scenario/solve.js";
import { formatQuantity } from "../units/format.js";
import { type Block, table } from "./document.js";

/** One row per answer: the question, the input value found, the scenario's own value, and the arithmetic at it. */
export function impliedRows(solved: SolveAnswer[]) {
  return solved.map((a) => ({
    question: a.text,
    answer: `${a.vary} = ${formatQuantity(a.result.x, a.kind)}`,
    now: a.current !== undefined ? formatQuantity(a.current, a.kind) : "",
    check: a.formula ?? `${outputLabel(a.output)} = ${formatOutput(a.output, a.result.y)}`,
  }));
}

/** The text report's block of implied terms (solver answers and the commitment's arithmetic). */
export function impliedBlock(r: ScenarioResult, solved: SolveAnswer[]): Block | undefined {
  const o = r.outputs;
  const arithmetic = [
    "deal.usageInCommitmentYears",
    "deal.commitmentGwYearsAtMarket",
    "deal.commitmentGwYearsAtCost",
  ]
    .filter((k) => o[k] !== undefined)
    .map((k) => ({ question: outputLabel(k), answer: formatOutput(k, o[k]!), now: "", check: "" }));
  const rows = [...impliedRows(solved), ...arithmetic];
  if (rows.length === 0) return undefined;
  return table(
    [
      ["question", "question"],
      ["answer", "answer"],
      ["now", "the scenario has"],
      ["check", "at the answer"],
    ],
    rows,
    "Implied terms (nominal inputs)",
    "The solver varies one input through the whole chain until the output hits its target (`gigawatt solve`).",
  );
}
