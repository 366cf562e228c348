/**
 * Node driver of the training search: splits the strategy space over worker threads (one slice
 * per thread, by (tp, pp, cp) group), merges the slices deterministically (step time, then
 * strategy), and finishes with full estimates. Falls back to one thread where workers cannot
 * load (sources run without a build, e.g. under vitest).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { finishOrFail, type SearchOptions } from "../train/estimate.js";
import { prepare } from "../train/problem.js";
import { mergeSlices, type SliceResult, searchSlice } from "../train/search.js";
import type { SearchResult } from "../train/types.js";

/** What one worker is given. */
export interface SliceJob {
  opts: SearchOptions;
  index: number;
  count: number;
}

/** Whether worker threads can load the compiled worker next to this file. */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith(".js");
}

/** Default thread count: every core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Runs one slice of a search on a new worker thread. */
export function runSlice(job: SliceJob): Promise<SliceResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./train-worker.js", import.meta.url), { workerData: job });
    w.once("message", (r: SliceResult) => {
      resolve(r);
      void w.terminate();
    });
    w.once("error", reject);
  });
}

/** Searches on `threads` threads (default: every core); same answer as `searchTraining`. */
export async function searchTrainingParallel(
  opts: SearchOptions,
  threads = defaultThreads(),
): Promise<SearchResult & { threads: number }> {
  const p = prepare(opts);
  const n = workersAvailable() ? Math.max(1, threads) : 1;
  let parts: SliceResult[];
  if (n === 1) {
    parts = [searchSlice(p, { fixed: opts.strategy, top: opts.top, pipelineSplit: opts.pipelineSplit })];
  } else {
    parts = await Promise.all(Array.from({ length: n }, (_, index) => runSlice({ opts, index, count: n })));
  }
  return { ...finishOrFail(p, mergeSlices(parts, opts.top), opts), threads: n };
}
