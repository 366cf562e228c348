import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import { parallelMonteCarlo } from "../../node/parallel-monte-carlo.js";
import { progress } from "../../node/progress.js";
import type { Format } from "../../report/document.js";
import { runDoc, runHtml } from "../../report/run.js";
import { runScenario } from "../../run/run.js";
import { positiveInt, print, withFormat } from "../common.js";

/** The default scenario, shipped beside the package. */
export const DEFAULT_SCENARIO = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../scenarios/amazon-anthropic-2026.yaml",
);

interface RunOptions {
  format: Format;
  samples?: number;
  seed?: number;
  sensitivity?: string[];
  html?: string;
  threads?: number;
}

function wholeOrZero(flag: string) {
  return (text: string): number => (text === "0" ? 0 : positiveInt(flag)(text));
}

/** `gigawatt run [FILE]`: the whole chain for a scenario, with uncertainty and claims. */
export function register(program: Command): void {
  withFormat(
    program
      .command("run")
      .description(
        "evaluate a scenario down the whole chain: capacity, deal, training, serving, claims, ranges",
      )
      .argument("[file]", "scenario YAML (default: the Amazon-Anthropic 2026 scenario)")
      .addOption(
        new Option(
          "--samples <n>",
          "Monte Carlo samples (0: nominal only; default: the scenario's uncertainty.samples)",
        ).argParser(wholeOrZero("--samples")),
      )
      .addOption(
        new Option("--seed <n>", "Monte Carlo seed (default: the scenario's, else 1)").argParser((t) => {
          const n = Number(t);
          if (!Number.isInteger(n))
            throw new InputError(`expected a whole number, got "${t}"`, { location: "--seed" });
          return n;
        }),
      )
      .addOption(
        new Option(
          "--sensitivity <outputs>",
          "rank the inputs by how far each swings these outputs (comma-separated, e.g. capacity.homesUS)",
        ).argParser((t) =>
          t
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      )
      .option("--html <file>", "also write a self-contained HTML report")
      .addOption(
        new Option("--threads <n>", "Monte Carlo threads (default: every idle core)").argParser(
          positiveInt("--threads"),
        ),
      ),
  ).action(async (file: string | undefined, opts: RunOptions) => {
    const started = performance.now();
    const path = file ?? DEFAULT_SCENARIO;
    const bar = progress("Monte Carlo");
    const run = await runScenario(readText(path), {
      file: path,
      samples: opts.samples,
      seed: opts.seed,
      sensitivity: opts.sensitivity,
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
    });
    bar.finish();
    print(runDoc(run), opts.format);
    if (opts.html) {
      writeFileSync(opts.html, runHtml(run));
      if (opts.format === "text") {
        process.stderr.write(
          `wrote ${opts.html} (${((performance.now() - started) / 1000).toFixed(1)} s in all)\n`,
        );
      }
    }
  });
}
