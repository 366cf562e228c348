/** A pool worker of the HTTP API (src/node/pool.ts): runs each job posted to it, one at a time. */
import { parentPort, workerData } from "node:worker_threads";
import type { PoolReply } from "../node/pool.js";
import { type ApiAnswer, type ApiJob, type JobLimits, runJob } from "./jobs.js";

const limits = workerData as JobLimits;
parentPort!.on("message", async (m: { id: number; job: ApiJob }) => {
  const reply: PoolReply<ApiAnswer> = { id: m.id, result: await runJob(m.job, limits) };
  parentPort!.postMessage(reply);
});
