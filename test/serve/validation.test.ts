import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/catalog.js";
import { calibrationFor } from "../../src/serve/calibration.js";
import { crossValidateServing, FITTED_BOUNDS, fitCalibration, fitFamily } from "../../src/serve/fit.js";
import { prepareRows, validateServing } from "../../src/serve/validation.js";

const file = new URL("../../../shared/validation/inference.json", import.meta.url);

// CI clones the repository with ../shared beside it: a missing file must fail, not skip.
if (!existsSync(file))
  throw new Error(`${file.pathname} is missing: the validation needs ../shared beside the repository`);

describe("validation against published inference runs", () => {
  const rows = JSON.parse(readFileSync(file, "utf8"));
  const v = validateServing(rows, catalog());

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
      expect.stringMatching(/not in the catalog/),
    ]);
  });
});

describe("leave-one-source-out cross-validation", () => {
  const rows = JSON.parse(readFileSync(file, "utf8"));
  const cv = crossValidateServing(rows, catalog());

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
      for (const nf of f.notRefitted) expect(cv.singleSource).toContain(nf);
    }
  });
});

describe("fitting", () => {
  it("is deterministic and stays within the physical bounds", () => {
    const rows = JSON.parse(readFileSync(file, "utf8"));
    const { prepared } = prepareRows(rows, catalog());
    const ada = prepared.filter((p) => p.family === "nvidia-ada");
    const a = fitFamily("nvidia-ada", ada);
    expect(fitFamily("nvidia-ada", ada)).toEqual(a);
    for (const [k, [lo, hi]] of Object.entries(FITTED_BOUNDS)) {
      const v = a[k as keyof typeof a] as number;
      expect(v).toBeGreaterThanOrEqual(lo * 0.99);
      expect(v).toBeLessThanOrEqual(hi * 1.01);
    }
  });
});

describe("stored constants", () => {
  it("are what the fit gives on the validation file (refit with `gigawatt validate serving --fit`)", () => {
    const rows = JSON.parse(readFileSync(file, "utf8"));
    const fit = fitCalibration(prepareRows(rows, catalog()).prepared);
    for (const [family, constants] of Object.entries(fit)) {
      const stored = calibrationFor({ id: "", family });
      for (const [k, v] of Object.entries(constants)) {
        expect(stored[k as keyof typeof stored], `${family}.${k}`).toBeCloseTo(v as number, 6);
      }
    }
  });
});
