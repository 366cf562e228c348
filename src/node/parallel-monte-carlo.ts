/**
 * Monte Carlo over worker threads (Node only). The evaluation is named, not passed: a module
 * path and the name of an exported factory `(config) => evaluate`, plus a serialisable config,
 * so each worker builds its own evaluate function (loading catalogs, precomputing) once.
 *
 * A pilot of the first samples runs in this thread and times an evaluation; workers start only
 * when the rest would take longer than `minParallelMs`, since starting a worker and importing
 * the engine costs tens of milliseconds. Then this thread and the workers take blocks of about
 * 50 ms of work from a queue, so a thread that starts late or shares its core with other work
 * simply takes fewer blocks. Samples draw from streams seeded by (seed, sample index), so the
 * result is the same bit for bit however the run is split.
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
import { availableParallelism, loadavg } from "node:os";
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
  /**
   * The module exporting the factory: a file path (absolute, or relative to the working
   * directory), a file URL, or a package specifier.
   */
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
  /** Threads to use at most, this one included (default: the number of cores). 1 runs here only. */
  threads?: number;
  /** Run in this thread only when the remaining samples are estimated to take less (default 300 ms). */
  minParallelMs?: number;
  /** Samples run and timed in this thread before deciding (default 50, at most `samples`). */
  pilotSamples?: number;
  /** Work per block handed out, ms (default 50): smaller balances better, larger costs fewer messages. */
  blockMs?: number;
  /** Whether this thread takes blocks too, besides the pilot (default true; false keeps it free). */
  workHere?: boolean;
  /**
   * Start only as many workers as there are idle cores (cores minus the 1-minute load average,
   * this run's own thread counted as busy). Default true: on a machine whose cores are busy, a
   * worker's start-up costs more than its share of the samples saves (measured in
   * bench/scenario.bench.ts).
   */
  respectLoad?: boolean;
  onProgress?: OnProgress;
}

/** How a parallel run was carried out. */
export interface ParallelInfo {
  /** Worker threads used besides this one (0: all samples ran in this thread). */
  workers: number;
  pilotSamples: number;
  /** Measured time per sample in the pilot, ms. */
  pilotMsPerSample: number;
  /** Idle cores seen when deciding (cores minus the 1-minute load average). */
  idleCores: number;
  /** Samples per block handed out (0 without workers). */
  blockSamples: number;
  /** Samples run by this thread, pilot included. */
  samplesHere: number;
  /** Wall time of the whole run, ms. */
  wallMs: number;
}

/** What a worker is started with. @internal */
export interface WorkerJob {
  moduleUrl: string;
  exportName: string;
  config: unknown;
  inputs: Record<string, Uncertain>;
  seed: number;
}

/** Messages to a worker. @internal */
export type ToWorker = { type: "run"; start: number; count: number } | { type: "stop" };

/** Messages from a worker. @internal */
export type WorkerMessage =
  | { type: "ready" }
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

const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

