import { describe, expect, it } from "vitest";
import { fitConstants, fitObjective } from "../../src/calibration/fit.js";
import { type FitCase, fitTrainingFamily, predictCase } from "../../src/calibration/training.js";
import { defaultCalibration } from "../../src/train/calibration.js";
import { prepare } from "../../src/train/problem.js";
import type { Strategy } from "../../src/train/types.js";
import { gpt3, p5, small } from "../train/fixtures.js";

describe("fitConstants", () => {
  it("finds the minimum of a smooth score within the bounds, deterministically", () => {
    const score = (c: { a: number; b: number }) => (Math.log(c.a / 0.3) ** 2 + (c.b - 0.5) ** 2) as number;
    const bounds = {
      a: { min: 0.1, max: 0.9, scale: "log" },
      b: { min: 0, max: 0.9, scale: "linear" },
    } as const;
    const x = fitConstants({ a: 0.7, b: 0 }, bounds, score);
    expect(x.a).toBeCloseTo(0.3, 1);
    expect(x.b).toBeCloseTo(0.5, 1);
    expect(fitConstants({ a: 0.7, b: 0 }, bounds, score)).toEqual(x);
    // The optimum outside the range: the bound.
    const y = fitConstants({ a: 0.7, b: 0 }, { a: { min: 0.5, max: 0.9, scale: "log" } }, score);
    expect(y).toEqual({ a: 0.5, b: 0 });
  });

  it("scores misses as total errors and caps each error at 100%", () => {
    expect(fitObjective([0.1, 0.1, 0.1])).toBeCloseTo(0.15, 12);
    expect(fitObjective([0.1, 5])).toBeCloseTo(fitObjective([0.1, 1]), 12);
    expect(fitObjective([0.1], 2)).toBeGreaterThan(fitObjective([0.1, 0.1, 0.1]));
    expect(fitObjective([])).toBe(Number.POSITIVE_INFINITY);
  });
});

const strategy = (s: Partial<Strategy>): Strategy => ({
  tp: 1,
  pp: 1,
  vp: 1,
  dp: 1,
  cp: 1,
  ep: 1,
  microBatch: 1,
  zero: 1,
  recompute: "selective",
  ...s,
});

/** Synthetic runs "measured" with known constants, so a fit must find them again. */
function cases(truth: Partial<ReturnType<typeof defaultCalibration>>): FitCase[] {
  const specs = [
    { model: gpt3(), chips: 64, seq: 2048, batchSeqs: 256, s: strategy({ tp: 8, pp: 8, dp: 1 }) },
    { model: gpt3(), chips: 128, seq: 2048, batchSeqs: 512, s: strategy({ tp: 8, pp: 4, dp: 4 }) },
    { model: small(), chips: 8, seq: 4096, batchSeqs: 64, s: strategy({ dp: 8, microBatch: 2 }) },
    { model: small(), chips: 16, seq: 1024, batchSeqs: 256, s: strategy({ dp: 16, microBatch: 4 }) },
  ];
  const cal = { ...defaultCalibration(), ...truth };
  return specs.map((x, i) => {
    const problem = prepare({
      model: x.model,
      system: p5(),
      chips: x.chips,
      seq: x.seq,
      batchSeqs: x.batchSeqs,
    });
    const c: FitCase = {
      id: i,
      source: "synthetic",
      family: "test",
      problem,
      strategies: [x.s],
      measured: 1,
    };
    return { ...c, measured: predictCase(c, cal) };
  });
}

describe("fitTrainingFamily", () => {
  it("recovers the matmul efficiency that produced synthetic measurements", () => {
    const cs = cases({ matmulEfficiency: 0.5 });
    const err = (cal: ReturnType<typeof defaultCalibration>) =>
      fitObjective(cs.map((c) => Math.abs(predictCase(c, cal) / c.measured - 1)));
    expect(err(defaultCalibration())).toBeGreaterThan(0.05);
    const fitted = fitTrainingFamily(cs);
    expect(fitted.matmulEfficiency).toBeGreaterThan(0.42);
    expect(fitted.matmulEfficiency).toBeLessThan(0.58);
    expect(err(fitted)).toBeLessThan(0.03);
    expect(fitTrainingFamily(cs)).toEqual(fitted);
  });

  it("keeps constants within physical bounds and returns the defaults without cases", () => {
    const fitted = fitTrainingFamily(cases({ matmulEfficiency: 2 }));
    expect(fitted.matmulEfficiency).toBeLessThanOrEqual(0.85);
    expect(fitTrainingFamily([])).toEqual(defaultCalibration());
  });
});
