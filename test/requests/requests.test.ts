/**
 * The request layer: one schema per command read the same way from CLI flags and HTTP bodies,
 * quantities through src/units with one rule for bare numbers, conflicts refused, bounds named,
 * and engine errors placed at the field that set the option.
 */
import { describe, expect, it } from "vitest";
import { capacity } from "../../src/capacity/index.js";
import { catalog } from "../../src/catalog/catalog.js";
import { InputError } from "../../src/errors.js";
import {
  body,
  CAPACITY_NAMES,
  CapacityRequest,
  capacityOptions,
  DealRequest,
  flags,
  inEngineSync,
  RunRequest,
  readRequest,
  ServeRequest,
  TrainRequest,
  trainPlan,
} from "../../src/requests/index.js";
import { estimateTraining } from "../../src/train/estimate.js";

/** The InputError `f` throws. */
function error(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error");
}

const gpt3 = { model: "gpt3-175b", system: "p5.48xlarge", chips: "1024", seq: "2048", batch: "1536 seqs" };

describe("train --price", () => {
  it("is dollars per chip-hour: the run's cost is its chip-hours times the price", () => {
    const r = readRequest(
      TrainRequest,
      { ...gpt3, tp: "8", pp: "8", tokens: "300B", price: "$2.5/h" },
      flags(),
    );
    const plan = trainPlan(r, catalog());
    expect(plan.kind).toBe("estimate");
    const run = estimateTraining(plan.options as Parameters<typeof estimateTraining>[0]).run!;
    expect(run.costUsd! / run.chipHours).toBeCloseTo(2.5, 9);
    // The same price written per second or per year means the same.
    const perSecond = trainPlan(
      readRequest(TrainRequest, { ...gpt3, price: "$0.000694444/s" }, body),
      catalog(),
    );
    expect(perSecond.options.pricePerChipHour).toBeCloseTo(2.5, 3);
  });
});

describe("one vocabulary for flags and bodies", () => {
  it("reads the same values from text and from JSON numbers", () => {
    const a = readRequest(TrainRequest, gpt3, flags());
    const b = readRequest(TrainRequest, { ...gpt3, chips: 1024, seq: 2048 }, body);
    expect(b).toEqual(a);
    expect(readRequest(TrainRequest, { ...gpt3, chips: "16k" }, flags()).chips).toBe(16_000);
  });

  it("a bare number stands only for counts, tokens and fractions", () => {
    for (const front of [flags(), body]) {
      expect(error(() => readRequest(CapacityRequest, { power: "5", chip: "trn2" }, front)).message).toMatch(
        /no unit/,
      );
      const price = error(() =>
        readRequest(CapacityRequest, { power: "5GW", chip: "trn2", electricityPrice: "0.08" }, front),
      );
      expect(price.message).toMatch(/no unit; expected a price of energy/);
      expect(price.location).toBe(front === body ? "body.electricityPrice" : "--electricity-price");
    }
    const ok = readRequest(
      CapacityRequest,
      { power: "5GW", chip: "trn2", electricityPrice: "$80/MWh" },
      body,
    );
    expect(ok.electricityPrice).toBeCloseTo(0.08 / 3.6e6, 15);
  });

  it("facility capex is money per power, never a bare amount", () => {
    const e = error(() =>
      readRequest(CapacityRequest, { power: "5GW", chip: "trn2", facilityCapex: "$11.7M" }, flags()),
    );
    expect(e.toLine()).toMatch(
      /^--facility-capex: "\$11.7M" is a money amount, expected a cost per unit of power/,
    );
    const r = readRequest(
      CapacityRequest,
      { power: "5GW", chip: "trn2", facilityCapex: "$11.7M/MW" },
      flags(),
    );
    expect(r.facilityCapex).toBeCloseTo(11.7, 9);
  });

  it("a rate of 8 is not 800%", () => {
    const e = error(() =>
      readRequest(DealRequest, { deal: "amazon-anthropic", discountRate: "8" }, flags({ deal: "DEAL" })),
    );
    expect(e.location).toBe("--discount-rate");
    expect(e.hint).toMatch(/8%/);
    expect(
      readRequest(DealRequest, { deal: "amazon-anthropic", discountRate: "8%" }, body).discountRate,
    ).toBe(0.08);
  });
});

