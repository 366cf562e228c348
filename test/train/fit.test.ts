import { describe, expect, it } from "vitest";
import { defaultCalibration } from "../../src/train/calibration.js";
import { type FitCase, fitFamily, fitObjective, predictCase } from "../../src/train/fit.js";
import { prepare } from "../../src/train/problem.js";
import type { Strategy } from "../../src/train/types.js";
import { gpt3, p5, small } from "./fixtures.js";

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
    const c: FitCase = { id: i, source: "synthetic", family: "test", problem, strategy: x.s, measured: 1 };
    return { ...c, measured: predictCase(c, cal) };
  });
}

describe("fitFamily", () => {
  it("recovers the matmul efficiency that produced synthetic measurements, deterministically", () => {
    const cs = cases({ matmulEfficiency: 0.5 });
    const start = defaultCalibration();
    expect(fitObjective(cs, start)).toBeGreaterThan(0.05);
    const fitted = fitFamily(cs);
    expect(fitted.matmulEfficiency).toBeGreaterThan(0.42);
    expect(fitted.matmulEfficiency).toBeLessThan(0.58);
    expect(fitObjective(cs, fitted)).toBeLessThan(0.03);
    expect(fitFamily(cs)).toEqual(fitted);
  });

  it("keeps constants within physical bounds and returns the start without cases", () => {
    const fitted = fitFamily(cases({ matmulEfficiency: 2 }));
    expect(fitted.matmulEfficiency).toBeLessThanOrEqual(0.85);
    expect(fitFamily([])).toEqual(defaultCalibration());
  });
});