/**
 * Runs `monteCarlo` for a module-exported evaluator, over worker threads when that pays off.
 * Same seed, same result as `monteCarlo` with the factory's evaluate function, whatever the
 * number of threads.
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
  const { inputs } = opts;

  const pilot = Math.min(samples, Math.max(1, opts.pilotSamples ?? 50));
  const tp = performance.now();
  const blocks: SampleBlock[] = [
    runSampleBlock({
      inputs,
      evaluate,
      seed,
      start: 0,
      count: pilot,
      onProgress: report && ((done) => report(done, samples)),
    }),
  ];
  const msPerSample = pilot > 0 ? (performance.now() - tp) / pilot : 0;
  const rest = samples - pilot;
  const cores = availableParallelism();
  // This thread has been busy for the pilot: the load average counts it, so add it back.
  const idleCores = Math.max(0, cores - loadavg()[0]! + 1);
  let threads = Math.max(1, Math.floor(opts.threads ?? cores));
  if (opts.respectLoad !== false) threads = Math.min(threads, Math.max(1, Math.floor(idleCores + 0.5)));
  const parallel = rest > 1 && threads > 1 && msPerSample * rest >= (opts.minParallelMs ?? 300);
  const info = (workers: number, blockSamples: number, samplesHere: number): ParallelInfo => ({
    workers,
    pilotSamples: pilot,
    pilotMsPerSample: msPerSample,
    idleCores,
    blockSamples,
    samplesHere,
    wallMs: performance.now() - t0,
  });

  if (!parallel) {
    blocks.push(
      runSampleBlock({
        inputs,
        evaluate,
        seed,
        start: pilot,
        count: rest,
        onProgress: report && ((done) => report(pilot + done, samples)),
      }),
    );
    return { ...summarizeBlock(mergeBlocks(blocks), seed), parallel: info(0, 0, samples) };
  }

  // A queue of blocks of about `blockMs` of work, taken by this thread and the workers.
  const per = Math.round((opts.blockMs ?? 50) / Math.max(msPerSample, 1e-6));
  const blockSamples = Math.max(8, Math.min(per, Math.ceil(rest / (threads * 4))));
  let next = pilot;
  const take = (): [number, number] | undefined => {
    if (next >= samples) return undefined;
    const start = next;
    const count = Math.min(blockSamples, samples - next);
    next += count;
    return [start, count];
  };
  let done = pilot;
  let samplesHere = pilot;
  const finished = (b: SampleBlock) => {
    blocks.push(b);
    done += b.count;
    report?.(done, samples);
  };

  const workers: Worker[] = [];
  let failure: unknown;
  const job: WorkerJob = { moduleUrl: url, exportName: opts.exportName, config: opts.config, inputs, seed };
  const exited = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(new URL("./monte-carlo-worker.js", import.meta.url), { workerData: job });
    workers.push(worker);
    let inFlight = 0;
    // Two blocks in flight, so a worker never waits for this thread to hand out the next.
    const feed = () => {
      while (inFlight < 2 && failure === undefined) {
        const b = take();
        if (!b) break;
        inFlight++;
        worker.postMessage({ type: "run", start: b[0], count: b[1] } satisfies ToWorker);
      }
      if (inFlight === 0) worker.postMessage({ type: "stop" } satisfies ToWorker);
    };
    return new Promise<void>((resolveExit) => {
      worker.on("message", (m: WorkerMessage) => {
        if (m.type === "ready") feed();
        else if (m.type === "done") {
          inFlight--;
          finished(m.block);
          feed();
        } else {
          failure ??= m.inputError
            ? new InputError(m.message, { location: m.location, hint: m.hint })
            : Object.assign(new Error(m.message), { stack: m.stack });
          worker.postMessage({ type: "stop" } satisfies ToWorker);
        }
      });
      worker.on("error", (e) => {
        failure ??= e;
      });
      worker.on("exit", (code) => {
        if (code !== 0 || inFlight > 0)
          failure ??= new Error(
            `a Monte Carlo worker exited (code ${code}) with ${inFlight} blocks unfinished`,
          );
        resolveExit();
      });
    });
  });

  // This thread works too, a block at a time, letting worker messages through in between.
  for (let b = opts.workHere === false ? undefined : take(); b && failure === undefined; b = take()) {
    try {
      finished(runSampleBlock({ inputs, evaluate, seed, start: b[0], count: b[1] }));
    } catch (e) {
      failure ??= e;
      break;
    }
    samplesHere += b[1];
    await yieldToEvents();
  }
  if (failure !== undefined) await Promise.all(workers.map((w) => w.terminate()));
  await Promise.all(exited);
  if (failure !== undefined) throw failure;
  return {
    ...summarizeBlock(mergeBlocks(blocks), seed),
    parallel: info(workers.length, blockSamples, samplesHere),
  };
}
