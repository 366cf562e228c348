import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatMeasure,
  formatMoney,
  formatNumber,
  formatQuantity,
  formatScientific,
  formatSI,
  parseQuantity,
  type QuantityKind,
} from "../../src/units/index.js";

const KINDS: QuantityKind[] = [
  "power",
  "energy",
  "money",
  "moneyRate",
  "moneyPerToken",
  "compute",
  "computeRate",
  "bytes",
  "bandwidth",
  "time",
  "tokens",
  "count",
  "fraction",
];

describe("formatting for people", () => {
  it("picks the prefix and digits a reader expects", () => {
    expect(formatQuantity(1.3e18, "computeRate")).toBe("1.3 EFLOP/s");
    expect(formatQuantity(85.96 / 3600, "moneyRate")).toBe("$85.96/h");
    expect(formatCount(4.1e6, "homes")).toBe("4.1 million homes");
    expect(formatCount(16384, "chips")).toBe("16,384 chips");
    expect(formatQuantity(5e9, "power")).toBe("5 GW");
    expect(formatQuantity(0.5e-6, "moneyPerToken")).toBe("$0.50/M tokens");
    expect(formatQuantity(0.962, "fraction")).toBe("96.2%");
  });

  it("writes large counts in words", () => {
    expect(formatQuantity(15e12, "tokens")).toBe("15 trillion tokens");
    expect(formatQuantity(1.5e15, "tokens")).toBe("1.5 quadrillion tokens");
    expect(formatQuantity(3.1e16, "tokens")).toBe("31 quadrillion tokens");
    expect(formatCount(999.7e6)).toBe("1 billion");
    expect(formatCount(950_000)).toBe("950,000");
    expect(formatCount(255.4)).toBe("255");
    expect(formatCount(12.34)).toBe("12.3");
  });

  it("switches to scientific notation for people past the last prefix or word", () => {
    expect(formatScientific(2.1e29, 2)).toBe("2.1 × 10²⁹");
    expect(formatScientific(-6.18e-12)).toBe("-6.18 × 10⁻¹²");
    expect(formatQuantity(2.1e29, "compute")).toBe("2.1 × 10²⁹ FLOP");
    expect(formatQuantity(4.27e25, "compute")).toBe("4.3 × 10²⁵ FLOP");
    expect(formatQuantity(3e17, "compute")).toBe("300 PFLOP");
    expect(formatQuantity(1e40, "tokens")).toBe("1 × 10⁴⁰ tokens");
    expect(formatNumber(1e300)).toBe("1 × 10³⁰⁰");
    expect(formatNumber(0.00001234)).toBe("1.23 × 10⁻⁵");
    expect(formatSI(3e25, "W")).toBe("3 × 10²⁵ W");
    expect(formatSI(2e-3, "W")).toBe("2 mW");
  });

  it("formats money at every scale", () => {
    expect(formatMoney(5e9)).toBe("$5B");
    expect(formatMoney(1.25e9)).toBe("$1.25B");
    expect(formatMoney(100e9)).toBe("$100B");
    expect(formatMoney(7886.95)).toBe("$7,887");
    expect(formatMoney(15_800)).toBe("$15.8k");
    expect(formatMoney(85.96)).toBe("$85.96");
    expect(formatMoney(0.0031)).toBe("$0.0031");
    expect(formatMoney(-2.5e6)).toBe("-$2.5M");
    expect(formatMoney(0)).toBe("$0");
    expect(formatMoney(3e18)).toBe("$3 × 10¹⁸");
    expect(formatMoney(2e-9)).toBe("$2 × 10⁻⁹");
  });

  it("keeps binary and decimal bytes apart", () => {
    expect(formatBytes(96 * 2 ** 30, { binary: true })).toBe("96 GiB");
    expect(formatBytes(40960 * 2 ** 20, { binary: true })).toBe("40 GiB");
    expect(formatBytes(80e9)).toBe("80 GB");
  });

  it("chooses a duration unit, with bounds at both ends", () => {
    expect(formatDuration(0.0023)).toBe("2.3 ms");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(41 * 86400)).toBe("41 days");
    expect(formatDuration(6.18e-18)).toBe("6.18 × 10⁻¹⁸ s");
    expect(formatDuration(4e-8)).toBe("40 ns");
    expect(formatDuration(3.2e6 * 365.25 * 86400)).toBe("3.2 million years");
    expect(formatDuration(1e300)).toBe("3.17 × 10²⁹² years");
  });

  it("adds a measure's suffix", () => {
    expect(formatMeasure(56.17, { kind: "money", suffix: "/M tokens" })).toBe("$56.17/M tokens");
    expect(formatMeasure(Number.NaN, { kind: "money", suffix: "/M tokens" })).toBe("n/a");
  });

  it("never prints e-notation, NaN, Infinity or a long number, whatever the value", () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer().map((e) => 10 ** (e % 320)),
      fc.constantFrom(0, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e15 - 1, 999.95, 0.99995),
    );
    fc.assert(
      fc.property(value, fc.constantFrom(...KINDS), (v, kind) => {
        const text = formatQuantity(v, kind);
        expect(text).not.toMatch(/e[+-]?\d|NaN|Infinity|undefined/);
        expect(text.length).toBeLessThanOrEqual(28);
        if (Number.isFinite(v)) expect(text).not.toBe("n/a");
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips through the parser", () => {
    for (const text of ["5 GW", "3.35 TB/s", "$5B", "15T tokens", "1.3 EFLOP/s", "$7,887"]) {
      const q = parseQuantity(text);
      expect(parseQuantity(formatQuantity(q.value, q.kind)).value).toBeCloseTo(
        q.value,
        -Math.log10(q.value) + 6,
      );
    }
  });
});
