import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capacity, capitalRecoveryFactor } from "../../src/capacity/index.js";
import { InputError } from "../../src/errors.js";
import { capacityReport } from "../../src/report/capacity.js";
import { render } from "../../src/report/document.js";
import { testCatalog } from "./fixtures.js";

const trn2 = testCatalog.chip("trainium2");
const trn3 = testCatalog.chip("trainium3");

describe("capacity", () => {
  it("5 GW all year is about 4.1 million US homes at EIA's 10,715 kWh, with arithmetic and source", () => {
    const r = capacity({ powerW: 5e9, chip: trn2 });
    expect(r.homesUSAtFullPower.value / 1e6).toBeCloseTo(4.09, 1);
    expect(r.homesUSAtFullPower.formula).toContain("10,715 kWh");
    expect(r.homesUS.sources).toContain("eia-homes");
    // The fleet draws its average load of the full-load power it is built for.
    const load = r.inputs.averageLoad!.value;
    expect(r.homesUS.value / r.homesUSAtFullPower.value).toBeCloseTo(load, 2);
    expect(r.homesEU.value / 1e6).toBeCloseTo(12.17 * load, 0);
  });

  it("sizes chips from (TDP + overhead) x PUE at full load, and back", () => {
    const r = capacity({ powerW: 1e9, chip: trn2, averageLoad: 0.75, pue: 1.2, serverOverheadW: 400 });
    const perChip = (500 + 400) * 1.2;
    expect(r.averagePower.value).toBeCloseTo(r.chips.value * perChip * 0.75, 0);
    expect(r.chips.value).toBe(Math.floor(1e9 / perChip));
    const back = capacity({
      chips: r.chips.value,
      chip: trn2,
      averageLoad: 0.75,
      pue: 1.2,
      serverOverheadW: 400,
    });
    expect(back.power.value).toBeLessThanOrEqual(1e9);
    expect(back.power.value).toBeGreaterThan(1e9 - perChip);
  });

  it("splits a mix by power share and sums FLOP/s and HBM", () => {
    const r = capacity({
      powerW: 2e9,
      mix: [
        { chip: trn2, share: 0.6 },
        { chip: trn3, share: 0.4 },
      ],
    });
    expect(r.generations[0]!.power.value).toBeCloseTo(1.2e9);
    const bf16 = r.generations.reduce((s, g) => s + g.chips.value * g.unit.chip.peakFlops.bf16!, 0);
    expect(r.peakFlops.bf16!.value).toBeCloseTo(bf16, -6);
    expect(r.deliveredFlops.bf16!.value).toBeCloseTo(bf16 * r.inputs.mfu!.value, -6);
  });

  it("costs add up: capex lines, yearly lines, TCO per chip-hour", () => {
    const r = capacity({ chips: 1000, chip: testCatalog.chip("h100-sxm") });
    const c = r.capex;
    expect(c.total.value).toBeCloseTo(
      c.accelerators.value + c.servers.value + c.network.value + c.facility.value,
      0,
    );
    expect(c.accelerators.value).toBeCloseTo(1000 * 33750, 0);
    const y = r.perYear;
    expect(y.total.value).toBeCloseTo(
      y.electricity.value + y.opex.value + y.depreciation.value + y.costOfCapital.value,
      0,
    );
    expect(r.tcoPerChipHour.value).toBeCloseTo(y.total.value / (1000 * 8766), 6);
  });

  it("a zero cost of capital leaves depreciation alone", () => {
    const r = capacity({ chips: 10, chip: trn2, costOfCapital: 0 });
    expect(r.perYear.costOfCapital.value).toBeCloseTo(0, 6);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (rate, n) => {
          // An annuity repays at least the principal.
          return capitalRecoveryFactor(rate, n) * n >= 1 - 1e-12;
        },
      ),
    );
  });

  it("more PUE never fits more chips", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (pue, d) => {
          const a = capacity({ powerW: 1e8, chip: trn2, pue });
          const b = capacity({ powerW: 1e8, chip: trn2, pue: pue + d });
          return b.chips.value <= a.chips.value;
        },
      ),
      { numRuns: 50 },
    );
  });

  it("bad input is an InputError with its location", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return e as InputError;
      }
      throw new Error("no error");
    };
    expect(err(() => capacity({ powerW: -1, chip: trn2 })).location).toBe("power");
    expect(err(() => capacity({ chip: trn2 })).location).toBe("power");
    expect(err(() => capacity({ powerW: 1e9, chip: testCatalog.chip("trainium4") })).message).toMatch(
      /no TDP/,
    );
    expect(
      err(() =>
        capacity({
          powerW: 1e9,
          mix: [
            { chip: trn2, share: 0.6 },
            { chip: trn3, share: 0.6 },
          ],
        }),
      ).location,
    ).toBe("mix");
    expect(err(() => capacity({ powerW: 1e9, chip: trn2, pue: 0.5 })).location).toBe("pue");
    expect(err(() => capacity({ powerW: 1e9, chip: trn2, electricityUsdPerJ: -1 })).location).toBe(
      "electricityUsdPerJ",
    );
  });

  it("renders in every format with cloud prices beside the TCO", () => {
    const r = capacity({ powerW: 5e9, chip: trn2, catalog: testCatalog });
    const doc = capacityReport(r);
    expect(render(doc, "text")).toContain("trn2.48xlarge on-demand");
    expect(JSON.parse(render(doc, "json")).schema).toBe("gigawatt/capacity@1");
    expect(render(doc, "csv")).toContain("output,arithmetic,sources");
    expect(render(doc, "md")).toContain("## Fleet");
  });
});
