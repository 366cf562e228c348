import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { parseScenario } from "../../src/scenario/load.js";
import { solveScenario, withInput } from "../../src/scenario/solve.js";
import { solveFor } from "../../src/uncertainty/solve.js";
import { parseQuantity } from "../../src/units/quantity.js";

const FILE = new URL("../../scenarios/amazon-anthropic-2026.yaml", import.meta.url);
const full = parseScenario(readFileSync(FILE, "utf8"), "amazon-anthropic-2026.yaml");
const q = (t: string) => parseQuantity(t);

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("no error");
}

describe("solveFor", () => {
  it("finds the root of a monotone output, geometric over orders of magnitude", () => {
    const r = solveFor((x) => Math.log10(x), 3, 1, 1e6);
    expect(r.x).toBeCloseTo(1000, 2);
    expect(r.rising).toBe(true);
  });

  it("finds a crossing of an output that is not monotone, and steps around invalid points", () => {
    const r = solveFor((x) => (x > 4 && x < 4.5 ? Number.NaN : (x - 2) ** 2), 9, 0, 10);
    expect(r.x).toBeCloseTo(5, 5);
  });

  it("whole numbers stay whole", () => {
    const r = solveFor((x) => 1000 / x, 7, 1, 1000, { integer: true });
    expect(Number.isInteger(r.x)).toBe(true);
    expect(Math.abs(r.x - 1000 / 7)).toBeLessThanOrEqual(1);
  });

  it("an unreachable target names the range explored and the closest value", () => {
    const e = inputError(() => solveFor((x) => x * x, -1, 0, 10, { input: "x", output: "x squared" }));
    expect(e.location).toBe("target");
    expect(e.message).toMatch(/no x from 0\.000 to 10\.00 gives x squared = -1\.000/);
    expect(e.message).toMatch(/closest is 0\.000 at 0\.000/);
  });
});

describe("solveScenario", () => {
  it("the price per GW-year at which the provider breaks even, through the whole chain", () => {
    const a = solveScenario(full, {
      id: "b",
      text: "break-even",
      vary: "deal.pricePerGwYear",
      target: { output: "deal.providerMargin", value: q("$0") },
      between: { low: q("$1B"), high: q("$20B") },
    });
    const at = evaluateScenario(withInput(full, "deal.pricePerGwYear", a.result.x));
    // The answer is a price at which the margin is zero to within a millionth of the revenue.
    expect(Math.abs(at.outputs["deal.providerMargin"]!)).toBeLessThan(1e-6 * at.outputs["deal.labSpend"]!);
    // Below the market price (the deal is profitable) and above the provider's cost per GW-year.
    expect(a.result.x).toBeLessThan(a.current!);
    expect(a.result.x).toBeGreaterThan(0.5 * evaluateScenario(full).outputs["deal.costPerGwYear"]!);
    expect(a.formula).toMatch(/ - /);
  });

  it("the new capacity a lab spend implies, varying an uncertain input of the file", () => {
    const a = solveScenario(full, {
      id: "c",
      text: "capacity for $200B",
      vary: "capacity.power",
      target: { output: "deal.labSpend", value: q("$200B") },
    });
    expect(a.kind).toBe("power");
    expect(a.result.x).toBeGreaterThan(1e9);
    expect(a.result.x).toBeLessThan(5e9);
  });

  it("bad questions are located at their field", () => {
    const ask = (vary: string, output: string, value: string, between?: [string, string]) =>
      inputError(() =>
        solveScenario(
          full,
          {
            id: "x",
            text: "x",
            vary,
            target: { output, value: q(value) },
            between: between && { low: q(between[0]), high: q(between[1]) },
          },
          { location: "solve[0]" },
        ),
      );
    expect(ask("deal.nope", "deal.providerMargin", "$0").location).toBe("solve[0].vary");
    expect(ask("deal.pricePerGwYear", "deal.nope", "$0").location).toBe("solve[0].target.output");
    expect(ask("deal.pricePerGwYear", "deal.providerMargin", "5 GW").location).toBe("solve[0].target.value");
    const e = ask("deal.pricePerGwYear", "deal.providerMarginShare", "99%", ["$1B", "$20B"]);
    expect(e.location).toBe("solve[0].target");
    expect(e.message).toMatch(/closest/);
  });
});
