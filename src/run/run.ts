/**
 * A scenario run end to end, as `gigawatt run`, the HTTP API and the web app do it: parse, evaluate the chain, a seeded Monte
 * Carlo, the tornado, the claims (its reports, runDoc and runHtml, are in report/run.ts).
 *
 * Browser-safe (engine imports only, no clock, no node:): the HTTP API and the web app's worker
 * both run it. Monte Carlo runs here in blocks of samples with a `pause` between blocks, so the
 * server's event loop keeps answering and a page can show progress; the result is the same bit for
 * bit as `gigawatt run`'s, since every sample draws from a stream seeded by (seed, index).
 */

import { closest, distance } from "fastest-levenshtein";
import { type Catalog, catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { type ClaimResult, checkClaims, claimKindProblem } from "../scenario/claims.js";
import {
  type EvaluateOptions,
  evaluateScenario,
  type ScenarioResult,
  scenarioMonteCarlo,
} from "../scenario/evaluate.js";
import { loadScenario } from "../scenario/load.js";
import { OUTPUTS } from "../scenario/outputs.js";
import type { Scenario } from "../scenario/schema.js";
import { type SolveAnswer, solveScenario } from "../scenario/solve.js";
import type { Strategy } from "../train/types.js";
import { type CaseInput, type CaseResult, evaluateCases } from "../uncertainty/cases.js";
import {
  type Evaluate,
  type MonteCarloResult,
  mergeBlocks,
  runSampleBlock,
  type SampleBlock,
  summarizeBlock,
} from "../uncertainty/monte-carlo.js";
import { sensitivity, type Tornado } from "../uncertainty/sensitivity.js";
import { bounds, nominal, type Uncertain } from "../uncertainty/value.js";

/** How to run a scenario. */
export interface RunScenarioOptions {
  /** Names the text in error locations (default "scenario.yaml"). */
  file?: string;
  /** Monte Carlo samples (default: the scenario's uncertainty.samples, else 0: nominal only). */
  samples?: number;
  /** Monte Carlo seed (default: the scenario's, else 1). */
  seed?: number;
  /** Samples above this are refused (default: no limit). */
  maxSamples?: number;
  /** Outputs to rank inputs for, besides the scenario's uncertainty.sensitivity. */
  sensitivity?: string[];
  /** Deal options that override what the scenario implies (flags of `gigawatt deal FILE`). */
  deal?: EvaluateOptions["deal"];
  /** Samples per block between pauses (default 200). */
  blockSamples?: number;
  /** Awaited between blocks of samples (e.g. to let other events through). */
  pause?: () => Promise<void>;
  /** Called after each block: samples done of total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Runs the Monte Carlo's samples elsewhere too (e.g. over web workers): returns blocks covering
   * samples 0..samples-1. Default: blocks here, one after another, with `pause` between them.
   */
  runBlocks?: (job: SampleJob) => Promise<SampleBlock[]>;
  /** Runs the whole Monte Carlo elsewhere (e.g. over worker threads); takes precedence over `runBlocks`. */
  runMonteCarlo?: (job: SampleJob) => Promise<MonteCarloResult>;
  catalog?: Catalog;
}

/** A scenario's Monte Carlo, for a runner that spreads its samples (see `scenarioEvaluator`). */
export interface SampleJob {
  scenario: Scenario;
  /** The training strategy found at the nominal inputs, held fixed over the samples. */
  strategy?: Strategy;
  inputs: Record<string, Uncertain>;
  seed: number;
  samples: number;
  /** Runs samples [start, start + count) in this thread. */
  run(start: number, count: number): SampleBlock;
}

/** Everything a scenario run found: what the reports are built from. */
export interface ScenarioRun {
  scenario: Scenario;
  result: ScenarioResult;
  monteCarlo?: MonteCarloResult;
  /** The tornadoes asked for (`sensitivity`, the scenario's `uncertainty.sensitivity`). */
  tornado?: Tornado[];
  /** Every output's one-at-a-time sensitivity to every uncertain input. */
  drivers: Tornado[];
  /** Each reading of the conflicting inputs read as cases, with its outputs. */
  cases: CaseResult[];
  claims: ClaimResult[];
  /** The scenario's questions for the solver, answered at the nominal inputs. */
  solved: SolveAnswer[];
  catalog: Catalog;
}

/** What a run has checked and found before its Monte Carlo. */
export interface PreparedRun {
  scenario: Scenario;
  result: ScenarioResult;
  /** The inputs the Monte Carlo samples. */
  inputs: Record<string, Uncertain>;
  /** Conflicting inputs with far-apart readings, read as cases (held at their first reading when sampling). */
  cases: Record<string, CaseInput>;
  evaluate: Evaluate;
  samples: number;
  seed: number;
  /** Outputs to rank inputs for, each computed by the scenario. */
  sensitivity: string[];
  /** The scenario's questions for the solver, answered at the nominal inputs. */
  solved: SolveAnswer[];
  catalog: Catalog;
}

/**
 * Everything a run validates, without its Monte Carlo: the file against its schema, the chain at
 * nominal inputs and at both ends of every uncertain input, the claims (outputs computed, units of
 * the output's kind) and the outputs to rank. Each mistake is an InputError at FILE:LINE:COL (or,
 * for the run's own options, at "samples" or "sensitivity").
 */
export function prepareRun(
  text: string,
  opts: Omit<RunScenarioOptions, "runBlocks" | "runMonteCarlo" | "pause" | "onProgress"> = {},
): PreparedRun {
  const file = opts.file ?? "scenario.yaml";
  const loaded = loadScenario(text, file);
  if (!loaded.ok) throw loaded.errors[0]!;
  const { scenario, locate } = loaded;
  const cat = opts.catalog ?? catalog();
  const result = located(locate, () => evaluateScenario(scenario, { catalog: cat, file, deal: opts.deal }));
  const samples = opts.samples ?? scenario.uncertainty?.samples ?? 0;
  const seed = opts.seed ?? scenario.uncertainty?.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 0)
    throw new InputError(`the number of samples must be a whole number of 0 or more, got ${samples}`, {
      location: "samples",
      hint: "e.g. 2000",
    });
  if (opts.maxSamples !== undefined && samples > opts.maxSamples)
    throw new InputError(
      `${samples} Monte Carlo samples is more than this service runs (${opts.maxSamples})`,
      {
        location: opts.samples !== undefined ? "samples" : locate("uncertainty.samples"),
        hint: `ask for at most ${opts.maxSamples}, or run \`gigawatt run --samples ${samples}\` locally`,
      },
    );
  const { inputs, cases, evaluate } = scenarioMonteCarlo(scenario, result, { catalog: cat, deal: opts.deal });
  located(locate, () => checkEnds({ ...inputs, ...cases }, evaluate));
  located(locate, () => claimsComputed(scenario, result, cat));
  const wanted = [
    ...(opts.sensitivity ?? []).map((o, i) => [o, `sensitivity[${i}]`] as const),
    ...(scenario.uncertainty?.sensitivity ?? []).map(
      (o, i) => [o, locate(`uncertainty.sensitivity[${i}]`)] as const,
    ),
  ];
  for (const [o, where] of wanted) {
    if (!Object.hasOwn(result.outputs, o))
      throw new InputError(`this scenario computes no output "${o}"`, {
        location: where,
        hint: outputsHint(o, result),
      });
  }
  // A question the solver cannot answer is a mistake in the file: it is checked like the rest.
  const solved = scenario.solve.map((q, i) =>
    located(locate, () =>
      solveScenario(scenario, q, { catalog: cat, location: `solve[${i}]`, base: result }),
    ),
  );
  return {
    scenario,
    result,
    inputs,
    cases,
    evaluate,
    samples,
    seed,
    solved,
    sensitivity: [...new Set(wanted.map(([o]) => o))],
    catalog: cat,
  };
}

