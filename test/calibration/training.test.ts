import { describe, expect, it } from "vitest";
import { conventionFlopsPerToken, fitTraining, validateTraining } from "../../src/calibration/training.js";
import { catalog } from "../../src/catalog/catalog.js";
import { calibrationFor } from "../../src/train/calibration.js";
import { gpt3 } from "../train/fixtures.js";
import { trainingRows } from "./files.js";

const cat = catalog();

describe("validation against ../shared/validation/training.json", () => {
  const rows = trainingRows();
  const v = validateTraining(rows, cat, { crossValidate: true });

  it("evaluates at least 85% of the rows", () => {
    expect(v.rows).toBe(rows.length);
    expect(v.evaluated / v.rows).toBeGreaterThanOrEqual(0.85);
    expect(v.evaluated + v.skipped.length).toBe(v.rows);
    for (const s of v.skipped) expect(s.reason.length).toBeGreaterThan(5);
  });

  it("median APE <= 10% and MAPE <= 15% on tokens/s per chip", () => {
    expect(v.medianApe).toBeLessThanOrEqual(0.1);
    expect(v.mape).toBeLessThanOrEqual(0.15);
  });

  it("published strategies fit in modelled memory: at least 95% of the rows that publish tp, pp, dp and micro-batch", () => {
    // The runs ran, so their strategies fit; the misses are llm-foundry runs within ~1.5 GB of
    // the catalog's decimal 40/80 GB (the devices hold 40/80 GiB).
    expect(v.memoryFit.rows).toBeGreaterThan(150);
    expect(v.memoryFit.rate).toBeGreaterThanOrEqual(0.95);
    expect(v.memoryFit.outside).toEqual([]);
  });

  it("leave-one-source-out cross-validation scores every row of a cross-validated family once, median APE under 20%", () => {
    const cv = v.crossValidation!;
    const scored = v.results.filter((r) => !cv.notCrossValidated.includes(r.family));
    const byId = new Set(cv.results.map((r) => r.id));
    for (const r of scored) expect(byId.has(r.id), String(r.id)).toBe(true);
    expect(cv.n).toBeGreaterThanOrEqual(scored.length * 0.95);
    expect(cv.medianApe).toBeLessThanOrEqual(0.2);
    expect(cv.mape).toBeLessThanOrEqual(0.3);
    for (const s of cv.bySource) for (const f of s.notRefitted) expect(cv.notCrossValidated).toContain(f);
  });

  it("every result is finite and summaries cover every evaluated row", () => {
    for (const r of v.results) {
      expect(Number.isFinite(r.predicted) && r.predicted > 0).toBe(true);
      expect(Number.isFinite(r.measured) && r.measured > 0).toBe(true);
    }
    expect(v.byChip.reduce((s, x) => s + x.n, 0)).toBe(v.evaluated);
    expect(v.bySource.reduce((s, x) => s + x.n, 0)).toBe(v.evaluated);
  });

  it("stored constants are the fit's (refit with `gigawatt validate training --fit`)", () => {
    const fit = fitTraining(rows, cat);
    for (const [family, constants] of Object.entries(fit)) {
      const stored = calibrationFor({ id: "", family });
      expect(stored.family).toBe(family);
      for (const [k, x] of Object.entries(constants))
        expect(stored[k as keyof typeof stored], `${family}.${k}`).toBeCloseTo(x, 6);
    }
  });
}, 240_000);

describe("row handling", () => {
  it("reads FLOP conventions: non-causal attention and recompute raise FLOPs per token", () => {
    const m = gpt3();
    const causal = conventionFlopsPerToken({ flops_convention: "causal attention" }, m, 2048).flops;
    const nonCausal = conventionFlopsPerToken(
      { flops_convention: "attention counted non-causally" },
      m,
      2048,
    ).flops;
    const hfu = conventionFlopsPerToken(
      { flops_convention: "Narayanan formula incl. recompute (HFU-like)" },
      m,
      2048,
    ).flops;
    expect(nonCausal).toBeGreaterThan(causal);
    expect(hfu / nonCausal).toBeGreaterThan(1.3);
  });

  it("skips rows it cannot evaluate, with the reason", () => {
    const v = validateTraining(
      [
        { id: "a", model: "x", hardware: "H100-SXM5-80GB", chip_count: null, seq_len: 2048 },
        {
          id: "b",
          model: "x",
          hardware: "Abacus 9000",
          chip_count: 8,
          seq_len: 2048,
          layers: 2,
          hidden_size: 64,
        },
      ],
      cat,
    );
    expect(v.evaluated).toBe(0);
    expect(v.skipped.map((s) => s.reason)).toEqual([
      "chip count not published",
      'hardware "Abacus 9000" matches no catalog chip',
    ]);
  });
});
