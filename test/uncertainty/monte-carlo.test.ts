import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  mergeBlocks,
  monteCarlo,
  runSampleBlock,
  summarizeBlock,
} from "../../src/uncertainty/monte-carlo.js";
import { hashString, mixSeed } from "../../src/uncertainty/random.js";
import { quantileSorted, stats, summarize } from "../../src/uncertainty/summary.js";
import { point, type Uncertain } from "../../src/uncertainty/value.js";

const identity = (v: Record<string, number>) => ({ ...v });

function draw(u: Uncertain, samples = 20_000, seed = 7) {
  return monteCarlo({ inputs: { x: u }, evaluate: identity, samples, seed }).outputs.x!;
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe("percentiles of known distributions (20,000 samples, fixed seed)", () => {
  it("uniform [0, 1]", () => {
    const d = draw({ type: "uniform", low: 0, high: 1 });
    // Standard error of the 5th percentile is sqrt(0.05 * 0.95 / 20000) = 0.0015.
    expect(d.p5).toBeCloseTo(0.05, 2);
    expect(Math.abs(d.p50 - 0.5)).toBeLessThan(0.012);
    expect(Math.abs(d.p95 - 0.95)).toBeLessThan(0.006);
    expect(Math.abs(d.mean - 0.5)).toBeLessThan(0.006);
    expect(d.min).toBeGreaterThanOrEqual(0);
    expect(d.max).toBeLessThan(1);
    expect(Math.abs(d.sd - 1 / Math.sqrt(12))).toBeLessThan(0.005);
  });

  it("normal (mean 10, sd 2)", () => {
    const d = draw({ type: "normal", mean: 10, sd: 2 });
    // p5 = mean - 1.6449 sd; its standard error is about 0.015 sd.
    expect(Math.abs(d.p5 - (10 - 1.6449 * 2))).toBeLessThan(0.1);
    expect(Math.abs(d.p50 - 10)).toBeLessThan(0.06);
    expect(Math.abs(d.p95 - (10 + 1.6449 * 2))).toBeLessThan(0.1);
    expect(Math.abs(d.mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(d.sd - 2)).toBeLessThan(0.05);
  });

  it("triangular (0, 0.25, 1)", () => {
    const d = draw({ type: "triangular", low: 0, mode: 0.25, high: 1 });
    expect(Math.abs(d.p5 - Math.sqrt(0.05 * 0.25))).toBeLessThan(0.01);
    expect(Math.abs(d.p50 - (1 - Math.sqrt(0.5 * 0.75)))).toBeLessThan(0.01);
    expect(Math.abs(d.p95 - (1 - Math.sqrt(0.05 * 0.75)))).toBeLessThan(0.01);
    expect(Math.abs(d.mean - 1.25 / 3)).toBeLessThan(0.005);
    expect(d.min).toBeGreaterThanOrEqual(0);
    expect(d.max).toBeLessThanOrEqual(1);
  });

  it("lognormal (median 100, sigma 0.5)", () => {
    const d = draw({ type: "lognormal", median: 100, sigma: 0.5 });
    expect(d.p5 / (100 * Math.exp(-1.6449 * 0.5))).toBeCloseTo(1, 1);
    expect(Math.abs(d.p50 / 100 - 1)).toBeLessThan(0.015);
    expect(Math.abs(d.p95 / (100 * Math.exp(1.6449 * 0.5)) - 1)).toBeLessThan(0.03);
    expect(Math.abs(d.mean / (100 * Math.exp(0.125)) - 1)).toBeLessThan(0.015);
    expect(d.min).toBeGreaterThan(0);
  });

  it("choice of sourced values follows the weights and yields only the options", () => {
    const d = draw({
      type: "choice",
      options: [
        { value: 4e9, weight: 1, sources: ["a"] },
        { value: 5e9, weight: 3, sources: ["b"] },
      ],
    });
    const counts = new Map<number, number>();
    for (const v of d.samples) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([4e9, 5e9]);
    // 25% +- 4 standard errors (0.3%)
    expect(Math.abs(counts.get(4e9)! / 20_000 - 0.25)).toBeLessThan(0.013);
    expect(d.p5).toBe(4e9);
    expect(d.p95).toBe(5e9);
  });

  it("points stay fixed", () => {
    const d = draw(point(3), 100);
    expect([d.min, d.p50, d.max]).toEqual([3, 3, 3]);
  });
});

describe("streams", () => {
  it("inputs are uncorrelated with each other and across samples", () => {
    const r = monteCarlo({
      inputs: { a: { type: "uniform", low: 0, high: 1 }, b: { type: "uniform", low: 0, high: 1 } },
      evaluate: identity,
      samples: 20_000,
      seed: 3,
    });
    const a = r.outputs.a!.samples;
    const b = r.outputs.b!.samples;
    // 4 standard errors of a correlation estimate over 20,000 pairs = 0.028.
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.028);
    expect(Math.abs(correlation(a.subarray(1), a.subarray(0, -1)))).toBeLessThan(0.028);
  });

  it("mixSeed and hashString spread nearby inputs apart", () => {
    expect(mixSeed(1, 0)).not.toBe(mixSeed(1, 1));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(2 ** 40, 0)).not.toBe(mixSeed(0, 0));
    expect(hashString("a")).not.toBe(hashString("b"));
    expect(mixSeed(5, 6, 7)).toBe(mixSeed(5, 6, 7));
  });
});