/** Places an error at a scenario path ("capacity.mix[1].share") at FILE:LINE:COL. */
function located<T>(locate: (path: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError && e.location && /^[A-Za-z][\w]*(\.[\w]+|\[\d+\])*$/.test(e.location))
      throw new InputError(e.message, { location: locate(e.location), hint: e.hint });
    throw e;
  }
}

/**
 * The chain evaluated with each uncertain input at either end of its range, the others nominal:
 * what a Monte Carlo sample can draw must not be a mistake that only the run finds. An error is
 * placed at the input.
 */
function checkEnds(inputs: Record<string, Uncertain>, evaluate: Evaluate): void {
  const base = Object.fromEntries(Object.entries(inputs).map(([k, u]) => [k, nominal(u)]));
  for (const [name, u] of Object.entries(inputs)) {
    bounds(u).forEach((v, end) => {
      try {
        evaluate({ ...base, [name]: v });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        throw new InputError(`at its ${end ? "high" : "low"} end (${v.toPrecision(4)}): ${e.message}`, {
          location: name,
          hint: e.hint ?? "narrow the range",
        });
      }
    });
  }
}

/**
 * Every claim's output must be one the scenario computes, and its expected value of the output's
 * kind; a claim on a catalog fact must name a catalog chip.
 */
