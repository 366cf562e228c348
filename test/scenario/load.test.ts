import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { scenarioJsonSchema } from "../../src/scenario/schema.js";

function load(text: string) {
  return loadScenario(text, "s.yaml");
}

describe("scenario files", () => {
  it("parse quantities and uncertain values to SI", () => {
    const r = load(`name: t
capacity:
  power: { low: 4 GW, high: 5 GW }
  averageLoad: 70%
  pue: { dist: triangular, low: 1.1, mode: 1.2, high: 1.4 }
deal:
  investment:
    values:
      - { value: $5B, sources: [seed-000] }
      - { value: $4B, sources: [seed-004] }
  commitment: $100 billion
`);
    if (!r.ok) throw new Error(r.errors.map((e) => e.toLine()).join("\n"));
    const s = r.scenario;
    expect(s.capacity?.power).toEqual({ type: "uniform", low: 4e9, high: 5e9, kind: "power" });
    expect(s.capacity?.averageLoad).toMatchObject({ type: "point" });
    expect((s.capacity!.averageLoad as { value: number }).value).toBeCloseTo(0.7, 12);
    expect(s.capacity?.pue).toEqual({ type: "triangular", low: 1.1, mode: 1.2, high: 1.4, kind: "count" });
    expect(s.deal?.investment).toMatchObject({ type: "choice", options: [{ value: 5e9 }, { value: 4e9 }] });
    expect(s.deal?.commitment).toEqual({ type: "point", value: 100e9, kind: "money" });
  });

  it("names line and column of each problem", () => {
    const r = load("name: t\ncapacity:\n  power: 5 GB\n  pue: { dist: weird, x: 1 }\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.location)).toEqual(["s.yaml:3:10", "s.yaml:4:8"]);
    expect(r.errors[1]!.message).toMatch(/unknown distribution "weird"/);
  });

  it("reports every problem, not only the first", () => {
    const r = load(
      "name: t\nhardware:\n  system: nope\n  chips: 0\ntraining:\n  seq: 1.5\n  tokens: 1T tokens\n",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.length).toBe(3);
  });

  it("rejects a document that is not a mapping", () => {
    const r = load("- a\n- b\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.toLine()).toMatch(/s\.yaml:1:1: a scenario is a YAML mapping/);
  });

  it("exports a JSON Schema with every section", () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown> };
    for (const section of [
      "hardware",
      "model",
      "training",
      "serving",
      "capacity",
      "deal",
      "uncertainty",
      "claims",
    ]) {
      expect(schema.properties).toHaveProperty(section);
    }
    expect(JSON.stringify(schema)).toMatch(/a power \(e\.g\. \\"5 GW\\"\)/);
  });
});

describe("source ids", () => {
  it("must be the scenario's own or the catalog's", () => {
    const r = loadScenario(
      "name: t\ncapacity:\n  power: { low: 1 GW, high: 2 GW, sources: [nope, sky-aws] }\n",
      "s.yaml",
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.toLine())).toEqual([
        expect.stringMatching(/^s\.yaml:3:45: unknown source "nope"/),
      ]);
  });
});