describe("determinism", () => {
  const inputs: Record<string, Uncertain> = {
    power: { type: "triangular", low: 4e9, mode: 5e9, high: 6e9 },
    price: { type: "lognormal", median: 2, sigma: 0.3 },
    share: { type: "normal", mean: 0.5, sd: 0.1 },
  };
  const evaluate = (v: Record<string, number>) => ({
    cost: v.power! * v.price!,
    ratio: v.share! / v.price!,
  });

  it("the same seed gives the same samples; another seed gives others", () => {
    const a = monteCarlo({ inputs, evaluate, samples: 500, seed: 11 });
    const b = monteCarlo({ inputs, evaluate, samples: 500, seed: 11 });
    const c = monteCarlo({ inputs, evaluate, samples: 500, seed: 12 });
    expect(b.outputs.cost!.samples).toEqual(a.outputs.cost!.samples);
    expect(b.outputs.cost!.p50).toBe(a.outputs.cost!.p50);
    expect(c.outputs.cost!.samples).not.toEqual(a.outputs.cost!.samples);
  });

  it("splitting into blocks (in any order) changes nothing", () => {
    const whole = monteCarlo({ inputs, evaluate, samples: 1000, seed: 5 });
    const cuts = [0, 1, 333, 334, 900, 1000];
    const blocks = cuts
      .slice(0, -1)
      .map((start, i) => runSampleBlock({ inputs, evaluate, seed: 5, start, count: cuts[i + 1]! - start }))
      .reverse();
    const merged = summarizeBlock(mergeBlocks(blocks), 5);
    expect(merged.samples).toBe(1000);
    for (const k of ["cost", "ratio"]) {
      expect(merged.outputs[k]!.samples).toEqual(whole.outputs[k]!.samples);
      expect(merged.outputs[k]!.p95).toBe(whole.outputs[k]!.p95);
    }
    expect(merged.inputs.power!.samples).toEqual(whole.inputs.power!.samples);
  });

  it("adding an input or reordering inputs leaves the other inputs' draws alone", () => {
    const a = monteCarlo({ inputs, evaluate: identity, samples: 200, seed: 9 });
    const b = monteCarlo({
      inputs: { extra: { type: "uniform", low: 0, high: 1 }, share: inputs.share!, power: inputs.power! },
      evaluate: identity,
      samples: 200,
      seed: 9,
    });
    expect(b.outputs.power!.samples).toEqual(a.outputs.power!.samples);
    expect(b.outputs.share!.samples).toEqual(a.outputs.share!.samples);
  });

  it("rejects blocks that leave a gap", () => {
    const a = runSampleBlock({ inputs, evaluate, seed: 1, start: 0, count: 10 });
    const b = runSampleBlock({ inputs, evaluate, seed: 1, start: 11, count: 10 });
    expect(() => mergeBlocks([a, b])).toThrow(/not contiguous/);
  });
});