function claimsComputed(scenario: Scenario, result: ScenarioResult, cat: Catalog): void {
  scenario.claims.forEach((c, i) => {
    const chip = c.catalog?.replace(/\.(announced|available)$/, "");
    if (chip !== undefined && !cat.chips.find(chip))
      throw new InputError(`unknown chip "${chip}"`, {
        location: `claims[${i}].catalog`,
        hint: cat.chips.suggest(chip) ?? "see `gigawatt catalog chips`",
      });
    if (c.output === undefined) return;
    if (!Object.hasOwn(result.outputs, c.output))
      throw new InputError(`this scenario computes no output "${c.output}"`, {
        location: `claims[${i}].output`,
        hint: outputsHint(c.output, result),
      });
    const problem = claimKindProblem(c);
    if (problem)
      throw new InputError(problem.message, { location: `claims[${i}].expected`, hint: problem.hint });
  });
}

/** "did you mean" among the outputs the scenario computes, or the list of them. */
function outputsHint(name: string, result: ScenarioResult): string {
  const names = Object.keys(result.outputs);
  const near = names.length ? closest(name, names) : undefined;
  const known = Object.hasOwn(OUTPUTS, name) ? `${name} needs its section (${name.split(".")[0]}:); ` : "";
  return near !== undefined && distance(near, name) <= Math.max(2, name.length / 4)
    ? `${known}did you mean "${near}"?`
    : `${known}outputs: ${names.join(", ")}`;
}

/** Parses, evaluates and analyses scenario text; a mistake in it is an InputError at FILE:LINE:COL. */
export async function runScenario(text: string, opts: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const {
    scenario,
    result,
    inputs,
    cases: caseInputs,
    evaluate,
    samples,
    seed,
    sensitivity: wanted,
    solved,
    catalog: cat,
  } = prepareRun(text, opts);
  let monteCarlo: MonteCarloResult | undefined;
  if (samples > 0) {
    const run = (start: number, count: number) => runSampleBlock({ inputs, evaluate, seed, start, count });
    const job = { scenario, strategy: result.training?.estimate.strategy, inputs, seed, samples, run };
    let blocks: SampleBlock[] = [];
    if (opts.runMonteCarlo) monteCarlo = await opts.runMonteCarlo(job);
    else if (opts.runBlocks) blocks = await opts.runBlocks(job);
    else {
      const per = Math.max(1, opts.blockSamples ?? 200);
      for (let start = 0; start < samples; start += per) {
        const count = Math.min(per, samples - start);
        blocks.push(run(start, count));
        opts.onProgress?.(start + count, samples);
        if (start + count < samples) await opts.pause?.();
      }
    }
    monteCarlo ??= summarizeBlock(mergeBlocks(blocks), seed);
  }
  // One-at-a-time swings of every output (the same evaluations as for one): the tornadoes asked
  // for, and what moves each figure of the report.
  const every = { ...inputs, ...caseInputs };
  const drivers = sensitivity({ inputs: every, evaluate });
  const tornado = wanted.length > 0 ? wanted.map((o) => drivers.find((t) => t.output === o)!) : undefined;
  const cases = evaluateCases(caseInputs, every, evaluate);
  const outputs = Object.fromEntries(
    Object.entries(result.outputs).map(([k, v]) => [
      k,
      { value: v, p5: monteCarlo?.outputs[k]?.p5, p95: monteCarlo?.outputs[k]?.p95 },
    ]),
  );
  const claims = checkClaims(scenario.claims, outputs, cat);
  return { scenario, result, monteCarlo, tornado, drivers, cases, claims, solved, catalog: cat };
}
