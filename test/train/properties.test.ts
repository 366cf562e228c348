import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RC_NONE } from "../../src/train/evaluate.js";
import { memoryPerChip, prepare, stepTime } from "../../src/train/index.js";
import { gpt3, moe, p5, small } from "./fixtures.js";

const models = [gpt3(), small(), moe()];

describe("invariants", () => {
  it("more chips (more data parallelism, same batch) never raise memory per chip", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2),
        (mi, tp, pp, cp, dpLog, zero, rc, mb) => {
          const model = models[mi]!;
          const dp = 2 ** dpLog;
          const batchSeqs = 1024;
          const ep = model.moe ? 2 : 1;
          const at = (d: number) => {
            const p = prepare({ model, system: p5(), chips: tp * pp * cp * d, seq: 4096, batchSeqs });
            return memoryPerChip(p, tp, pp, 1, d, cp, ep, mb, zero, rc);
          };
          expect(at(dp * 2)).toBeLessThanOrEqual(at(dp) * (1 + 1e-12));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("doubling every bandwidth never slows a step", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2),
        fc.constantFrom(1, 2, 4, 8, 32),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2, 4),
        (mi, tp, pp, cp, dp, zero, rc, mb) => {
          const model = models[mi]!;
          const sys = p5();
          const fast = p5();
          fast.scaleUpBandwidth = sys.scaleUpBandwidth! * 2;
          fast.scaleOutBandwidth = sys.scaleOutBandwidth! * 2;
          fast.chip = { ...sys.chip, memoryBandwidth: sys.chip.memoryBandwidth! * 2 };
          const chips = tp * pp * cp * dp;
          const o = { model, chips, seq: 4096, batchSeqs: 512 };
          const ep = model.moe ? 4 : 1;
          const a = stepTime(prepare({ ...o, system: sys }), tp, pp, 1, dp, cp, ep, mb, zero, rc);
          const b = stepTime(prepare({ ...o, system: fast }), tp, pp, 1, dp, cp, ep, mb, zero, rc);
          expect(b).toBeLessThanOrEqual(a * (1 + 1e-12));
          expect(Number.isFinite(a)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cutting sequences finer at the same tokens per chip (cp x2, dp /2, micro-batch x2) is strictly slower", () => {
    // Same tokens, weights, batch split and DP group per chip; only the ring grows: more KV
    // blocks to pass and more partial outputs to merge. A model where this is free picks huge CP
    // degrees with slivers of a sequence per chip on exact ties.
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2, 4, 8, 16, 32),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(1, 2),
        (mi, tp, pp, cp, dpLog, zero, rc, mb) => {
          const model = models[mi]!;
          const dp = 2 ** dpLog;
          const p = prepare({ model, system: p5(), chips: tp * pp * cp * dp, seq: 8192, batchSeqs: 1024 });
          const ep = model.moe ? 2 : 1;
          const coarse = stepTime(p, tp, pp, 1, dp, cp, ep, mb, zero, rc);
          const fine = stepTime(p, tp, pp, 1, dp / 2, cp * 2, ep, mb * 2, zero, rc);
          expect(fine).toBeGreaterThan(coarse);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a step is never faster than streaming the local GEMM weights from HBM once per micro-batch", () => {
    // Forward and backward read every local weight and accumulate its fp32 gradient (2 + 2 + 8
    // bytes) per micro-batch, however few tokens the micro-batch holds (short sequences, thin
    // CP slices of a long one).
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(64, 128, 256, 1024, 4096),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(1, 2, 4),
        (mi, tp, cp, seq, dpLog, zero, mb) => {
          const model = [gpt3(), small()][mi]!;
          const dp = 2 ** dpLog;
          const sys = p5();
          const p = prepare({ model, system: sys, chips: tp * cp * dp, seq, batchSeqs: 256 });
          const m = 256 / (dp * mb);
          const gemmParams = (p.paramsDense + p.outputParams) / tp;
          const floor = (m * gemmParams * 12) / sys.chip.memoryBandwidth!;
          expect(stepTime(p, tp, 1, 1, dp, cp, 1, mb, zero, RC_NONE)).toBeGreaterThanOrEqual(floor);
        },
      ),
      { numRuns: 300 },
    );
  });
});
