import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/catalog.js";
import { conventionFlopsPerToken, validateTraining } from "../../src/train/validation.js";
import { gpt3 } from "./fixtures.js";

const file = fileURLToPath(new URL("../../../shared/validation/training.json", import.meta.url));
const cat = catalog();
const lookup = {
  systemOrChip: (id: string) =>
    cat.systems.find(id) ?? (cat.chips.find(id) ? cat.systemOrChip(id) : undefined),
  model: (id: string) => cat.models.find(id),
};

// CI clones the repository with ../shared beside it: a missing file must fail, not skip.
if (!existsSync(file))
  throw new Error(`${file} is missing: the validation needs ../shared beside the repository`);

describe("validation against ../shared/validation/training.json", () => {
  const rows = JSON.parse(readFileSync(file, "utf8")) as unknown[];
  const v = validateTraining(rows, lookup, { crossValidate: true });

  it("evaluates at least 85% of the rows", () => {
    expect(v.rows).toBe(rows.length);
    expect(v.evaluated / v.rows).toBeGreaterThanOrEqual(0.85);
    expect(v.evaluated + v.skipped).toBe(v.rows);
    for (const s of v.skippedRows) expect(s.reason.length).toBeGreaterThan(5);
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

  it("leave-one-source-out cross-validation scores every row once, with median APE under 20%", () => {
    const cv = v.crossValidation!;
    expect(cv.n).toBe(v.evaluated);
    expect(new Set(cv.results.map((r) => r.id)).size).toBe(v.evaluated);
    // Measured 18.6% (in-sample 5.8%): one constant set per chip family does not carry the
    // gap between frameworks on the same chip (llm-foundry vs Megatron on A100/H100).
    expect(cv.medianApe).toBeLessThanOrEqual(0.2);
    expect(cv.mape).toBeLessThanOrEqual(0.3);
    const single = new Set(cv.singleSourceFamilies.map((f) => f.family));
    for (const s of cv.bySource) for (const f of s.unfitted) expect(single.has(f)).toBe(true);
  });

  it("every result is finite and summaries cover every evaluated row", () => {
    for (const r of v.results) {
      expect(Number.isFinite(r.predicted) && r.predicted > 0).toBe(true);
      expect(Number.isFinite(r.measured) && r.measured > 0).toBe(true);
    }
    expect(v.byChip.reduce((s, x) => s + x.rows, 0)).toBe(v.evaluated);
    expect(v.bySource.reduce((s, x) => s + x.rows, 0)).toBe(v.evaluated);
  });
}, 120_000);

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
      lookup,
    );
    expect(v.evaluated).toBe(0);
    expect(v.skippedRows.map((s) => s.reason)).toEqual([
      "chip count not published",
      'hardware "Abacus 9000" matches no catalog chip',
    ]);
  });
});
