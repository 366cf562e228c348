import { describe, expect, it } from "vitest";
import { parseQuantity, QuantityError } from "../../src/units/index.js";

const cases: [string, number, string][] = [
  ["5 GW", 5e9, "power"],
  ["5GW", 5e9, "power"],
  ["700 W", 700, "power"],
  ["120 kW", 120e3, "power"],
  ["10,715 kWh", 10715 * 3.6e6, "energy"],
  ["43.8 TWh", 43.8e12 * 3600, "energy"],
  ["$5B", 5e9, "money"],
  ["$100 billion", 100e9, "money"],
  ["$1.25bn", 1.25e9, "money"],
  ["$2.35/h", 2.35 / 3600, "moneyRate"],
  ["$2.35/hour", 2.35 / 3600, "moneyRate"],
  ["$0.50/Mtok", 0.5e-6, "moneyPerToken"],
  ["$0.50 per million tokens", 0.5e-6, "moneyPerToken"],
  ["$3 per 1M tokens", 3e-6, "moneyPerToken"],
  ["3.1e25 FLOP", 3.1e25, "compute"],
  ["989 TFLOP/s", 989e12, "computeRate"],
  ["1.3 EFLOP/s", 1.3e18, "computeRate"],
  ["80 GB", 80e9, "bytes"],
  ["96 GiB", 96 * 2 ** 30, "bytes"],
  ["3.35 TB/s", 3.35e12, "bandwidth"],
  ["400 Gb/s", 50e9, "bandwidth"],
  ["400 Gbps", 50e9, "bandwidth"],
  ["2 ms", 2e-3, "time"],
  ["90 days", 90 * 86400, "time"],
  ["10 years", 10 * 365.25 * 86400, "time"],
  ["15T tokens", 15e12, "tokens"],
  ["15 trillion tokens", 15e12, "tokens"],
  ["16k", 16e3, "count"],
  ["1M", 1e6, "count"],
  ["45%", 0.45, "fraction"],
  ["64 cores", 64, "count"],
  ["405 B params", 405e9, "count"],
  ["4.1 million homes", 4.1e6, "count"],
];

describe("parseQuantity", () => {
  it.each(cases)("parses %s", (text, value, kind) => {
    const q = parseQuantity(text);
    expect(q.kind).toBe(kind);
    expect(q.value).toBeCloseTo(value, 6 - Math.floor(Math.log10(Math.abs(value))));
  });

  it("keeps GB and GiB distinct", () => {
    expect(parseQuantity("1 GiB").value / parseQuantity("1 GB").value).toBeCloseTo(1.073741824, 9);
  });

  it("keeps bits and bytes per second distinct", () => {
    expect(parseQuantity("8 Gb/s").value).toBe(parseQuantity("1 GB/s").value);
  });

  it("reads a bare number in the expected kind", () => {
    expect(parseQuantity("16M", "tokens")).toEqual({ value: 16e6, kind: "tokens" });
    expect(parseQuantity("8192", "tokens")).toEqual({ value: 8192, kind: "tokens" });
    expect(parseQuantity("300B", "tokens")).toEqual({ value: 300e9, kind: "tokens" });
    expect(parseQuantity("300B").kind).toBe("bytes");
  });

  it("rejects a quantity of the wrong kind with a hint", () => {
    expect(() => parseQuantity("5 GW", "money")).toThrow(/is a power, expected a money amount/);
    try {
      parseQuantity("5 GW", "money");
    } catch (e) {
      expect((e as QuantityError).hint).toMatch(/\$5B/);
    }
  });

  it.each(["", "GW", "5 parsecs", "$5 zillion", "5 GW GW", "$3/fortnight"])("rejects %j", (text) => {
    expect(() => parseQuantity(text)).toThrow(QuantityError);
  });

  it("asks for the unit where a bare number is ambiguous", () => {
    expect(() => parseQuantity("5", "money")).toThrow(/"5" has no unit; expected a money amount/);
    expect(() => parseQuantity(5, "power")).toThrow(/has no unit/);
    expect(parseQuantity("0.9", "fraction").value).toBe(0.9);
  });

  it("rejects non-finite numbers", () => {
    expect(() => parseQuantity(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => parseQuantity("1e999 W")).toThrow(/finite/);
  });
});
