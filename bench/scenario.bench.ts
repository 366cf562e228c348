/**
 * The default scenario: 10,000 Monte Carlo samples of the whole chain (capacity, deal, training,
 * serving), in this thread and over worker threads; prints samples per second.
 * Target: 10,000 samples in under 10 s on this 2-core machine.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { DEFAULT_SCENARIO } from "../src/cli/commands/run.js";
import { parallelMonteCarlo } from "../src/node/parallel-monte-carlo.js";
import { evaluateScenario, scenarioMonteCarlo } from "../src/scenario/evaluate.js";
import { parseScenario } from "../src/scenario/load.js";
import { monteCarlo } from "../src/uncertainty/monte-carlo.js";

const SAMPLES = 10_000;

function line(label: string, samples: number, ms: number): void {
  const perS = (samples / ms) * 1000;
  console.log(
    `${label.padEnd(44)} ${samples} samples in ${(ms / 1000).toFixed(2)} s = ${Math.round(perS).toLocaleString("en-US")} samples/s`,
  );
}

export default async function bench(): Promise<void> {
  console.log(`cores ${availableParallelism()}, load average ${loadavg()[0]!.toFixed(1)}`);
  let t = performance.now();
  const scenario = parseScenario(readFileSync(DEFAULT_SCENARIO, "utf8"), DEFAULT_SCENARIO);
  const nominal = evaluateScenario(scenario);
  console.log(
    `nominal evaluation (with the training search)  ${((performance.now() - t) / 1000).toFixed(2)} s`,
  );
  const { inputs, evaluate } = scenarioMonteCarlo(scenario, nominal);

  t = performance.now();
  monteCarlo({ inputs, evaluate, samples: SAMPLES, seed: 1 });
  line("this thread", SAMPLES, performance.now() - t);

  t = performance.now();
  const r = await parallelMonteCarlo({
    module: new URL("../src/scenario/evaluate.js", import.meta.url),
    exportName: "scenarioEvaluator",
    config: { scenario, strategy: nominal.training?.estimate.strategy },
    inputs,
    samples: SAMPLES,
    seed: 1,
    respectLoad: false,
  });
  line(`worker threads (${r.parallel.workers} workers + this one)`, SAMPLES, performance.now() - t);
}
