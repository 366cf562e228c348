import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealsCatalog } from "../../src/catalog/deals.js";
import { catalogDeal, compareDeals, type Deal, evaluateDeal, irr, npv } from "../../src/deal/index.js";
import { InputError } from "../../src/errors.js";
import { dealReport, dealsCompareReport } from "../../src/report/deal.js";
import { render } from "../../src/report/document.js";
import { testCatalog } from "../capacity/fixtures.js";

const base = (): Deal => ({
  id: "t",
  name: "test",
  lab: "Lab",
  provider: "Cloud",
  investor: "Cloud",
  providerRole: "cloud",
  startYear: 2026,
  endYear: 2030,
  tranches: [
    { date: "2026-03-01", amountUsd: 5e9, contingent: false, postMoneyUsd: 100e9, sources: ["s"] },
    { date: "2028-06-01", amountUsd: 10e9, contingent: true, sources: ["s"] },
  ],
  commitments: [
    { amountUsd: 50e9, startYear: 2026, years: 5, shape: "follow-capacity", takeOrPay: 1, sources: ["s"] },
  ],
  committedPowerW: 2e9,
  ramp: [
    { date: "2026-06-30", powerW: 0.5e9, chip: "trainium2", sources: ["s"] },
    { date: "2027-12-31", powerW: 2e9, chip: "trainium3", sources: ["s"] },
  ],
  options: [],
  pricing: { basis: "commitment" },
  notes: [],
});
const opts = { catalog: testCatalog, trainingShare: 0.5 };

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("no error");
}

