import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { economics } from "../../src/catalog/economics.js";
import { InputError } from "../../src/errors.js";
import { estimateServing } from "../../src/serve/estimate.js";
import { resolvePrecisions } from "../../src/serve/precision.js";
import { searchServing, servingCurve } from "../../src/serve/search.js";
import { expertsTouched } from "../../src/serve/step.js";
import { chip, dense, moe, small, system } from "./fixtures.js";

const base = { model: small(), system: system(), chips: 1, input: 1024, output: 256 };

describe("estimateServing", () => {
  it("decode at batch 1 is bound by reading the weights", () => {
    const e = estimateServing({ ...base, batch: 1 });
    expect(e.bound).toBe("memory bandwidth");
    // 8B bf16 weights read once per token at a fraction of 3.35 TB/s: a few ms.
    const floor = e.memory.weightsBytes / 3.35e12;
    expect(e.tpotS).toBeGreaterThan(floor);
    expect(e.tpotS).toBeLessThan(floor * 3 + 0.005);
    expect(e.decode.weightsS).toBeGreaterThan(e.decode.kvS);
  });

  it("throughput grows with batch and turns compute-bound at the largest batch", () => {
    const pts = servingCurve({ ...base, weights: "fp8" });
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.outputTokensPerSPerChip).toBeGreaterThan(pts[i - 1]!.outputTokensPerSPerChip);
      expect(pts[i]!.tpotS).toBeGreaterThanOrEqual(pts[i - 1]!.tpotS);
    }
    expect(pts.at(-1)!.bound).toBe("compute");
  });

  it("explains itself: breakdown, memory, cost and energy", () => {
    const e = estimateServing({ ...base, batch: 16 });
    expect(e.memory.weightsBytes).toBeGreaterThan(15e9);
    expect(e.memory.kvCapacityBytes).toBeGreaterThan(e.memory.kvUsedBytes);
    expect(e.cost!.usdPerMillionOutput).toBeGreaterThan(0);
    expect(e.cost!.usdPerMillionInput).toBeGreaterThan(0);
    expect(e.cost!.usdPerMillionOutput).toBeGreaterThan(e.cost!.usdPerMillionInput);
    expect(e.energy!.outputTokensPerJoule).toBeGreaterThan(0);
    const pue = economics().fact("pue").value;
    expect(e.energy!.outputTokensPerSPerMW).toBeCloseTo((e.energy!.outputTokensPerJoule / pue) * 1e6, 0);
    const sum = e.decode.allReduceS + e.decode.pipelineS + e.decode.overheadS;
    expect(e.decode.totalS).toBeGreaterThanOrEqual(
      Math.max(e.decode.weightsS + e.decode.kvS, e.decode.computeS) + sum - 1e-12,
    );
  });

  it("fp8 KV cache doubles the sequences that fit", () => {
    const a = estimateServing({ ...base });
    const b = estimateServing({ ...base, kvCache: "fp8" });
    expect(b.maxBatch).toBeGreaterThanOrEqual(Math.min(1024, 2 * a.maxBatch - 1));
  });

  it("MoE: experts touched grow with the batch, up to all of them", () => {
    expect(expertsTouched(8, 2, 1)).toBeCloseTo(2);
    expect(expertsTouched(8, 2, 1000)).toBeCloseTo(8);
    const e1 = estimateServing({
      model: moe(),
      system: system(),
      chips: 2,
      input: 512,
      output: 128,
      batch: 1,
    });
    const e64 = estimateServing({
      model: moe(),
      system: system(),
      chips: 2,
      input: 512,
      output: 128,
      batch: 64,
    });
    expect(e64.decode.expertsTouched).toBeGreaterThan(e1.decode.expertsTouched);
    expect(e64.decode.weightsS).toBeGreaterThan(e1.decode.weightsS);
  });

  it("a rate gives the batch that serves it, and a too-high rate says the maximum", () => {
    const e = estimateServing({ ...base, rate: 2 });
    expect(e.throughput.requestsPerS).toBeCloseTo(2, 3);
    expect(() => estimateServing({ ...base, rate: 1e6 })).toThrow(/exceeds what 1 chips serve: at most/);
  });
});

