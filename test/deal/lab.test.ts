import { describe, expect, it } from "vitest";
import { economics } from "../../src/catalog/economics.js";
import { catalogDeal, evaluateDeal, labSide } from "../../src/deal/index.js";

describe("the lab's side", () => {
  const main = evaluateDeal(catalogDeal("amazon-anthropic"));
  const lab = labSide(main)!;

  it("sums the lab's spend with each provider, this deal's and its other binding deals'", () => {
    expect(lab.deals).toContain("amazon-anthropic");
    expect(lab.deals).toContain("google-anthropic");
    for (const y of lab.years) {
      const row = main.years.find((x) => x.year === y.year)!;
      expect(y.byProvider.Amazon ?? 0).toBeCloseTo(row.labSpendUsd, 0);
      expect(y.totalUsd).toBeCloseTo(
        Object.values(y.byProvider).reduce((s, v) => s + v, 0),
        0,
      );
      // The revenue needed carries the bill at the gross margin.
      expect(y.neededUsd).toBeCloseTo(y.totalUsd / (1 - lab.grossMargin.value), 0);
    }
  });

  it("revenue follows the reported run-rates, then grows to the forecast's horizon and stays flat", () => {
    const a = economics().lab("Anthropic")!;
    const y2025 = lab.years.find((y) => y.year === 2025)!;
    // Mid-2025 lies between the January ($0.875B) and August ($5B) run-rates.
    expect(y2025.revenueUsd).toBeGreaterThan(0.875e9);
    expect(y2025.revenueUsd).toBeLessThan(5e9);
    const last = lab.years.find((y) => y.year === a.revenueGrowthUntil + 2)!;
    const later = lab.years.find((y) => y.year === a.revenueGrowthUntil + 4)!;
    expect(later.revenueUsd).toBe(last.revenueUsd);
    const faster = labSide(main, { revenueGrowth: 2 })!;
    expect(faster.years.find((y) => y.year === 2028)!.revenueUsd).toBeGreaterThan(
      lab.years.find((y) => y.year === 2028)!.revenueUsd,
    );
  });

  it("a lab economics.json does not know has no side to show", () => {
    const d = catalogDeal("amazon-anthropic");
    expect(labSide(evaluateDeal({ ...d, lab: "Somelab" }))).toBeUndefined();
  });
});