describe("conflicting fields are refused", () => {
  const cases: [
    string,
    typeof TrainRequest | typeof CapacityRequest | typeof ServeRequest | typeof DealRequest,
    Record<string, unknown>,
    string,
  ][] = [
    ["batch and batchSeqs", TrainRequest, { ...gpt3, batchSeqs: 1536 }, "batchSeqs"],
    ["chips and maxChips", TrainRequest, { ...gpt3, maxChips: 4096 }, "maxChips"],
    ["chip and mix", CapacityRequest, { power: "5GW", chip: "trn2", mix: "trainium2:1" }, "mix"],
    ["tdp and mix", CapacityRequest, { power: "5GW", mix: "trainium2:1", tdp: "500W" }, "tdp"],
    ["power and chips", CapacityRequest, { power: "5GW", chips: "1M", chip: "trn2" }, "chips"],
    [
      "batch and rate",
      ServeRequest,
      { model: "llama-3.1-8b", system: "h200", input: 100, output: 10, batch: 8, rate: 5 },
      "rate",
    ],
    [
      "search and compare",
      ServeRequest,
      { model: "llama-3.1-8b", system: "h200", input: 100, output: 10, search: true, compare: "h100" },
      "search",
    ],
    ["deal and compare", DealRequest, { deal: "amazon-anthropic", compare: ["microsoft-openai"] }, "compare"],
  ];
  it.each(cases)("%s", (_name, schema, raw, second) => {
    const e = error(() => readRequest(schema, raw, body));
    expect(e.location).toBe(`body.${second}`);
    expect(e.message).toMatch(/not both|does not go with/);
  });
});

describe("bounds name the limit and why", () => {
  it.each([
    [TrainRequest, { ...gpt3, chips: "1e9" }, "body.chips", /16,777,216/],
    [TrainRequest, { ...gpt3, chips: 2 ** 53 + 2 }, "body.chips", /above/],
    [
      TrainRequest,
      { ...gpt3, chips: undefined, chipCounts: Array.from({ length: 300 }, (_, i) => i + 1) },
      "body.chipCounts",
      /256/,
    ],
    [CapacityRequest, { power: "1e308W", chip: "trn2" }, "body.power", /world/],
    [RunRequest, { samples: "1e9" }, "body.samples", /1,000,000/],
    [
      ServeRequest,
      {
        model: "llama-3.1-8b",
        system: "h200",
        input: 100,
        output: 10,
        simulate: true,
        rate: "1e5",
        duration: "1h",
      },
      "body.duration",
      /simulated requests/,
    ],
  ] as const)("%#", (schema, raw, location, message) => {
    const e = error(() => readRequest(schema, raw, body));
    expect(e.location).toBe(location);
    expect(`${e.message} ${e.hint}`).toMatch(message);
  });
});

describe("engine errors are placed at the field that set the option", () => {
  it("capacity's averageLoad is --load, or body.load", () => {
    const r = readRequest(CapacityRequest, { power: "5GW", chip: "trn2", load: "0.7" }, flags());
    const opts = { ...capacityOptions(r, catalog()), averageLoad: -1 };
    expect(error(() => inEngineSync(() => capacity(opts), flags(), CAPACITY_NAMES)).location).toBe("--load");
    expect(error(() => inEngineSync(() => capacity(opts), body, CAPACITY_NAMES)).location).toBe("body.load");
  });

  it("a long bad value is echoed at most about 80 characters", () => {
    const e = error(() =>
      readRequest(CapacityRequest, { power: `${"9".repeat(5000)} GB`, chip: "trn2" }, body),
    );
    expect(e.toLine().length).toBeLessThan(300);
  });
});
