import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatMoney,
  formatQuantity,
  parseQuantity,
} from "../../src/units/index.js";

describe("formatting for people", () => {
  it("picks the prefix and digits a reader expects", () => {
    expect(formatQuantity(1.3e18, "computeRate")).toBe("1.3 EFLOP/s");
    expect(formatQuantity(85.96 / 3600, "moneyRate")).toBe("$85.96/h");
    expect(formatCount(4.1e6, "homes")).toBe("4.1 million homes");
    expect(formatCount(16384, "chips")).toBe("16,384 chips");
    expect(formatQuantity(5e9, "power")).toBe("5 GW");
    expect(formatQuantity(15e12, "tokens")).toBe("15T tokens");
    expect(formatQuantity(0.5e-6, "moneyPerToken")).toBe("$0.50/Mtok");
  });

  it("falls back to scientific notation past the largest prefix or word", () => {
    expect(formatQuantity(2.1e29, "compute")).toBe("2.1e+29 FLOP");
    expect(formatQuantity(1.5e15, "tokens")).toBe("1.5e+15 tokens");
  });

  it("formats money at every scale", () => {
    expect(formatMoney(5e9)).toBe("$5B");
    expect(formatMoney(1.25e9)).toBe("$1.25B");
    expect(formatMoney(100e9)).toBe("$100B");
    expect(formatMoney(85.96)).toBe("$85.96");
    expect(formatMoney(0.0031)).toBe("$0.0031");
    expect(formatMoney(-2.5e6)).toBe("-$2.5M");
  });

  it("keeps binary and decimal bytes apart", () => {
    expect(formatBytes(96 * 2 ** 30, { binary: true })).toBe("96 GiB");
    expect(formatBytes(80e9)).toBe("80 GB");
  });

  it("chooses a duration unit", () => {
    expect(formatDuration(0.0023)).toBe("2.3 ms");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(41 * 86400)).toBe("41 days");
  });

  it("round-trips through the parser", () => {
    for (const text of ["5 GW", "3.35 TB/s", "$5B", "15T tokens", "1.3 EFLOP/s"]) {
      const q = parseQuantity(text);
      expect(parseQuantity(formatQuantity(q.value, q.kind)).value).toBeCloseTo(
        q.value,
        -Math.log10(q.value) + 6,
      );
    }
  });
});
