import { describe, expect, it } from "vitest";
import { MIN_MEASUREMENTS } from "../../src/calibration/cross-validation.js";
import {
  crossValidateServing,
  fitServing,
  fitServingFamily,
  prepareRows,
  SERVING_BOUNDS,
  validateServing,
} from "../../src/calibration/serving.js";
import { catalog } from "../../src/catalog/catalog.js";
import { calibrationFor } from "../../src/serve/calibration.js";
import { inferenceRows } from "./files.js";

const rows = inferenceRows();

describe("validation against published inference runs", () => {
  const v = validateServing(inferenceRows(), catalog());

  it("evaluates at least 80% of the rows and lists the others with a reason", () => {
    expect(v.evaluated / v.rows).toBeGreaterThanOrEqual(0.8);
    expect(v.evaluated + v.skipped.length).toBe(v.rows);
    for (const s of v.skipped) expect(s.reason.length).toBeGreaterThan(5);
  });

  it("throughput: median APE <= 15% and MAPE <= 25%", () => {
    expect(v.throughput.n).toBeGreaterThan(300);
    expect(v.throughput.medianApe).toBeLessThanOrEqual(0.15);
    expect(v.throughput.mape).toBeLessThanOrEqual(0.25);
  });

  it("latency (TTFT, TPOT): median APE <= 20%", () => {
    expect(v.latency.n).toBeGreaterThan(50);
    expect(v.latency.medianApe).toBeLessThanOrEqual(0.2);
  });

  it("never outputs NaN or Infinity", () => {
    for (const r of v.results) {
      expect(Number.isFinite(r.predicted)).toBe(true);
      expect(r.predicted).toBeGreaterThan(0);
      expect(r.ape).toBeCloseTo(Math.abs(r.error), 12);
    }
  });
});

describe("row architecture", () => {
  it("skips rows it cannot evaluate, with the reason", () => {
    const v = validateServing(
      [
        { id: 1, model: "Llama-3.1-8B", hardware_chip: "NVIDIA H100-SXM-80GB", chip_count: 1 },
        {
          id: 2,
          model: "Llama-3.1-8B",
          hardware_chip: "Quantum Abacus 9000",
          chip_count: 1,
          derived_output_tokens_per_s_per_chip: 5,
          input_length: 5,
          output_length: 5,
        },
      ],
      catalog(),
    );
    expect(v.evaluated).toBe(0);
    expect(v.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/no output tokens\/s per chip/),
      expect.stringMatching(/matches no catalog chip/),
    ]);
  });
});

describe("leave-one-source-out cross-validation", () => {
  const cv = crossValidateServing(inferenceRows(), catalog());

  it("scores most throughput rows out of sample, with a median APE under 20%", () => {
    expect(cv.throughput.n).toBeGreaterThan(300);
    expect(cv.throughput.medianApe).toBeLessThanOrEqual(0.2);
    expect(cv.latency.n).toBeGreaterThan(50);
    expect(cv.latency.medianApe).toBeLessThanOrEqual(0.25);
  });

  it("names the families it cannot cross-validate and scores every other source", () => {
    for (const f of cv.bySource) {
      const scored = f.crossValidated.throughput.n + f.crossValidated.latency.n;
      if (f.notRefitted.length < f.families.length) expect(scored).toBeGreaterThan(0);
      for (const nf of f.notRefitted) expect(cv.notCrossValidated).toContain(nf);
    }
    expect(MIN_MEASUREMENTS).toBeGreaterThan(1);
  });
});

describe("fitting", () => {
  it("is deterministic and stays within the physical bounds", () => {
    const { prepared } = prepareRows(inferenceRows(), catalog());
    const ada = prepared.filter((p) => p.family === "nvidia-ada");
    const a = fitServingFamily("nvidia-ada", ada);
    expect(fitServingFamily("nvidia-ada", ada)).toEqual(a);
    for (const [k, b] of Object.entries(SERVING_BOUNDS)) {
      const v = a[k as keyof typeof a];
      expect(v).toBeGreaterThanOrEqual(b.min * 0.99);
      expect(v).toBeLessThanOrEqual(b.max * 1.01);
    }
  });
});

describe("stored constants", () => {
  it("are what the fit gives on the validation files (refit with `gigawatt validate serving --fit`)", () => {
    const fit = fitServing(prepareRows(rows, catalog()).prepared);
    for (const [family, constants] of Object.entries(fit)) {
      const stored = calibrationFor({ id: "", family });
      expect(stored.family).toBe(family);
      for (const [k, v] of Object.entries(constants)) {
        expect(stored[k as keyof typeof stored], `${family}.${k}`).toBeCloseTo(v, 6);
      }
    }
  });
});
