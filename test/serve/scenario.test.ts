import { describe, expect, it } from "vitest";
import { ServingSection, servingOptions } from "../../src/scenario/sections/serving.js";
import { estimateServing } from "../../src/serve/estimate.js";
import { small, system } from "./fixtures.js";

describe("the serving: section of scenarios", () => {
  it("parses quantities and feeds estimateServing", () => {
    const s = ServingSection.parse({
      weights: "fp8",
      input: "2k",
      output: { low: 100, high: 300 },
      rate: 2,
      slo: { ttft: "2 s", tpot: "100 ms" },
      simulate: { duration: "10 min" },
    });
    expect(s.slo!.tpot).toBeCloseTo(0.1);
    expect(s.simulate!.duration).toBe(600);
    const o = servingOptions(s, { model: small(), system: system(), chips: 1 });
    const e = estimateServing(o);
    expect(e.input).toBe(2000);
    expect(e.output).toBe(200);
    expect(e.throughput.requestsPerS).toBeCloseTo(2, 3);
  });

  it("rejects precisions that are not serving formats, with the field", () => {
    const r = ServingSection.safeParse({ weights: "fp32", input: 10, output: 10 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["weights"]);
  });
});
