/**
 * Serving simulation speed: one hour of Poisson traffic at 100 requests/s (360,000 requests,
 * prompts 200..2000 tokens, outputs 50..500) through continuous batching with chunked prefill
 * on 8 H200s (Llama-3.1-8B, fp8, one replica per chip). Prints the wall time; target < 10 s.
 */
import { catalog } from "../src/catalog/catalog.js";
import { simulateServing } from "../src/serve/simulate.js";

export default async function serveBench(): Promise<void> {
  const cat = catalog();
  const opts = {
    model: cat.model("llama-3.1-8b"),
    system: cat.systemOrChip("h200"),
    chips: 8,
    weights: "fp8",
    input: { type: "uniform" as const, low: 200, high: 2000 },
    output: { type: "uniform" as const, low: 50, high: 500 },
    rate: 100,
    durationS: 3600,
    seed: 1,
    layout: { tp: 1 },
  };
  const t0 = performance.now();
  const sim = simulateServing(opts);
  const wall = (performance.now() - t0) / 1e3;
  console.log(
    `simulated 1 h at 100 req/s: ${sim.requests} requests, ${sim.completed} completed, ${sim.steps} engine steps`,
  );
  console.log(
    `TTFT p50/p99 ${(sim.ttft.p50 * 1e3).toFixed(0)}/${(sim.ttft.p99 * 1e3).toFixed(0)} ms, TPOT p50/p99 ${(sim.tpot.p50 * 1e3).toFixed(1)}/${(sim.tpot.p99 * 1e3).toFixed(1)} ms, ${sim.throughput.outputTokensPerS.toFixed(0)} out tok/s`,
  );
  console.log(`wall time: ${wall.toFixed(2)} s (target < 10 s) ${wall < 10 ? "OK" : "SLOW"}`);
}
