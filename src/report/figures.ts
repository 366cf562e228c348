/**
 * One figure per quantity: every report (text, HTML, the web app) shows an output through this
 * module, so the same output reads the same everywhere. A sampled output's headline is the median
 * of its samples with the p5-p95 range around it; the scenario's nominal case (every input at its
 * nominal value) is shown beside it when it reads differently, with the reason.
 */
import type { ScenarioResult } from "../scenario/evaluate.js";
import { uncertainInputs } from "../scenario/inputs.js";
import { formatOutput } from "../scenario/outputs.js";
import type { CaseResult } from "../uncertainty/cases.js";
import type { MonteCarloResult } from "../uncertainty/monte-carlo.js";
import type { Tornado } from "../uncertainty/sensitivity.js";
import type { Distribution } from "../uncertainty/summary.js";
import { inputName, inputText, nominalIsOffCentre, nominalPosition } from "./inputs.js";

/** What a report knows about the outputs: the evaluation and whatever analyses ran on it. */
export interface FigureSources {
  result: ScenarioResult;
  monteCarlo?: MonteCarloResult;
  /** Every output's one-at-a-time sensitivity (the run's `drivers`). */
  drivers?: Tornado[];
  /** The readings of conflicting inputs read as cases. */
  cases?: CaseResult[];
}

/** One output as the reports show it, formatted. */
export interface OutputFigure {
  output: string;
  /** The headline: the median of the samples when sampled, else the nominal value. */
  value: string;
  stat: "p50" | "nominal";
  p5?: string;
  p95?: string;
  /** The numbers behind the texts, in SI units. */
  numbers: { value: number; p5?: number; p95?: number; nominal: number };
  /** The nominal case, when it reads differently from the median, and why. */
  nominal?: { value: string; reason: string };
  /** Each reading of a case input that changes this output: "chip-hour price $2.24/h" -> "$23.38/M tokens". */
  cases: { label: string; value: string; sources: string[] }[];
}

/** A distribution with at least one finite sample, or undefined. */
export function sampled(mc: MonteCarloResult | undefined, output: string): Distribution | undefined {
  const d = mc?.outputs[output];
  return d && d.finite > 0 ? d : undefined;
}

/** A nominal case within this fraction of the median is not shown apart (it is sampling noise). */
const SAME = 0.02;

/** An input moving an output by less than this share of the largest swing does not explain it. */
const MINOR = 0.25;

/**
 * Why the nominal case differs from the median: an input that moves the output much and whose
 * nominal value is off the middle of its spread (the mode at the top of a triangle, the first of
 * conflicting readings); else the output is not linear in the input that moves it most.
 */
function nominalReason(src: FigureSources, output: string, median: number, nominal: number): string {
  const inputs = uncertainInputs(src.result.scenario);
  const rows = (src.drivers?.find((t) => t.output === output)?.rows ?? []).filter((r) => r.swing > 0);
  const direction = `the median of the samples is ${median < nominal ? "lower" : "higher"}`;
  const major = rows.filter((r) => r.swing >= MINOR * rows[0]!.swing);
  const skewed = major.find((r) => inputs[r.input] && nominalIsOffCentre(inputs[r.input]!));
  const name = (input: string) => inputName(input, src.result.scenario);
  if (skewed) return `${name(skewed.input)} at ${nominalPosition(inputs[skewed.input]!)}; ${direction}`;
  const top = rows[0] ? ` in ${name(rows[0].input)}` : "";
  return `the output is not linear${top}, so ${direction}`;
}

/** The readings of case inputs that change how `output` reads, each with its result. */
function caseFigures(src: FigureSources, output: string): OutputFigure["cases"] {
  const byInput = new Map<string, CaseResult[]>();
  for (const c of src.cases ?? []) byInput.set(c.input, [...(byInput.get(c.input) ?? []), c]);
  const inputs = uncertainInputs(src.result.scenario);
  return [...byInput].flatMap(([input, readings]) => {
    const texts = readings.map((c) => formatOutput(output, c.outputs[output] ?? Number.NaN));
    if (new Set(texts).size < 2) return [];
    const name = inputName(input, src.result.scenario);
    return readings.map((c, i) => ({
      label: `${name} ${inputs[input] ? inputText(inputs[input]!, c.reading.value) : c.reading.value}`,
      value: texts[i]!,
      sources: c.reading.sources,
    }));
  });
}

/** An output as the reports show it, or undefined when the evaluation lacks it. */
export function outputFigure(src: FigureSources, output: string): OutputFigure | undefined {
  const v = src.result.outputs[output];
  if (v === undefined) return undefined;
  const nominal = formatOutput(output, v);
  const d = sampled(src.monteCarlo, output);
  const cases = caseFigures(src, output);
  if (!d) return { output, value: nominal, stat: "nominal", numbers: { value: v, nominal: v }, cases };
  const median = formatOutput(output, d.p50);
  const [p5, p95] = [formatOutput(output, d.p5), formatOutput(output, d.p95)];
  // An output the inputs do not move has no range to show.
  const constant = p5 === median && p95 === median;
  return {
    output,
    value: median,
    stat: "p50",
    p5: constant ? undefined : p5,
    p95: constant ? undefined : p95,
    numbers: { value: d.p50, p5: d.p5, p95: d.p95, nominal: v },
    nominal:
      nominal !== median && Math.abs(v - d.p50) > SAME * Math.abs(d.p50)
        ? { value: nominal, reason: nominalReason(src, output, d.p50, v) }
        : undefined,
    cases,
  };
}