describe("properties", () => {
  it("more TP never raises weights per chip; doubling bandwidth never slows a step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), (t, b) => {
        const tp = 2 ** t;
        const batch = 2 ** b;
        const o = {
          model: dense(),
          system: system(),
          chips: 8,
          weights: "fp8",
          input: 512,
          output: 128,
          batch,
          layout: { tp: Math.max(2, tp) },
        };
        const more = { ...o, layout: { tp: Math.min(8, Math.max(2, tp) * 2) } };
        const a = estimateServing(o);
        expect(estimateServing(more).memory.weightsBytes).toBeLessThanOrEqual(a.memory.weightsBytes);
        const fast = system(chip({ memoryBandwidth: 6.7e12, scaleUpBandwidth: 900e9 }));
        expect(estimateServing({ ...o, system: fast }).tpotS).toBeLessThanOrEqual(a.tpotS);
      }),
      { numRuns: 20 },
    );
  });
});

describe("bad input", () => {
  it("weights that do not fit say the smallest TP that would", () => {
    const err = (() => {
      try {
        estimateServing({
          model: dense(),
          system: system(),
          chips: 8,
          input: 2048,
          output: 256,
          layout: { tp: 1 },
        });
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toMatch(/does not fit/);
    expect(err!.hint).toMatch(/smallest TP that fits .* is 2/);
  });

  it("precisions the chip lacks, bad lengths and loads", () => {
    const a100 = chip({
      id: "a100-80gb",
      name: "Test A100",
      family: "nvidia-ampere",
      peakFlops: { bf16: 312e12 },
    });
    expect(() => resolvePrecisions(a100, { weights: "fp8", activations: "fp8" })).toThrow(
      /does not compute in fp8/,
    );
    expect(() => resolvePrecisions(a100, { weights: "fp4" })).toThrow(/no fp4/);
    expect(() => resolvePrecisions(a100, { weights: "int3" })).toThrow(/unknown precision/);
    expect(resolvePrecisions(a100, { weights: "fp8" })).toEqual({
      weights: "fp8",
      activations: "bf16",
      kvCache: "bf16",
    });
    expect(() => estimateServing({ ...base, input: 0 })).toThrow(InputError);
    expect(() => estimateServing({ ...base, output: -3 })).toThrow(/output must be/);
    expect(() => estimateServing({ ...base, rate: 0 })).toThrow(/rate must be/);
    expect(() => estimateServing({ ...base, batch: 100000 })).toThrow(/batch 100000 does not fit/);
    expect(() => estimateServing({ ...base, input: 200000 })).toThrow(/exceeds .* context/);
    expect(() => estimateServing({ ...base, chips: 8, layout: { tp: 3 } })).toThrow(/does not divide/);
  });
});

describe("searchServing", () => {
  it("finds the cheapest configuration under the targets", () => {
    const s = searchServing({
      model: dense(),
      system: system(),
      chips: 8,
      input: 2048,
      output: 256,
      targets: { ttftS: 2, tpotS: 0.05 },
      weights: "fp8",
    });
    expect(s.best).toBeDefined();
    expect(s.best!.ttftS).toBeLessThanOrEqual(2);
    expect(s.best!.tpotS).toBeLessThanOrEqual(0.05);
    expect(s.pareto.length).toBeGreaterThan(1);
    for (let i = 1; i < s.pareto.length; i++)
      expect(s.pareto[i]!.tpotS).toBeGreaterThanOrEqual(s.pareto[i - 1]!.tpotS);
  });

  it("a target nothing meets names the target and the closest configuration", () => {
    const s = searchServing({
      model: dense(),
      system: system(),
      chips: 8,
      input: 2048,
      output: 256,
      targets: { tpotS: 0.0001 },
    });
    expect(s.best).toBeUndefined();
    expect(s.unmet).toEqual(["TPOT 0.0001 s"]);
    expect(s.closest).toBeDefined();
  });
});
