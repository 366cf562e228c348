/**
 * A worker thread of `parallelMonteCarlo`: imports the evaluator factory, builds its evaluate
 * function from the serialised config, runs one block of samples and sends it back (its
 * columns transferred, not copied). Progress goes up as messages; errors go up as data so the
 * main thread can rethrow an InputError as one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { type Evaluate, runSampleBlock } from "../uncertainty/monte-carlo.js";
import type { WorkerJob, WorkerMessage } from "./parallel-monte-carlo.js";

const port = parentPort!;
const job = workerData as WorkerJob;
const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const mod = (await import(job.moduleUrl)) as Record<string, unknown>;
  const factory = mod[job.exportName] as (config: unknown) => Evaluate | Promise<Evaluate>;
  const evaluate = await factory(job.config);
  const block = runSampleBlock({
    inputs: job.inputs,
    evaluate,
    seed: job.seed,
    start: job.start,
    count: job.count,
    onProgress: (done) => send({ type: "progress", done }),
  });
  const buffers = [...block.inputColumns, ...block.outputColumns].map((c) => c.buffer as ArrayBuffer);
  send({ type: "done", block }, buffers);
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  send({
    type: "error",
    inputError: e instanceof InputError,
    message: err.message,
    location: e instanceof InputError ? e.location : undefined,
    hint: e instanceof InputError ? e.hint : undefined,
    stack: err.stack,
  });
}
