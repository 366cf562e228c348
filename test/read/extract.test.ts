/** Synthetic sentences for each kind of quantity, hedge, number word, unit spelling and date form. */
import { describe, expect, it } from "vitest";
import { dateMentions } from "../../src/read/dates.js";
import { readReports } from "../../src/read/index.js";
import { quantityMentions } from "../../src/read/mentions.js";
import { readAmount } from "../../src/read/numbers.js";

const one = (sentence: string) => {
  const ms = quantityMentions(sentence);
  expect(ms, sentence).toHaveLength(1);
  return ms[0]!;
};
const claims = (text: string) => readReports([{ file: "t.txt", text }]).claims;

describe("numbers", () => {
  it.each([
    ["1,250", 1250],
    ["1.25 billion", 1.25e9],
    ["twenty-five", 25],
    ["five million", 5e6],
    ["a billion", 1e9],
    ["half a million", 5e5],
    ["three hundred", 300],
    ["5bn", 5e9],
    ["5 B", 5e9],
  ])("%s is %d", (text, value) => expect(readAmount(text)).toEqual({ value }));

  it.each([
    ["several million", 3e6, 9e6],
    ["billions", 2e9, 999e9],
    ["tens of billions", 1e10, 99e9],
    ["tens to hundreds of millions", 1e7, 999e6],
  ])("%s is a range", (text, low, high) => expect(readAmount(text)).toEqual({ low, high }));

  it("is not read from words that are not numbers", () => expect(readAmount("many things")).toBeUndefined());
});

describe("money", () => {
  it.each([
    ["Amazon invests $5 billion.", 5e9],
    ["Amazon invests $5B.", 5e9],
    ["Amazon invests $5bn.", 5e9],
    ["Amazon invests US$5 billion.", 5e9],
    ["Amazon invests five billion dollars.", 5e9],
    ["Amazon invests $1.25 billion.", 1.25e9],
    ["Amazon invests USD 5 billion.", 5e9],
  ])("reads money, case %#", (s, v) => {
    const m = one(s);
    expect(m.kind).toBe("money");
    expect(m.value).toBeCloseTo(v);
  });

  it("reads a range written with a dash or 'to'", () => {
    expect(one("It costs $20-25 billion.")).toMatchObject({ low: 20e9, high: 25e9, hedge: "range" });
    expect(one("It costs $20 billion to $25 billion.")).toMatchObject({ low: 20e9, high: 25e9 });
    expect(one("It costs between $20B and $25B.")).toMatchObject({ low: 20e9, high: 25e9, hedge: "range" });
  });

  it("reads amounts a year and per gigawatt as rates", () => {
    expect(one("Oracle gets $30 billion a year.")).toMatchObject({
      kind: "moneyRate",
      unit: "USD/year",
      value: 30e9,
    });
    expect(one("A site costs $35 billion per gigawatt.")).toMatchObject({ kind: "moneyRate", unit: "USD/W" });
  });

  it("reads vague plural money only where money is meant", () => {
    expect(one("It needs billions of dollars in chips.")).toMatchObject({
      low: 2e9,
      high: 999e9,
      vague: true,
    });
    expect(quantityMentions("AWS has millions of enterprise customers.")).toEqual([]);
  });
});

describe("hedges", () => {
  it.each([
    ["Amazon will invest up to $25 billion.", "ceiling"],
    ["Amazon will invest as much as $25 billion.", "ceiling"],
    ["Anthropic will spend more than $100 billion.", "floor"],
    ["Anthropic will spend over $100 billion.", "floor"],
    ["Anthropic was valued at upwards of $800 billion.", "floor"],
    ["Anthropic will spend $100 billion or more.", "floor"],
    ["The site draws about 1 GW.", "approximate"],
    ["The site draws roughly 1 GW.", "approximate"],
    ["The site draws nearly 1 GW.", "approximate"],
    ["The site draws 1 GW.", "exact"],
    ["Amazon has an option to increase its total investment to a staggering $25 billion.", "ceiling"],
  ])("reads hedges, case %#", (s, hedge) => expect(one(s).hedge).toBe(hedge));

  it("keeps the hedge in the text", () =>
    expect(one("Amazon will invest up to $25 billion.").text).toBe("up to $25 billion"));

  it("reads 'over' before a duration as a span, not a floor", () =>
    expect(one("Anthropic spends it over the next decade.")).toMatchObject({ kind: "time", hedge: "exact" }));
});

