/** Worker thread of the parallel training search: evaluates one slice of the strategy space. */
import { parentPort, workerData } from "node:worker_threads";
import { prepare } from "../train/problem.js";
import { searchSlice } from "../train/search.js";
import type { SliceJob } from "./train-parallel.js";

const job = workerData as SliceJob;
const p = prepare(job.opts);
parentPort?.postMessage(
  searchSlice(p, {
    fixed: job.opts.strategy,
    top: job.opts.top,
    slice: { index: job.index, count: job.count },
    pipelineSplit: job.opts.pipelineSplit,
  }),
);
