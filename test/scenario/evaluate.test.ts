import { describe, expect, it } from "vitest";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { parseScenario } from "../../src/scenario/load.js";

const scenario = (extra: string) =>
  parseScenario(
    `name: t
model: llama-3.1-8b
hardware: { system: p5.48xlarge, chips: 8 }
training:
  seq: 2048
  batchSeqs: 64
  tokens: 1T tokens
  pue: 1.5
${extra}`,
    "t.yaml",
  );

describe("evaluateScenario", () => {
  it("carries the training planner's model error into every training output", () => {
    const base = evaluateScenario(scenario("")).outputs;
    const half = evaluateScenario(scenario("  modelError: 0.5\n")).outputs;
    expect(half["training.tokensPerSecondPerChip"]).toBeCloseTo(
      base["training.tokensPerSecondPerChip"]! / 2,
      6,
    );
    expect(half["training.mfu"]).toBeCloseTo(base["training.mfu"]! / 2, 9);
    expect(half["training.timeToTrain"]).toBeCloseTo(base["training.timeToTrain"]! * 2, 0);
    expect(half["training.energy"]! / base["training.energy"]!).toBeCloseTo(2, 9);
  });

  it("uses the training section's own PUE for the run's energy", () => {
    const s = scenario("");
    const a = evaluateScenario(s).training!.estimate.run!;
    const b = evaluateScenario({ ...s, training: { ...s.training!, pue: 1.2 } }).training!.estimate.run!;
    expect(a.energyJ! / b.energyJ!).toBeCloseTo(1.5 / 1.2, 6);
  });

  it("carries the serving planner's model error into throughput, latency and cost", () => {
    const s = (extra: string) =>
      parseScenario(
        `name: t
model: llama-3.1-8b
hardware: { system: p5.48xlarge, chips: 8 }
serving: { input: 1000, output: 200, batch: 16${extra} }
`,
        "t.yaml",
      );
    const base = evaluateScenario(s("")).outputs;
    const twice = evaluateScenario(s(", modelError: 2")).outputs;
    expect(
      twice["serving.outputTokensPerSecondPerChip"]! / base["serving.outputTokensPerSecondPerChip"]!,
    ).toBeCloseTo(2, 9);
    expect(twice["serving.tpot"]! / base["serving.tpot"]!).toBeCloseTo(0.5, 9);
    expect(twice["serving.usdPerMOutput"]! / base["serving.usdPerMOutput"]!).toBeCloseTo(0.5, 9);
  });
});