describe("power, energy, homes, equivalents, chips, shares", () => {
  it.each([
    ["It secures 5 GW.", 5e9],
    ["It secures 5 gigawatts.", 5e9],
    ["It secures five gigawatts.", 5e9],
    ["It secures a gigawatt.", 1e9],
    ["It secures 500 MW.", 5e8],
  ])("%s", (s, w) => expect(one(s)).toMatchObject({ kind: "power", value: w }));

  it("reads power ranges", () => expect(one("It needs 3-5 GW.")).toMatchObject({ low: 3e9, high: 5e9 }));

  it("reads energy in TWh and GW-years", () => {
    expect(one("It uses 43.8 TWh.")).toMatchObject({ kind: "energy", value: 43.8e12 * 3600 });
    expect(one("It uses 5 GW-years.").kind).toBe("energy");
  });

  it("reads homes, with several as 3 to 9 and ranges between two numbers", () => {
    expect(one("That is 4 million homes.")).toMatchObject({ kind: "homes", value: 4e6, noun: "US" });
    expect(one("That is several million homes.")).toMatchObject({ low: 3e6, high: 9e6, hedge: "range" });
    expect(one("It could power between 750,000 and 2 million homes.")).toMatchObject({
      low: 750_000,
      high: 2e6,
      hedge: "range",
    });
    expect(one("That is 12 million European households.").noun).toBe("EU");
  });

  it("reads equivalents", () => {
    expect(one("That is more than two Hoover Dams.")).toMatchObject({
      kind: "equivalent",
      noun: "dams",
      value: 2,
    });
    expect(one("That is several large data centers.")).toMatchObject({
      noun: "datacenters",
      low: 3,
      high: 9,
    });
    expect(one("That is five nuclear reactors.").noun).toBe("reactors");
  });

  it("reads chip counts and shares", () => {
    expect(one("It runs on 1 million Trainium2 chips.")).toMatchObject({ kind: "chips", value: 1e6 });
    expect(one("It runs on hundreds of thousands of GPUs.")).toMatchObject({ low: 1e5, high: 999e3 });
    expect(one("A warrant for up to 160 million shares.")).toMatchObject({
      kind: "shares",
      hedge: "ceiling",
    });
    expect(one("Google owns 14% of Anthropic.")).toMatchObject({ kind: "fraction", value: 0.14 });
  });

  it("reads durations", () => {
    expect(one("It runs ten years.").value).toBeCloseTo(10 * 365.25 * 86400);
    expect(one("A 10-year deal.").value).toBeCloseTo(10 * 365.25 * 86400);
    expect(one("It runs a decade.").value).toBeCloseTo(10 * 365.25 * 86400);
  });

  it("does not read names with digits as quantities", () =>
    expect(quantityMentions("Trainium3 and GPT-5 beat H100s and Claude 4.")).toEqual([]));
});

describe("dates", () => {
  const ref = { year: 2026, month: 4 };
  it.each([
    ["It launched in September 2023.", "2023-09"],
    ["It launched on September 25, 2023.", "2023-09-25"],
    ["It launched on Sept. 25, 2023.", "2023-09-25"],
    ["It launched on 2023-09-25.", "2023-09-25"],
    ["It launched in 2023, then grew.", "2023"],
    ["Early 2023: it launched.", "2023"],
    ["It comes in H2 2026.", "2026"],
    ["It comes by the end of 2026.", "2026"],
  ])("%s -> %s", (s, date) => {
    const ds = dateMentions(s, ref);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.date).toBe(date);
  });

  it("places a month without a year before the report's date, or after it in future tense", () => {
    expect(dateMentions("It was released in December.", ref)[0]!.date).toBe("2025-12");
    expect(dateMentions("It was released in March.", ref)[0]!.date).toBe("2026-03");
    expect(dateMentions("It will ship in December.", ref)[0]!.date).toBe("2026-12");
  });

  it("ignores weekdays and relative words", () =>
    expect(dateMentions("On Monday, now and today.", ref)).toEqual([]));
});