describe("evaluateDeal", () => {
  it("pays the commitment, follows the ramp, and counts chips by generation", () => {
    const r = evaluateDeal(base(), opts);
    expect(r.totals.labSpend.value).toBeCloseTo(50e9, 0);
    const last = r.years.at(-1)!;
    expect(last.powerW).toBeCloseTo(2e9, 0);
    expect(last.chips.trainium2).toBeGreaterThan(0);
    expect(last.chips.trainium3).toBeGreaterThan(0);
    expect(r.totals.investment.value).toBe(5e9);
    expect(r.totals.contingentInvestment.value).toBe(10e9);
    expect(r.totals.stake.value).toBeCloseTo(0.05);
    expect(r.totals.circularity.value).toBeCloseTo(10);
    expect(evaluateDeal(base(), { ...opts, includeContingent: true }).totals.circularity.value).toBeCloseTo(
      50 / 15,
    );
  });

  it("conserves money in every flow (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom("flat", "linear", "follow-capacity" as const),
        fc.double({ min: 0.1e9, max: 5e9, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 20e9, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 30e9, noNaN: true }),
        (amount, takeOrPay, shape, power, gwPrice, tranche) => {
          const d = base();
          d.commitments = [{ amountUsd: amount, startYear: 2026, years: 5, shape, takeOrPay, sources: [] }];
          d.committedPowerW = power;
          d.ramp = [
            { date: "2026-06-30", powerW: power / 2, chip: "trainium2", sources: [] },
            { date: "2028-12-31", powerW: power, chip: "trainium3", sources: [] },
          ];
          d.tranches[0]!.amountUsd = tranche;
          d.tranches[0]!.postMoneyUsd = undefined;
          if (gwPrice !== undefined)
            d.pricing = {
              basis: "gw-year",
              usdPerWYear: gwPrice / 1e9,
              declinePerGeneration: 0.2,
              sources: [],
            };
          const r = evaluateDeal(d, opts);
          let cumSpend = 0;
          for (const y of r.years) {
            // The lab's spend is the provider's revenue; revenue = cost + margin; the floor is paid.
            expect(y.providerRevenueUsd).toBe(y.labSpendUsd);
            expect(y.providerRevenueUsd - y.providerCostUsd).toBeCloseTo(y.providerMarginUsd, 0);
            expect(y.labSpendUsd).toBeGreaterThanOrEqual(takeOrPay * y.scheduledUsd - 1);
            // What the investor pays out is what the lab receives; with every party and the
            // outside suppliers (the provider's costs) counted, flows sum to zero.
            const lab = y.investorOutUsd - y.labSpendUsd;
            const provider = y.providerRevenueUsd - y.providerCostUsd - y.investorOutUsd;
            const suppliers = y.providerCostUsd;
            expect(lab + provider + suppliers).toBeCloseTo(0, -1);
            cumSpend += y.labSpendUsd;
            expect(y.cumulative.labSpendUsd).toBeCloseTo(cumSpend, -1);
          }
          expect(r.totals.labSpend.value).toBeCloseTo(cumSpend, -1);
          expect(r.totals.investment.value).toBeCloseTo(
            r.years.reduce((s, y) => s + y.investorOutUsd, 0),
            -1,
          );
          if (gwPrice === undefined) expect(r.totals.labSpend.value).toBeCloseTo(amount, -1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("bad input gets an InputError at its field", () => {
    const ramp = base();
    ramp.ramp.push({ date: "2029-01-01", powerW: 3e9, chip: "trainium3", sources: [] });
    expect(inputError(() => evaluateDeal(ramp, opts)).location).toBe("deal.ramp[2].power");
    const late = base();
    late.tranches.push({ date: "2031-01-01", amountUsd: 1e9, contingent: false, sources: [] });
    expect(inputError(() => evaluateDeal(late, opts)).location).toBe("deal.tranches[2].date");
    const price = base();
    price.pricing = { basis: "gw-year", usdPerWYear: -1, declinePerGeneration: 0, sources: [] };
    expect(inputError(() => evaluateDeal(price, opts)).location).toBe("deal.pricing.perGwYear");
    const chip = base();
    chip.ramp[1]!.chip = "trainium9";
    const e = inputError(() => evaluateDeal(chip, opts));
    expect(e.location).toBe("deal.ramp[1].chip");
    expect(e.message).toContain("trainium9");
    const tdp = base();
    tdp.options = [{ chip: "trainium4", from: "2027-01", exercised: true, sources: [] }];
    expect(inputError(() => evaluateDeal(tdp, opts)).message).toMatch(/no TDP/);
    tdp.options[0]!.tdpW = 1200;
    expect(evaluateDeal(tdp, opts).years.at(-1)!.chips.trainium4).toBeGreaterThan(0);
    expect(
      inputError(() => evaluateDeal(base(), { ...opts, location: "amazon-anthropic", frontierRun: "nope" }))
        .location,
    ).toBe("amazon-anthropic.frontierRun");
  });

  it("NPV and IRR agree", () => {
    const flows = [-100, 30, 40, 50, 20];
    const r = irr(flows)!;
    expect(npv(flows, r)).toBeCloseTo(0, 6);
    expect(irr([1, 2, 3])).toBeUndefined();
  });
});

describe("the deals catalog", () => {
  const ids = dealsCatalog().file.deals.map((d) => d.id);

  it("lists the deals the issue names, every source id defined", () => {
    for (const id of [
      "amazon-anthropic",
      "amazon-openai",
      "microsoft-openai",
      "google-anthropic",
      "microsoft-nvidia-anthropic",
      "oracle-openai",
      "nvidia-openai",
      "amd-openai",
    ])
      expect(ids).toContain(id);
    const known = new Set(Object.keys(dealsCatalog().file.sources));
    const used = JSON.stringify(dealsCatalog().file.deals).match(/"sources":\[[^\]]*\]/g) ?? [];
    for (const u of used)
      for (const s of JSON.parse(`{${u}}`).sources as string[]) expect(known.has(s), s).toBe(true);
  });

  it("the Amazon-Anthropic entry keeps the seed reports' disagreements", () => {
    const e = dealsCatalog().deal("amazon-anthropic");
    const t2026 = e.tranches.find((t) => t.date === "2026-04-20")!;
    expect(t2026.amount.value).toBe(5);
    expect(t2026.amount.alternatives?.some((a) => a.sources.includes("seed-004"))).toBe(true);
    expect(e.tranches.find((t) => t.contingent)?.amount.alternatives?.[0]?.value).toBe(25);
    expect(dealsCatalog().file.sources["seed-003"]!.address).toBe("shared/seeds/003_cb7b5c6548dad0a3.txt");
  });

  it("every catalog deal evaluates with the shipped catalog, and compares", () => {
    const c = compareDeals(ids.map((id) => catalogDeal(id)));
    expect(c.results).toHaveLength(ids.length);
    const anthropic = c.byLab.find((a) => a.party === "Anthropic")!;
    expect(anthropic.committedPowerW).toBeGreaterThan(5e9);
    const doc = dealsCompareReport(c);
    for (const f of ["text", "md", "csv", "json"] as const)
      expect(render(doc, f).length).toBeGreaterThan(100);
    const one = dealReport(c.results[0]!);
    expect(JSON.parse(render(one, "json")).schema).toBe("gigawatt/deal@1");
  });
});
