/**
 * A worker thread of `parallelMonteCarlo`: imports the evaluator factory, builds its evaluate
 * function from the serialised config once, then runs the blocks of samples the main thread
 * hands it, sending each back with its columns transferred (not copied). Errors go back as data
 * so that the main thread can rethrow an InputError as one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { type Evaluate, runSampleBlock } from "../uncertainty/monte-carlo.js";
import type { ToWorker, WorkerJob, WorkerMessage } from "./parallel-monte-carlo.js";

const port = parentPort!;
const job = workerData as WorkerJob;
const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function fail(e: unknown): void {
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

try {
  const mod = (await import(job.moduleUrl)) as Record<string, unknown>;
  const factory = mod[job.exportName] as (config: unknown) => Evaluate | Promise<Evaluate>;
  const evaluate = await factory(job.config);
  port.on("message", (m: ToWorker) => {
    if (m.type === "stop") {
      port.close();
      return;
    }
    try {
      const block = runSampleBlock({
        inputs: job.inputs,
        evaluate,
        seed: job.seed,
        start: m.start,
        count: m.count,
      });
      const buffers = [...block.inputColumns, ...block.outputColumns].map((c) => c.buffer as ArrayBuffer);
      send({ type: "done", block }, buffers);
    } catch (e) {
      fail(e);
    }
  });
  send({ type: "ready" });
} catch (e) {
  fail(e);
}
