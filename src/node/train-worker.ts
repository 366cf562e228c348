/**
 * Worker thread of the parallel training search: evaluates one slice of the strategy space given
 * as `workerData`, or, started without one, every slice posted to it (a pool worker) until it
 * is terminated.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepare } from "../train/problem.js";
import { type SliceResult, searchSlice } from "../train/search.js";
import type { SliceJob } from "./train-parallel.js";

function run(job: SliceJob): SliceResult {
  const p = prepare(job.opts);
  return searchSlice(p, {
    fixed: job.opts.strategy,
    top: job.opts.top,
    slice: { index: job.index, count: job.count },
    pipelineSplit: job.opts.pipelineSplit,
  });
}

const job = workerData as SliceJob | undefined;
if (job) parentPort?.postMessage(run(job));
else parentPort?.on("message", (j: SliceJob) => parentPort?.postMessage(run(j)));
