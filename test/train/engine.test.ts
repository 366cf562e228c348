import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  estimateTraining,
  mergeSlices,
  prepare,
  searchSlice,
  searchTraining,
  strategyKey,
} from "../../src/train/index.js";
import { gpt3, llama405, moe, p5, small } from "./fixtures.js";

const base = { system: p5(), seq: 2048 };

describe("estimateTraining", () => {
  const e = estimateTraining({
    ...base,
    model: gpt3(),
    chips: 1024,
    batchSeqs: 1536,
    tokens: 300e9,
    strategy: { tp: 8, pp: 8, microBatch: 1, zero: 1, recompute: "selective" },
  });

  it("derives dp and explains the step: components add up to the step", () => {
    expect(e.strategy.dp).toBe(16);
    const t = e.time;
    const sum =
      t.matmul +
      t.attention +
      t.memoryBound +
      t.recompute +
      t.tp +
      t.cp +
      t.ep +
      t.pp +
      t.bubble +
      t.dp +
      t.optimizer +
      t.overhead;
    expect(sum).toBeCloseTo(t.step, 6);
    expect(e.bound).toBe("compute");
  });

  it("memory categories add up and fit", () => {
    const m = e.memory;
    expect(
      m.weights + m.gradients + m.optimizer + m.activations + m.logits + m.buffers + m.reserve,
    ).toBeCloseTo(m.total, 0);
    expect(e.fits).toBe(true);
    expect(m.headroom).toBeGreaterThan(0);
  });

  it("MFU is between 0 and 1, HFU >= MFU, and run totals are consistent", () => {
    expect(e.mfu).toBeGreaterThan(0.2);
    expect(e.mfu).toBeLessThan(0.8);
    expect(e.hfu).toBeGreaterThanOrEqual(e.mfu);
    expect(e.flopConvention).toMatch(/causal attention/);
    const run = e.run!;
    expect(run.seconds).toBeCloseTo(run.steps * e.time.step, 3);
    expect(run.chipHours).toBeCloseTo((run.seconds * 1024) / 3600, 3);
    expect(run.costUsd).toBeCloseTo(run.chipHours * 3.9, 0);
    expect(run.energyJ).toBeGreaterThan(run.seconds * 1024 * 700 * 0.3);
  });

  it("a strategy that does not fit says which category is over and by how much", () => {
    const r = estimateTraining({
      ...base,
      model: gpt3(),
      chips: 8,
      batchSeqs: 8,
      strategy: { tp: 8, zero: 0 },
    });
    expect(r.fits).toBe(false);
    expect(r.memory.headroom).toBeLessThan(0);
    expect(r.overCategory).toBe("optimizer");
  });

  it("impossible strategies are errors naming the field", () => {
    const bad = (strategy: object) => () =>
      estimateTraining({ ...base, model: gpt3(), chips: 64, batchSeqs: 64, strategy });
    expect(bad({ tp: 5 })).toThrow(InputError);
    expect(bad({ tp: 64 })).toThrow(/tp 64 does not divide the 96 attention heads/);
    expect(bad({ pp: 64 })).toThrow(/pp 64 does not divide the 96 layers/);
    expect(bad({ tp: 8, pp: 2, dp: 2 })).toThrow(/not the chip count 64/);
    try {
      bad({ tp: 64 })();
    } catch (e) {
      expect((e as InputError).location).toBe("strategy.tp");
      expect((e as InputError).hint).toMatch(/use one of/);
    }
  });

  it("MoE models run with expert parallelism and account the all-to-all", () => {
    const r = estimateTraining({ ...base, model: moe(), chips: 64, batchSeqs: 256, strategy: { ep: 8 } });
    expect(r.time.ep).toBeGreaterThan(0);
    expect(() =>
      estimateTraining({ ...base, model: small(), chips: 8, batchSeqs: 8, strategy: { ep: 2 } }),
    ).toThrow(/ep 2 on a dense model/);
  });
});

describe("searchTraining", () => {
  const opts = { ...base, model: gpt3(), chips: 512, batchSeqs: 1536, top: 4 };

  it("returns the best, the top N sorted, and a Pareto front", () => {
    const r = searchTraining(opts);
    expect(r.best).toBeDefined();
    expect(r.top).toHaveLength(4);
    for (let i = 1; i < r.top.length; i++)
      expect(r.top[i]!.time.step).toBeGreaterThanOrEqual(r.top[i - 1]!.time.step);
    expect(r.evaluated + r.prunedMemory).toBe(r.candidates);
    expect(r.prunedMemory).toBeGreaterThan(0);
    // The front: faster points never have more headroom than slower ones on it.
    for (let i = 1; i < r.pareto.length; i++) {
      expect(r.pareto[i]!.time.step).toBeGreaterThanOrEqual(r.pareto[i - 1]!.time.step);
      expect(r.pareto[i]!.memory.headroom).toBeGreaterThan(r.pareto[i - 1]!.memory.headroom);
    }
    expect(r.best!.time.step).toBe(r.top[0]!.time.step);
  });

  it("slices merge to the same answer as the whole search (deterministic)", () => {
    const p = prepare(opts);
    const whole = searchSlice(p, { top: 4 });
    for (const count of [2, 3, 5]) {
      const parts = Array.from({ length: count }, (_, index) =>
        searchSlice(p, { top: 4, slice: { index, count } }),
      );
      const merged = mergeSlices(parts.reverse(), 4);
      expect(merged.evaluated).toBe(whole.evaluated);
      expect(merged.top.map((f) => strategyKey(f.strategy))).toEqual(
        whole.top.map((f) => strategyKey(f.strategy)),
      );
      expect(merged.pareto.length).toBe(whole.pareto.length);
    }
  });

  it("fixed fields are kept", () => {
    const r = searchTraining({ ...opts, strategy: { tp: 4, recompute: "full" } });
    for (const e of r.top) {
      expect(e.strategy.tp).toBe(4);
      expect(e.strategy.recompute).toBe("full");
    }
  });

  it("a model that fits nowhere says so, with the smallest chip count that fits", () => {
    try {
      searchTraining({ ...base, model: llama405(), chips: 8, seq: 8192, batchSeqs: 64 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toMatch(/does not fit on 8/);
      expect((e as InputError).hint).toMatch(/smallest chip count that fits is about \d+/);
    }
  });

  it("bad inputs are InputErrors", () => {
    expect(() => searchTraining({ ...opts, chips: 0 })).toThrow(InputError);
    expect(() => searchTraining({ ...opts, batchSeqs: undefined })).toThrow(/no global batch/);
    expect(() => searchTraining({ ...opts, precision: "fp4" })).toThrow(/has no fp4 peak/);
  });
});

describe("batch in tokens", () => {
  it("rounds to a splittable sequence count within 5%", async () => {
    const { splittableBatch, batchSeqsOf } = await import("../../src/train/problem.js");
    expect(splittableBatch(16e6 / 8192)).toBe(2048);
    expect(splittableBatch(1536)).toBe(1536);
    expect(batchSeqsOf({ batchTokens: 4e6, seq: 4096 })).toBe(1024);
    expect(batchSeqsOf({ batchSeqs: 1000, seq: 4096 })).toBe(1000);
  });
});
