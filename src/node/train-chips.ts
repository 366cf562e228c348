/**
 * Node driver of the chip-count sweep: each chip count's whole search runs on a worker thread,
 * `threads` at a time (largest counts first, they take longest), and the answers are assembled
 * in chip order, so the result does not depend on the thread count. Falls back to this thread
 * where workers cannot load (sources run without a build, e.g. under vitest).
 */

import { Worker } from "node:worker_threads";
import {
  type ChipSweepOptions,
  type ChipSweepResult,
  chipCountRange,
  chipSweepResult,
  searchHere,
} from "../train/chips.js";
import { finishSearch } from "../train/estimate.js";
import { prepare } from "../train/problem.js";
import type { SliceResult } from "../train/search.js";
import { mergeSlices } from "../train/search.js";
import type { SearchResult } from "../train/types.js";
import { defaultThreads, type SliceJob, workersAvailable } from "./train-parallel.js";

/** A pool worker: started once, searches every job posted to it in turn. */
function poolWorker(): { run: (job: SliceJob) => Promise<SliceResult>; stop: () => Promise<number> } {
  const w = new Worker(new URL("./train-worker.js", import.meta.url));
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
        w.postMessage(job);
      }),
    stop: () => w.terminate(),
  };
}

/** Sweeps chip counts (see `searchChipCounts`) on `threads` worker threads. */
export async function searchChipCountsParallel(
  opts: ChipSweepOptions,
  counts?: readonly number[],
  threads = defaultThreads(),
): Promise<ChipSweepResult & { threads: number }> {
  const range = chipCountRange(opts, counts);
  const top = opts.top ?? 1;
  const n = workersAvailable() ? Math.max(1, Math.min(threads, range.counts.length)) : 1;
  const results: (SearchResult | undefined)[] = new Array(range.counts.length);
  if (n === 1) {
    range.counts.forEach((chips, i) => {
      results[i] = searchHere({ ...opts, chips, top });
    });
  } else {
    const order = range.counts.map((_, i) => i).reverse();
    let next = 0;
    const lane = async () => {
      const worker = poolWorker();
      try {
        while (next < order.length) {
          const i = order[next++]!;
          const o = { ...opts, chips: range.counts[i]!, top };
          const part = await worker.run({ opts: o, index: 0, count: 1 });
          const merged = mergeSlices([part], top);
          results[i] = merged.top.length > 0 ? finishSearch(prepare(o), merged, o) : undefined;
        }
      } finally {
        await worker.stop();
      }
    };
    await Promise.all(Array.from({ length: n }, lane));
  }
  return { ...chipSweepResult(opts, range, results), threads: n };
}