describe("outputs that are not finite", () => {
  it("are counted, located and left out of the statistics, with a warning", () => {
    const r = monteCarlo({
      inputs: { x: { type: "uniform", low: 0, high: 1 } },
      evaluate: ({ x }) => ({ y: x! < 0.1 ? Number.NaN : x! > 0.95 ? Number.POSITIVE_INFINITY : x!, ok: x! }),
      samples: 2000,
      seed: 2,
    });
    const y = r.outputs.y!;
    expect(y.nonFinite).toBeDefined();
    expect(y.nonFinite!.nan).toBeGreaterThan(150);
    expect(y.nonFinite!.positiveInfinity).toBeGreaterThan(50);
    expect(y.finite + y.nonFinite!.nan + y.nonFinite!.positiveInfinity).toBe(2000);
    const first = y.nonFinite!.firstSamples[0]!;
    expect(Number.isFinite(y.samples[first]!)).toBe(false);
    expect(Number.isFinite(y.mean)).toBe(true);
    expect(y.min).toBeGreaterThanOrEqual(0.1);
    expect(y.max).toBeLessThanOrEqual(0.95);
    expect(r.outputs.ok!.nonFinite).toBeUndefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /^y: \d+ of 2000 samples were not finite \(\d+ NaN, \d+ \+Infinity; first at/,
    );
  });

  it("an output missing from some samples counts as NaN there", () => {
    const r = monteCarlo({
      inputs: { x: { type: "uniform", low: 0, high: 1 } },
      evaluate: ({ x }): Record<string, number> => (x! < 0.5 ? { a: 1 } : { a: 2, b: 3 }),
      samples: 100,
      seed: 4,
    });
    expect(Object.keys(r.outputs).sort()).toEqual(["a", "b"]);
    expect(r.outputs.b!.nonFinite!.nan + r.outputs.b!.finite).toBe(100);
    expect(r.outputs.b!.nonFinite!.nan).toBeGreaterThan(20);
  });

  it("no finite sample gives NaN statistics and finite = 0, never a made-up number", () => {
    const r = monteCarlo({ inputs: {}, evaluate: () => ({ z: Number.NaN }), samples: 5 });
    expect(r.outputs.z!.finite).toBe(0);
    expect(r.outputs.z!.p50).toBeNaN();
    expect(r.warnings).toHaveLength(1);
  });
});

describe("errors and progress", () => {
  it("an InputError inside evaluate names the sample and stays an InputError", () => {
    const run = () =>
      monteCarlo({
        inputs: { x: { type: "uniform", low: 0, high: 1 } },
        evaluate: () => {
          throw new InputError("too many chips", { location: "capacity.power", hint: "lower it" });
        },
        samples: 10,
        seed: 3,
      });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/too many chips in Monte Carlo sample 0 \(seed 3\)/);
  });

  it("rejects a negative or fractional sample count and a non-integer seed", () => {
    expect(() => monteCarlo({ inputs: {}, evaluate: () => ({}), samples: -1 })).toThrow(InputError);
    expect(() => monteCarlo({ inputs: {}, evaluate: () => ({}), samples: 1.5 })).toThrow(InputError);
    expect(() => monteCarlo({ inputs: {}, evaluate: () => ({}), seed: 0.5 })).toThrow(InputError);
  });

  it("reports progress about 100 times, ending at total", () => {
    const calls: [number, number][] = [];
    monteCarlo({
      inputs: {},
      evaluate: () => ({ a: 1 }),
      samples: 1000,
      onProgress: (d, t) => calls.push([d, t]),
    });
    expect(calls.length).toBe(100);
    expect(calls.at(-1)).toEqual([1000, 1000]);
    expect(calls.every(([d], i) => i === 0 || d > calls[i - 1]![0])).toBe(true);
  });
});

describe("summaries", () => {
  it("quantiles interpolate between order statistics", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.05)).toBe(10);
    expect(quantileSorted([], 0.5)).toBeNaN();
    const s = summarize(Float64Array.from({ length: 101 }, (_, i) => 100 - i));
    expect([s.p5, s.p50, s.p95, s.min, s.max, s.mean]).toEqual([5, 50, 95, 0, 100, 50]);
  });
});

describe("stats", () => {
  it("drops the samples and keeps every statistic, ready for JSON", () => {
    const d = summarize(Float64Array.from([1, 2, 3, Number.NaN]));
    const s = stats(d);
    expect("samples" in s).toBe(false);
    expect(JSON.parse(JSON.stringify(s))).toMatchObject({
      p50: 2,
      min: 1,
      max: 3,
      finite: 3,
      nonFinite: { nan: 1 },
    });
  });
});
