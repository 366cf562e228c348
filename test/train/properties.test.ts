import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
});