describe("what a number is about", () => {
  const about = (text: string) => claims(text).map((c) => c.about);
  it("reads deal terms from their words", () => {
    expect(about("Amazon invests $5 billion in Anthropic.")).toEqual(["deal.tranches[].amount"]);
    expect(about("Amazon’s total investment in Anthropic is $13 billion.")).toEqual(["deal.investment"]);
    expect(about("Anthropic commits to spending over $100 billion on AWS.")).toEqual([
      "deal.commitments[].amount",
    ]);
    expect(about("Amazon invests up to $25 billion in Anthropic.")).toEqual([
      "deal.latestRoundWithMilestones",
    ]);
    expect(about("Amazon valued Anthropic at $380 billion.")).toEqual(["deal.tranches[].valuation"]);
    expect(about("Anthropic secures 5 GW from Amazon.")).toEqual(["capacity.power"]);
    expect(about("Trainium3 was released in December 2025.")).toEqual(["chips.trainium3.available"]);
  });

  it("reads two ceilings of one investor as the round and its part paid now, of two investors as two tranches", () => {
    expect(
      about(
        "Amazon will invest up to $4 billion in Anthropic, with an option to increase its total investment to $25 billion.",
      ),
    ).toEqual(["deal.tranches[].amount", "deal.latestRoundWithMilestones"]);
    expect(
      about("NVIDIA will invest up to $10 billion in Anthropic and Microsoft up to $5 billion."),
    ).toEqual(["deal.tranches[].amount", "deal.tranches[].amount"]);
  });

  it("names another catalog deal when the sentence is about another lab", () => {
    const [c] = claims(
      "Anthropic takes $5 billion from Amazon. Amazon contributed $50 billion to OpenAI in February 2026.",
    ).filter((x) => x.kind === "money" && x.value === 50e9);
    expect(c!.about).toBe("deals.amazon-openai.latestRoundWithMilestones");
    expect(c!.verdict).toBe("holds");
  });
});

describe("checks", () => {
  it("checks homes at EIA's figure and the report's own power", () => {
    const [, homes] = claims("To put 5 GW into perspective, it is equivalent to several million homes.");
    expect(homes!.verdict).toBe("holds");
    expect(homes!.computation).toContain("10,715 kWh");
    expect(homes!.sources).toContain("eia-homes");
  });

  it("contradicts a wrong chip date", () => {
    const [c] = claims("December 2023: Amazon releases its latest AI accelerator chip, Trainium3.");
    expect(c).toMatchObject({ verdict: "contradicted", off: 24 });
  });

  it("checks the report's own sums and products", () => {
    const sum = claims("Amazon gave $10 billion and then $5 billion, a total of $16 billion.").at(-1)!;
    expect(sum.verdict).toBe("off");
    expect(sum.computation).toContain("$10B + $5B");
    const product = claims("Oracle gets $30 billion a year for five years, the $300 billion contract.")[0]!;
    expect(product.verdict).toBe("contradicted");
    expect(product.computation).toContain("$150B");
  });

  it("checks dams against the sourced Hoover Dam", () => {
    const [, dams] = claims("Oracle will supply 4.5 gigawatts, the output of more than two Hoover Dams.");
    expect(dams).toMatchObject({ about: "equivalent.dams", verdict: "holds" });
  });

  it("derives the implied price per GW-year and checks it against the catalog's other deals", () => {
    const cs = claims(
      "Anthropic committed to spending over $100 billion on AWS over the next decade, securing up to 5 gigawatts from Amazon.",
    );
    const price = cs.find((c) => c.derived)!;
    expect(price).toMatchObject({ about: "deal.pricePerGwYear", hedge: "floor", verdict: "holds" });
    expect(price.value).toBeCloseTo(2); // US$ per W-year: $2B per GW-year
    expect(price.computation).toContain("other deals imply");
  });

  it("leaves unchecked what it cannot check, and says why", () => {
    const [c] = claims("Training a model can cost tens to hundreds of millions of dollars.");
    expect(c).toMatchObject({ about: "training.cost", verdict: "unchecked" });
    expect(c!.computation).not.toBe("");
  });
});
