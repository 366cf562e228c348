import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/catalog.js";
import { checkClaims } from "../../src/scenario/claims.js";
import { Claim } from "../../src/scenario/schema.js";

const src = { s: { title: "t", address: "a", date: "2025" } };
const cat = new Catalog({
  chips: {
    sources: src,
    chips: [
      {
        id: "chipx",
        name: "Chip X",
        vendor: "V",
        family: "f",
        kind: "accelerator",
        available: { value: "2025-12", sources: ["s"] },
      },
    ],
  },
  systems: { sources: {}, systems: [] },
  models: { sources: {}, models: [] },
});

const claim = (c: object) => Claim.parse({ id: "c", text: "t", sources: ["r"], ...c });

describe("claims", () => {
  it("hold within tolerance of an output", () => {
    const [r] = checkClaims(
      [claim({ output: "deal.total", expected: "$13B" })],
      { "deal.total": { value: 13e9 } },
      cat,
    );
    expect(r!.verdict).toBe("holds");
    expect(r!.computation).toMatch(/deal\.total = \$13B; claim: \$13B/);
  });

  it("are off, or contradicted, by how much", () => {
    const outs = { x: { value: 11e9 } };
    expect(checkClaims([claim({ output: "x", expected: "$13B" })], outs, cat)[0]).toMatchObject({
      verdict: "off",
    });
    expect(checkClaims([claim({ output: "x", expected: "$25B" })], outs, cat)[0]).toMatchObject({
      verdict: "contradicted",
    });
    expect(checkClaims([claim({ output: "x", expected: "$13B" })], outs, cat)[0]!.computation).toMatch(
      /off by -15%/,
    );
  });

  it("check ranges such as 'several million homes'", () => {
    const c = claim({ output: "homes", expected: { low: "3M", high: "9M" } });
    expect(checkClaims([c], { homes: { value: 4.1e6 } }, cat)[0]!.verdict).toBe("holds");
    expect(checkClaims([c], { homes: { value: 1e6 } }, cat)[0]!.verdict).toBe("contradicted");
  });

  it("check dates against the catalog", () => {
    const [r] = checkClaims([claim({ catalog: "chipx.available", expected: "2023-12" })], {}, cat);
    expect(r!.verdict).toBe("contradicted");
    expect(r!.computation).toMatch(/off by 2 years/);
    expect(checkClaims([claim({ catalog: "chipx.available", expected: "2025" })], {}, cat)[0]!.verdict).toBe(
      "holds",
    );
  });

  it("say when they cannot be checked", () => {
    expect(checkClaims([claim({ output: "nothing", expected: "1" })], {}, cat)[0]!.verdict).toBe("unchecked");
  });
});
