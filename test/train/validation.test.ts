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
  const v = validateTraining(rows, lookup);

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

  it("every result is finite and summaries cover every evaluated row", () => {
    for (const r of v.results) {
      expect(Number.isFinite(r.predicted) && r.predicted > 0).toBe(true);
      expect(Number.isFinite(r.measured) && r.measured > 0).toBe(true);
    }
    expect(v.byChip.reduce((s, x) => s + x.rows, 0)).toBe(v.evaluated);
    expect(v.bySource.reduce((s, x) => s + x.rows, 0)).toBe(v.evaluated);
  });
}, 60_000);

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
