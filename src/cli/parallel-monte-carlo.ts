/**
 * Monte Carlo over worker threads (Node only). The evaluation is named, not passed: a module
 * path and the name of an exported factory `(config) => evaluate`, plus a serialisable config,
 * so each worker builds its own evaluate function (loading catalogs, precomputing) once.
 *
 * A pilot of the first samples runs in this thread and times an evaluation; workers start only
 * when the rest would take longer than `minParallelMs`, since starting a worker and importing
 * the engine costs tens of milliseconds. Samples draw from streams seeded by (seed, sample
 * index), so the result is the same bit for bit whether and however the run is split.
 *
 * @example
 * ```ts
 * const r = await parallelMonteCarlo({
 *   module: new URL("../scenario/evaluate.js", import.meta.url),
 *   exportName: "scenarioEvaluator",
 *   config: { scenario },
 *   inputs: uncertainInputs(scenario),
 *   samples: 10_000,
 *   seed: 1,
 *   onProgress: progress("Monte Carlo").update,
 * });
 * ```
 */
import { availableParallelism } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError } from "../errors.js";
import {
  type Evaluate,
  type MonteCarloResult,
  mergeBlocks,
  type OnProgress,
  runSampleBlock,
  type SampleBlock,
  summarizeBlock,
} from "../uncertainty/monte-carlo.js";
import type { Uncertain } from "../uncertainty/value.js";

/** What the named export must be: builds an evaluate function from a serialisable config. */
export type EvaluatorFactory<C> = (config: C) => Evaluate | Promise<Evaluate>;

export interface ParallelMonteCarloOptions<C> {
  /** The module exporting the factory: a file path (absolute, or relative to the working directory), a file URL, or a package specifier. */
  module: string | URL;
  /** The name of the exported factory. */
  exportName: string;
  /** Handed to the factory in every thread; must survive structured cloning. */
  config: C;
  inputs: Record<string, Uncertain>;
  /** Number of samples (default 1000). */
  samples?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Most worker threads to use (default: the number of cores). 1 or 0 runs in this thread only. */
  workers?: number;
  /** Run in this thread when the remaining samples are estimated to take less (default 300 ms). */
  minParallelMs?: number;
  /** Samples run and timed in this thread before deciding (default 50, at most `samples`). */
  pilotSamples?: number;
  onProgress?: OnProgress;
}

/** How a parallel run was carried out. */
export interface ParallelInfo {
  /** Worker threads used (0: all samples ran in this thread). */
  workers: number;
  pilotSamples: number;
  /** Measured time per sample in the pilot, ms. */
  pilotMsPerSample: number;
  /** Wall time of the whole run, ms. */
  wallMs: number;
}

/** The job a worker receives. @internal */
export interface WorkerJob {
  moduleUrl: string;
  exportName: string;
  config: unknown;
  inputs: Record<string, Uncertain>;
  seed: number;
  start: number;
  count: number;
}

/** What a worker sends back. @internal */
export type WorkerMessage =
  | { type: "progress"; done: number }
  | { type: "done"; block: SampleBlock }
  | {
      type: "error";
      inputError: boolean;
      message: string;
      location?: string;
      hint?: string;
      stack?: string;
    };

function moduleUrl(m: string | URL): string {
  if (m instanceof URL) return m.href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(m) && !/^[a-z]:[\\/]/i.test(m)) return m;
  if (m.startsWith(".") || isAbsolute(m)) return pathToFileURL(resolve(m)).href;
  return m;
}

async function loadEvaluate<C>(url: string, exportName: string, config: C): Promise<Evaluate> {
  const mod = (await import(url)) as Record<string, unknown>;
  const factory = mod[exportName];
  if (typeof factory !== "function")
    throw new Error(`${url} does not export a function named "${exportName}"`);
  return (factory as EvaluatorFactory<C>)(config);
}

function runWorker(job: WorkerJob, onDone: (done: number) => void, started: Worker[]): Promise<SampleBlock> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL("./monte-carlo-worker.js", import.meta.url), { workerData: job });
    started.push(worker);
    let settled = false;
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") onDone(m.done);
      else if (m.type === "done") {
        settled = true;
        resolvePromise(m.block);
      } else {
        settled = true;
        if (m.inputError) reject(new InputError(m.message, { location: m.location, hint: m.hint }));
        else reject(Object.assign(new Error(m.message), { stack: m.stack }));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`Monte Carlo worker exited with code ${code} before finishing`));
    });
  });
}

/**
 * Runs `monteCarlo` for a module-exported evaluator, over worker threads when that pays off.
 * Same seed, same result as `monteCarlo` with the factory's evaluate function, whatever the
 * number of workers.
 */
export async function parallelMonteCarlo<C>(
  opts: ParallelMonteCarloOptions<C>,
): Promise<MonteCarloResult & { parallel: ParallelInfo }> {
  const t0 = performance.now();
  const samples = opts.samples ?? 1000;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 0)
    throw new InputError(`the number of samples must be a whole number of 0 or more, got ${samples}`, {
      location: "--samples",
      hint: "e.g. 10000",
    });
  const url = moduleUrl(opts.module);
  const evaluate = await loadEvaluate(url, opts.exportName, opts.config);
  const report = opts.onProgress;

  const pilot = Math.min(samples, Math.max(1, opts.pilotSamples ?? 50));
  const tp = performance.now();
  const first = runSampleBlock({
    inputs: opts.inputs,
    evaluate,
    seed,
    start: 0,
    count: pilot,
    onProgress: report && ((done) => report(done, samples)),
  });
  const msPerSample = pilot > 0 ? (performance.now() - tp) / pilot : 0;
  const rest = samples - pilot;
  const maxWorkers = Math.max(0, Math.floor(opts.workers ?? availableParallelism()));
  const useWorkers =
    rest > 0 && maxWorkers > 1 && msPerSample * rest >= (opts.minParallelMs ?? 300)
      ? Math.min(maxWorkers, rest)
      : 0;

  let blocks: SampleBlock[];
  if (useWorkers === 0) {
    const block = runSampleBlock({
      inputs: opts.inputs,
      evaluate,
      seed,
      start: pilot,
      count: rest,
      onProgress: report && ((done) => report(pilot + done, samples)),
    });
    blocks = [first, block];
  } else {
    const done = new Array<number>(useWorkers).fill(0);
    const jobs: Promise<SampleBlock>[] = [];
    const started: Worker[] = [];
    let start = pilot;
    for (let w = 0; w < useWorkers; w++) {
      const count = Math.floor(rest / useWorkers) + (w < rest % useWorkers ? 1 : 0);
      const job: WorkerJob = {
        moduleUrl: url,
        exportName: opts.exportName,
        config: opts.config,
        inputs: opts.inputs,
        seed,
        start,
        count,
      };
      const onDone = (d: number) => {
        done[w] = d;
        report?.(pilot + done.reduce((s, x) => s + x, 0), samples);
      };
      jobs.push(runWorker(job, onDone, started));
      start += count;
    }
    try {
      blocks = [first, ...(await Promise.all(jobs))];
    } catch (e) {
      // One failed: the others' results are of no use, so stop them rather than wait.
      await Promise.all(started.map((w) => w.terminate()));
      throw e;
    }
  }
  const result = summarizeBlock(mergeBlocks(blocks), seed);
  return {
    ...result,
    parallel: {
      workers: useWorkers,
      pilotSamples: pilot,
      pilotMsPerSample: msPerSample,
      wallMs: performance.now() - t0,
    },
  };
}
