/**
 * A scenario run end to end, as `gigawatt run`, the HTTP API and the web app do it: parse, evaluate the chain, a seeded Monte
 * Carlo, the tornado, the claims (its reports, runDoc and runHtml, are in report/run.ts).
 *
 * Browser-safe (engine imports only, no clock, no node:): the HTTP API and the web app's worker
 * both run it. Monte Carlo runs here in blocks of samples with a `pause` between blocks, so the
 * server's event loop keeps answering and a page can show progress; the result is the same bit for
 * bit as `gigawatt run`'s, since every sample draws from a stream seeded by (seed, index).
 */
import { type Catalog, catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { type ClaimResult, checkClaims } from "../scenario/claims.js";
import { evaluateScenario, type ScenarioResult, scenarioMonteCarlo } from "../scenario/evaluate.js";
import { parseScenario } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import type { Strategy } from "../train/types.js";
import {
  type MonteCarloResult,
  mergeBlocks,
  runSampleBlock,
  type SampleBlock,
  summarizeBlock,
} from "../uncertainty/monte-carlo.js";
import { sensitivity, type Tornado } from "../uncertainty/sensitivity.js";
import type { Uncertain } from "../uncertainty/value.js";

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
  tornado?: Tornado[];
  claims: ClaimResult[];
  catalog: Catalog;
}

/** Parses, evaluates and analyses scenario text; a mistake in it is an InputError at FILE:LINE:COL. */
export async function runScenario(text: string, opts: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const file = opts.file ?? "scenario.yaml";
  const scenario = parseScenario(text, file);
  const cat = opts.catalog ?? catalog();
  const result = evaluateScenario(scenario, { catalog: cat, file });
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
        location: "samples",
        hint: `ask for at most ${opts.maxSamples}, or run \`gigawatt run --samples ${samples}\` locally`,
      },
    );
  const { inputs, evaluate } = scenarioMonteCarlo(scenario, result, { catalog: cat });
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
  const wanted = [...(opts.sensitivity ?? []), ...(scenario.uncertainty?.sensitivity ?? [])];
  let tornado: Tornado[] | undefined;
  if (wanted.length > 0) {
    for (const o of wanted) {
      if (result.outputs[o] === undefined)
        throw new InputError(`no output "${o}"`, {
          location: "sensitivity",
          hint: `outputs: ${Object.keys(result.outputs).join(", ")}`,
        });
    }
    tornado = sensitivity({ inputs, evaluate, outputs: [...new Set(wanted)] });
  }
  const outputs = Object.fromEntries(
    Object.entries(result.outputs).map(([k, v]) => [
      k,
      { value: v, p5: monteCarlo?.outputs[k]?.p5, p95: monteCarlo?.outputs[k]?.p95 },
    ]),
  );
  const claims = checkClaims(scenario.claims, outputs, cat);
  return { scenario, result, monteCarlo, tornado, claims, catalog: cat };
}
