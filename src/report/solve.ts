/** The solver's report: the answer, the arithmetic of the output at it, and the search's evaluations. */
import { formatOutput, outputLabel } from "../scenario/outputs.js";
import type { SolveAnswer } from "../scenario/solve.js";
import { formatNumber, formatQuantity } from "../units/format.js";
import { type Doc, table } from "./document.js";

/** A solve answer as a report (schema gigawatt/solve@1). */
export function solveReport(a: SolveAnswer, scenario: string): Doc {
  const x = formatQuantity(a.result.x, a.kind);
  // Within a millionth of the output's scale the answer hits the target: say the target.
  const scale = Math.max(...a.result.steps.map((s) => (Number.isFinite(s.y) ? Math.abs(s.y) : 0)), 1e-300);
  const hit = Math.abs(a.result.y - a.result.target) <= 1e-6 * scale;
  const y = hit
    ? `${formatOutput(a.output, a.result.target)} (to within ${formatOutput(a.output, Math.abs(a.result.y - a.result.target))})`
    : formatOutput(a.output, a.result.y);
  const fx = (v: number) => formatQuantity(v, a.kind);
  return {
    schema: "gigawatt/solve@1",
    title: `Solve: ${outputLabel(a.output)} = ${formatOutput(a.output, a.result.target)} (${scenario})`,
    blocks: [
      {
        kind: "kv",
        title: "Answer",
        items: [
          ["vary", a.vary],
          ["answer", `${a.vary} = ${x}`],
          ...(a.current !== undefined ? ([["the scenario has", fx(a.current)]] as [string, string][]) : []),
          [
            "gives",
            hit
              ? `${a.output} = ${y}`
              : `${a.output} = ${y} (target ${formatOutput(a.output, a.result.target)})`,
          ],
          ...(hit
            ? []
            : ([
                [
                  "crossing",
                  `the output jumps across the target between ${fx(a.result.bracket[0].x)} (${formatOutput(a.output, a.result.bracket[0].y)}) and ${fx(a.result.bracket[1].x)} (${formatOutput(a.output, a.result.bracket[1].y)}); no value between them was found to give it`,
                ],
              ] as [string, string][])),
          [
            "arithmetic at the answer",
            a.formula ?? "the output is not traced: see gigawatt run at the answer",
          ],
          [
            "searched",
            `${fx(a.result.range[0])} to ${fx(a.result.range[1])}, ${formatNumber(a.result.steps.length)} evaluations of the whole chain`,
          ],
          [
            "direction",
            `${outputLabel(a.output)} ${a.result.rising ? "rises" : "falls"} with ${a.vary} around the answer`,
          ],
        ],
      },
      table(
        [
          ["x", a.vary],
          ["y", a.output],
        ],
        a.result.steps.map((s) => ({
          x: fx(s.x),
          y: Number.isFinite(s.y) ? formatOutput(a.output, s.y) : "not computed",
        })),
        "Evaluations (the scan, then the bisection)",
      ),
    ],
    data: {
      vary: a.vary,
      output: a.output,
      target: a.result.target,
      answer: a.result.x,
      achieved: a.result.y,
      current: a.current ?? null,
      range: a.result.range,
      steps: a.result.steps,
      formula: a.formula ?? null,
      sources: a.sources,
    },
  };
}
