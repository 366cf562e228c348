import { describe, expect, it } from "vitest";
import { catalog, si } from "../../src/catalog/catalog.js";
import { InputError } from "../../src/errors.js";
import { architectureShape } from "../../src/llm/architecture.js";

const cat = catalog();

describe("the catalog", () => {
  it("loads every file, converting every unit to SI", () => {
    expect(cat.chips.entries.length).toBeGreaterThanOrEqual(30);
    expect(cat.systems.entries.length).toBeGreaterThanOrEqual(32);
    expect(cat.models.entries.length).toBeGreaterThanOrEqual(20);
    for (const c of cat.chips.entries) {
      for (const v of Object.values(c.peakFlops)) expect(v).toBeGreaterThan(1e11);
      if (c.entry.sram) expect(si(c.entry.sram, "bytes")).toBeGreaterThan(0);
      if (c.entry.cores) expect(si(c.entry.cores, "count")).toBeGreaterThan(0);
    }
  });

  it("has every chip of the shared hardware reference", () => {
    for (const id of [
      "aws-trainium1",
      "aws-trainium2",
      "aws-trainium3",
      "aws-trainium4",
      "aws-inferentia1",
      "aws-inferentia2",
      "nvidia-a100-80gb-sxm",
      "nvidia-gb300",
      "google-tpu7x",
      "amd-mi355x",
      "intel-gaudi3",
      "aws-graviton4",
    ]) {
      expect(cat.chips.find(id), id).toBeDefined();
    }
  });

  it("has the chips that the validation files name", () => {
    for (const name of ["GH200", "RTX PRO 6000", "H800", "V100", "TPU v3", "H100", "L40S"]) {
      expect(cat.chips.find(name) ?? cat.chips.suggest(name), name).toBeDefined();
    }
  });

  it("finds entries by alias, ignoring case and punctuation", () => {
    expect(cat.chip("trn2").id).toBe("trainium2");
    expect(cat.chip("Trainium2").id).toBe("trainium2");
    expect(cat.chip("H100 SXM").id).toBe("h100-sxm");
    expect(cat.system("p5.48xlarge").chip.id).toBe("h100-sxm");
  });

  it("suggests near misses", () => {
    expect(() => cat.chip("trainum2")).toThrow(InputError);
    expect(cat.chips.suggest("trainum2")).toMatch(/"trainium2"/);
    expect(cat.chips.suggest("zzzzzzzz")).toBeUndefined();
  });

  it("gives Trainium2 its published figures in SI units", () => {
    const t = cat.chip("trainium2");
    expect(t.peakFlops.bf16).toBeCloseTo(667e12, -10);
    expect(t.memoryBytes).toBe(96 * 2 ** 30);
    expect(t.memoryBandwidth).toBeCloseTo(2.9e12, -8);
  });

  it("normalises system prices to a chip-hour", () => {
    const p5 = cat.system("p5.48xlarge");
    expect(p5.chipsPerNode).toBe(8);
    for (const p of p5.prices) expect(p.usdPerChipHour).toBeLessThan(20);
  });

  it("marks Trainium4 as announced, its derived figures marked", () => {
    const t4 = cat.chip("trainium4");
    expect(t4.status).toBe("announced");
    const derived = Object.values(t4.entry.flops).some((v) => v?.derived);
    expect(derived).toBe(true);
  });
});

describe("architecture math against published parameter counts", () => {
  const published = cat.models.entries.filter((m) => m.params && !m.params.derived && !m.hypothetical);

  it("covers the models the issue names", () => {
    for (const id of [
      "gpt3-175b",
      "llama-2-7b",
      "llama-2-13b",
      "llama-2-70b",
      "llama-3.1-8b",
      "llama-3.1-70b",
      "llama-3.1-405b",
      "mixtral-8x7b",
      "mixtral-8x22b",
      "deepseek-v3",
      "qwen3-235b-a22b",
      "gpt-oss-120b",
    ]) {
      expect(cat.models.find(id), id).toBeDefined();
    }
    expect(cat.models.entries.filter((m) => m.hypothetical).length).toBeGreaterThanOrEqual(3);
  });

  // Parameters outside the architecture fields count only when sourced, not when back-solved.
  const checkable = published.filter(
    (m) => !m.uncountedParams?.derived && !(m.params!.note ?? "").match(/rounded/i),
  );

  it.each(checkable.map((m) => [m.id, m] as const))("%s is within 0.5% of its model card", (_id, m) => {
    const uncounted = m.uncountedParams ? m.uncountedParams.value * 1e9 : 0;
    const computed = architectureShape(m).totalParams + uncounted;
    const card = m.params!.value * 1e9;
    expect(Math.abs(computed - card) / card).toBeLessThan(0.005);
  });
});
