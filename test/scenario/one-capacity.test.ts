/**
 * One capacity: with a deal, the scenario's capacity section sizes the deal's new capacity, and the
 * capacity outputs, the deal's year-by-year table and its totals count the same power and chips.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateScenario, type ScenarioResult } from "../../src/scenario/evaluate.js";
import { parseScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";

const FILE = new URL("../../scenarios/amazon-anthropic-2026.yaml", import.meta.url);
const full = parseScenario(readFileSync(FILE, "utf8"), "amazon-anthropic-2026.yaml");

/** The new chips by generation in the deal's table when its ramp completes. */
function newChipsAtRampEnd(r: ScenarioResult): Record<string, number> {
  const d = r.deal!;
  const end = d.years.find((y) => y.year === Math.floor(Number(d.deal.ramp.at(-1)!.date.slice(0, 4))))!;
  const out: Record<string, number> = {};
  for (const [chip, n] of Object.entries(end.chips)) {
    const existingW = d.vintages
      .filter((v) => v.existing && v.chip.id === chip)
      .reduce((s, v) => s + v.powerW, 0);
    const perChip = d.vintages.find((v) => v.chip.id === chip)!.unit.facilityPeakW.value;
    out[chip] = n - existingW / perChip;
  }
  return out;
}

function agrees(r: ScenarioResult): void {
  const o = r.outputs;
  const d = r.deal!;
  // The headline's power is the deal's new capacity; with what was online before, its full ramp.
  expect(o["capacity.power"]).toBeCloseTo(d.totals.newPowerW.value, -3);
  expect(o["deal.maxPower"]).toBeCloseTo(o["capacity.power"]! + d.totals.existingPowerW.value, -3);
  const end = d.years.find((y) => y.year === Math.floor(Number(d.deal.ramp.at(-1)!.date.slice(0, 4))))!;
  expect(end.newPowerEndW).toBeCloseTo(o["capacity.power"]!, -3);
  // The same chips, generation by generation (floors of sums differ by at most one chip).
  const table = newChipsAtRampEnd(r);
  for (const g of r.capacity!.generations)
    expect(Math.abs(g.chips.value - table[g.chip]!)).toBeLessThanOrEqual(1);
  expect(o["capacity.chips"]).toBe(r.capacity!.generations.reduce((s, g) => s + g.chips.value, 0));
}

describe("one capacity across the report", () => {
  it("the default scenario: headline, capacity and the deal's table agree", () => {
    const r = evaluateScenario(full);
    agrees(r);
    expect(r.outputs["capacity.power"]).toBe(5e9);
    expect(r.limits.capacity).toMatch(/deal's new capacity/);
  });

  it("the capacity section drives the deal's ramp", () => {
    const at = (gw: number): Scenario => ({
      ...full,
      capacity: { ...full.capacity!, power: { type: "point", value: gw * 1e9, kind: "power" } },
    });
    const five = evaluateScenario(at(5));
    const hundred = evaluateScenario(at(100));
    agrees(hundred);
    expect(hundred.outputs["capacity.power"]).toBe(100e9);
    expect(
      hundred.outputs["deal.frontierRunsPerYear"]! / five.outputs["deal.frontierRunsPerYear"]!,
    ).toBeGreaterThan(10);
    expect(hundred.outputs["deal.labSpend"]!).toBeGreaterThan(five.outputs["deal.labSpend"]! * 10);
  });

  it("a deal-only scenario: the capacity figures are the deal's new capacity", () => {
    const { capacity: _c, training: _t, serving: _s, ...rest } = full;
    const r = evaluateScenario({ ...rest, claims: [] });
    agrees(r);
    expect(r.outputs["capacity.power"]).toBeCloseTo(5e9, -3);
  });

  it("a capacity section that names chips beside a deal's ramp is refused, at its field", () => {
    const s: Scenario = { ...full, capacity: { ...full.capacity!, chip: "trainium2" } };
    expect(() => evaluateScenario(s, { file: "s.yaml" })).toThrow(/ramp sets the chips/);
  });
});
