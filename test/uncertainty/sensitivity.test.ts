import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { sensitivity } from "../../src/uncertainty/sensitivity.js";
import { point, type Uncertain } from "../../src/uncertainty/value.js";

const inputs: Record<string, Uncertain> = {
  a: { type: "uniform", low: 0, high: 2 }, // nominal 1, f moves by 3 * 2 = 6
  b: { type: "triangular", low: 1, mode: 2, high: 4 }, // b^2: 1 .. 16, swing 15
  c: { type: "normal", mean: 0, sd: 1 }, // -0.5 c over +-1.645: swing 1.645
  d: {
    type: "choice",
    options: [
      { value: 10, weight: 1, sources: ["x"] },
      { value: 12, weight: 1, sources: ["y"] },
    ],
  },
  fixed: point(7),
};
const evaluate = (v: Record<string, number>) => ({
  f: 3 * v.a! + v.b! ** 2 - 0.5 * v.c! + 0 * v.d!,
  g: v.d! - v.a!,
  u: (v.a! - 1) ** 2, // U-shaped: same value at both bounds
});

describe("sensitivity (tornado)", () => {
  it("ranks inputs by the known swing of each output", () => {
    const [f, g] = sensitivity({ inputs, evaluate, outputs: ["f", "g"] });
    expect(f!.output).toBe("f");
    expect(f!.base).toBe(3 + 4);
    expect(f!.rows.map((r) => r.input)).toEqual(["b", "a", "c", "d"]);
    expect(f!.rows[0]).toMatchObject({
      input: "b",
      low: 1,
      high: 4,
      outputAtLow: 3 + 1,
      outputAtHigh: 3 + 16,
      swing: 15,
    });
    expect(f!.rows[1]!.swing).toBeCloseTo(6, 12);
    expect(f!.rows[2]!.swing).toBeCloseTo(1.645, 12);
    expect(f!.rows[2]!.outputAtLow).toBeGreaterThan(f!.rows[2]!.outputAtHigh);
    expect(f!.rows[3]!.swing).toBe(0);
    expect(g!.rows.map((r) => [r.input, r.swing])).toEqual([
      ["a", 2],
      ["d", 2],
      ["b", 0],
      ["c", 0],
    ]);
  });

  it("counts a non-monotonic response by the range it spans", () => {
    const [u] = sensitivity({ inputs, evaluate, output: "u" });
    expect(u!.rows[0]).toMatchObject({ input: "a", outputAtLow: 1, outputAtHigh: 1, swing: 1 });
  });

  it("leaves out fixed inputs unless asked, and evaluates 1 + 2 per uncertain input", () => {
    let calls = 0;
    const counted = (v: Record<string, number>) => {
      calls++;
      return evaluate(v);
    };
    const [t] = sensitivity({ inputs, evaluate: counted, output: "f" });
    expect(calls).toBe(1 + 2 * 4);
    expect(t!.rows.some((r) => r.input === "fixed")).toBe(false);
    const [all] = sensitivity({ inputs, evaluate, output: "f", includeFixed: true });
    expect(all!.rows.find((r) => r.input === "fixed")).toMatchObject({ swing: 0, low: 7, high: 7 });
  });

  it("gives every output when none is named", () => {
    expect(sensitivity({ inputs, evaluate }).map((t) => t.output)).toEqual(["f", "g", "u"]);
  });

  it("puts inputs that make an output non-finite first", () => {
    const [t] = sensitivity({
      inputs,
      evaluate: (v) => ({ h: 1 / (v.a! - 0) + v.b! }),
      output: "h",
    });
    expect(t!.rows[0]).toMatchObject({ input: "a", nonFinite: true, swing: 0 });
  });

  it("an unknown output is an InputError listing the known ones", () => {
    expect(() => sensitivity({ inputs, evaluate, output: "nope" })).toThrow(InputError);
    try {
      sensitivity({ inputs, evaluate, output: "nope" });
    } catch (e) {
      expect((e as InputError).hint).toBe("one of: f, g, u");
      expect((e as InputError).location).toBe("--sensitivity");
    }
  });
});
