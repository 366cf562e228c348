/** `gigawatt train`: estimate a fixed strategy, search for the best one, or sweep chip counts. */
import type { Command } from "commander";
import { trainAnswer } from "../../node/answers/train.js";
import { defaultThreads } from "../../node/train-parallel.js";
import type { Format } from "../../report/document.js";
import { TrainRequest } from "../../requests/index.js";
import { positiveInt, print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

export function register(program: Command): void {
  const cmd = program
    .command("train")
    .description("plan LLM training: memory, step time, parallelism search, MFU, time, energy and cost");
  requestFlags(cmd, TrainRequest).option(
    "--threads <n>",
    "search threads (default: every core)",
    positiveInt("--threads"),
  );
  withFormat(cmd).action(async (f: Record<string, unknown> & { format: Format; threads?: number }) => {
    const { request, front } = readFlags(TrainRequest, f);
    print(await trainAnswer(request, front, { threads: f.threads ?? defaultThreads() }), f.format);
  });
}
