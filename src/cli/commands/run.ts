import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import type { Format } from "../../report/document.js";
import { renderHtmlReport } from "../../report/html/render.js";
import { scenarioReport } from "../../report/scenario.js";
import { scenarioHtmlSpec } from "../../report/scenario-html.js";
import { checkClaims } from "../../scenario/claims.js";
import { evaluateScenario, scenarioMonteCarlo } from "../../scenario/evaluate.js";
import { parseScenario } from "../../scenario/load.js";
import { servingOptions } from "../../scenario/sections/serving.js";
import { servingCurve } from "../../serve/index.js";
import type { MonteCarloResult } from "../../uncertainty/monte-carlo.js";
import { sensitivity, type Tornado } from "../../uncertainty/sensitivity.js";
import { positiveInt, print, readText, withFormat } from "../common.js";
import { parallelMonteCarlo } from "../parallel-monte-carlo.js";
import { progress } from "../progress.js";

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
    const scenario = parseScenario(readText(path), path);
    const cat = catalog();
    const result = evaluateScenario(scenario, { catalog: cat, file: path });
    const samples = opts.samples ?? scenario.uncertainty?.samples ?? 0;
    const seed = opts.seed ?? scenario.uncertainty?.seed ?? 1;
    const { inputs, evaluate } = scenarioMonteCarlo(scenario, result, { catalog: cat });
    let monteCarlo: MonteCarloResult | undefined;
    if (samples > 0) {
      const bar = progress("Monte Carlo");
      const strategy = result.training?.estimate.strategy;
      monteCarlo = await parallelMonteCarlo({
        module: new URL("../../scenario/evaluate.js", import.meta.url),
        exportName: "scenarioEvaluator",
        config: { scenario, strategy },
        inputs,
        samples,
        seed,
        threads: opts.threads,
        onProgress: bar.update,
      });
      bar.finish();
    }
    const wanted = [...(opts.sensitivity ?? []), ...(scenario.uncertainty?.sensitivity ?? [])];
    let tornado: Tornado[] | undefined;
    if (wanted.length > 0) {
      for (const o of wanted) {
        if (result.outputs[o] === undefined) {
          throw new InputError(`no output "${o}"`, {
            location: "--sensitivity",
            hint: `outputs: ${Object.keys(result.outputs).join(", ")}`,
          });
        }
      }
      tornado = sensitivity({ inputs, evaluate, outputs: wanted });
    }
    const outputs = Object.fromEntries(
      Object.entries(result.outputs).map(([k, v]) => [
        k,
        { value: v, p5: monteCarlo?.outputs[k]?.p5, p95: monteCarlo?.outputs[k]?.p95 },
      ]),
    );
    const claims = checkClaims(scenario.claims, outputs, cat);
    print(scenarioReport({ result, monteCarlo, tornado, claims, catalog: cat }), opts.format);
    if (opts.html) {
      const curve =
        scenario.serving && result.model && result.system && result.chips
          ? servingCurve(
              servingOptions(scenario.serving, {
                model: result.model,
                system: result.system,
                chips: result.chips,
              }),
            )
          : undefined;
      writeFileSync(
        opts.html,
        renderHtmlReport(scenarioHtmlSpec({ result, monteCarlo, tornado, claims, curve, catalog: cat })),
      );
      if (opts.format === "text")
        process.stderr.write(
          `wrote ${opts.html} (${((performance.now() - started) / 1000).toFixed(1)} s in all)\n`,
        );
    }
  });
}
