import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { readText, writeText } from "../../node/files.js";
import { parallelMonteCarlo } from "../../node/parallel-monte-carlo.js";
import { progress } from "../../node/progress.js";
import type { Format } from "../../report/document.js";
import { runDoc, runHtml } from "../../report/run.js";
import { RunRequest } from "../../requests/index.js";
import { inEngine } from "../../requests/read.js";
import { runScenario } from "../../run/run.js";
import { positiveInt, print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

/** The default scenario, shipped beside the package. */
export const DEFAULT_SCENARIO = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../scenarios/amazon-anthropic-2026.yaml",
);

type Flags = Record<string, unknown> & { format: Format; html?: string; threads?: number };

/** `gigawatt run [FILE]`: the whole chain for a scenario, with uncertainty and claims. */
export function register(program: Command): void {
  const cmd = program
    .command("run")
    .description(
      "evaluate a scenario down the whole chain: capacity, deal, training, serving, claims, ranges",
    )
    .argument("[file]", "scenario YAML (default: the Amazon-Anthropic 2026 scenario)");
  requestFlags(cmd, RunRequest)
    .option("--html <file>", "also write a self-contained HTML report")
    .addOption(
      new Option("--threads <n>", "Monte Carlo threads (default: every idle core)").argParser(
        positiveInt("--threads"),
      ),
    );
  withFormat(cmd).action(async (file: string | undefined, opts: Flags) => {
    const started = performance.now();
    const { request, front } = readFlags(RunRequest, opts);
    const path = file ?? DEFAULT_SCENARIO;
    const bar = progress("Monte Carlo");
    const text = readText(path);
    const run = await inEngine(
      () =>
        runScenario(text, {
          file: path,
          ...request,
          // Samples spread over worker threads; each builds the evaluation from the scenario itself.
          runMonteCarlo: (job) =>
            parallelMonteCarlo({
              module: new URL("../../scenario/evaluate.js", import.meta.url),
              exportName: "scenarioEvaluator",
              config: { scenario: job.scenario, strategy: job.strategy },
              inputs: job.inputs,
              samples: job.samples,
              seed: job.seed,
              threads: opts.threads,
              onProgress: bar.update,
            }),
        }),
      front,
    );
    bar.finish();
    print(runDoc(run), opts.format);
    if (opts.html) {
      writeText(opts.html, runHtml(run));
      if (opts.format === "text") {
        process.stderr.write(
          `wrote ${opts.html} (${((performance.now() - started) / 1000).toFixed(1)} s in all)\n`,
        );
      }
    }
  });
}
