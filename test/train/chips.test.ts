import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { chipCountRange, fitsOn, searchChipCounts } from "../../src/train/chips.js";
import { gpt3, p5, small } from "./fixtures.js";

const base = { model: gpt3(), system: p5(), seq: 2048, batchSeqs: 1536 };

describe("searchChipCounts: chips against time when the count is free", () => {
  const r = searchChipCounts(base);

  it("sweeps powers of two from the smallest count that fits to 64 times that", () => {
    const n0 = r.smallestFitting!;
    expect(fitsOn(base, n0)).toBe(true);
    expect(fitsOn(base, n0 / 2)).toBe(false);
    expect(r.counts).toEqual(Array.from({ length: 7 }, (_, i) => n0 * 2 ** i));
    expect(r.metric).toBe("step time");
  });

  it("gives the best strategy at each count, using exactly that many chips", () => {
    expect(r.points.length).toBe(r.counts.length - r.skipped.length);
    for (const pt of r.points) {
      const s = pt.best.strategy;
      expect(s.tp * s.pp * s.dp * s.cp).toBe(pt.chips);
      expect(pt.best.fits).toBe(true);
      expect(pt.seconds).toBe(pt.best.time.step);
      expect(pt.scalingEfficiency).toBeCloseTo(
        (r.points[0]!.seconds * r.points[0]!.chips) / (pt.seconds * pt.chips),
        12,
      );
    }
  });

  it("the Pareto front gets strictly faster with more chips, and no point off it beats it", () => {
    expect(r.pareto.length).toBeGreaterThan(1);
    for (let i = 1; i < r.pareto.length; i++) {
      expect(r.pareto[i]!.chips).toBeGreaterThan(r.pareto[i - 1]!.chips);
      expect(r.pareto[i]!.seconds).toBeLessThan(r.pareto[i - 1]!.seconds);
    }
    for (const pt of r.points.filter((x) => !x.onFront)) {
      const cheaper = r.pareto.filter((f) => f.chips <= pt.chips);
      expect(Math.min(...cheaper.map((f) => f.seconds))).toBeLessThanOrEqual(pt.seconds);
    }
  });

  it("is deterministic", () => {
    const again = searchChipCounts(base);
    expect(again.points.map((p) => [p.chips, p.seconds, p.best.strategy])).toEqual(
      r.points.map((p) => [p.chips, p.seconds, p.best.strategy]),
    );
  });

  it("with tokens, measures time to train; given counts are sorted and deduplicated", () => {
    const t = searchChipCounts({ ...base, tokens: 300e9 }, [4096, 1024, 2048, 1024]);
    expect(t.counts).toEqual([1024, 2048, 4096]);
    expect(t.metric).toBe("time to train");
    for (const pt of t.points) expect(pt.seconds).toBe(pt.best.run!.seconds);
    expect(t.smallestFitting).toBeUndefined();
  });

  it("explains counts without a strategy: too little memory, or a batch that cannot be split", () => {
    const t = searchChipCounts(base, [8, r.smallestFitting!]);
    expect(t.points.map((p) => p.chips)).toEqual([r.smallestFitting]);
    expect(t.skipped).toEqual([{ chips: 8, reason: "no strategy fits in memory" }]);
    // 7 chips: 16 heads, 24 layers (+2), and 1536 sequences leave no way to split over 7.
    const s = searchChipCounts({ ...base, model: small() }, [7]);
    expect(s.points).toHaveLength(0);
    expect(s.skipped[0]!.reason).toMatch(/no valid strategy/);
  });

  it("a stated maximum sets the top of the range", () => {
    const t = chipCountRange({ ...base, maxChips: r.smallestFitting! * 4 });
    expect(t.counts).toEqual([1, 2, 4].map((k) => k * r.smallestFitting!));
  });

  it("rejects a fixed dp, a maximum below the smallest fitting count, and bad counts", () => {
    expect(() => searchChipCounts({ ...base, strategy: { dp: 8 } })).toThrow(InputError);
    expect(() => chipCountRange({ ...base, maxChips: 8 })).toThrow(/needs at least/);
    expect(() => chipCountRange(base, [0])).toThrow(InputError);
    expect(() => chipCountRange(base, [2.5])).toThrow(InputError);
  });
});
