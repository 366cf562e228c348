/** The deal-economics commands from the built CLI: solve, capacity from a budget, deals compared. */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("gigawatt solve (built CLI)", () => {
  it("answers the break-even price per GW-year of the default scenario, with its arithmetic", () => {
    const r = runCli([
      "solve",
      "--vary",
      "deal.pricePerGwYear",
      "--target",
      "deal.providerMargin=$0",
      "--between",
      "$1B,$20B",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe("gigawatt/solve@1");
    expect(j.answer).toBeGreaterThan(1e9);
    expect(j.answer).toBeLessThan(j.current);
    expect(j.formula).toMatch(/ - /);
  }, 60_000);

  it("a target no value reaches, or a target written wrong, is one located line, exit 2", () => {
    const far = runCli([
      "solve",
      "--vary",
      "deal.pricePerGwYear",
      "--target",
      "deal.providerMarginShare=99%",
      "--between",
      "$1B,$20B",
    ]);
    expect(far.code).toBe(2);
    expect(far.stderr.trim().split("\n")).toHaveLength(1);
    expect(far.stderr).toMatch(
      /--target: no deal\.pricePerGwYear from \$1B to \$20B gives .* the closest is/,
    );
    const bad = runCli(["solve", "--vary", "deal.pricePerGwYear", "--target", "margin"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target: "margin" is not OUTPUT=VALUE/);
    const unit = runCli(["solve", "--vary", "deal.pricePerGwYear", "--target", "deal.providerMargin=5GW"]);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/--target/);
  }, 60_000);
});

describe("gigawatt capacity --budget (built CLI)", () => {
  it("dollars to gigawatts to chips, on capex or on the full cost over years", () => {
    const capex = JSON.parse(
      runCli(["capacity", "--budget", "$100B", "--chip", "trainium2", "--format", "json"]).stdout,
    );
    expect(capex.basis).toBe("budget");
    expect(capex.capex.total.value).toBeCloseTo(100e9, -7);
    const tco = JSON.parse(
      runCli(["capacity", "--budget", "$100B", "--years", "10", "--chip", "trainium2", "--format", "json"])
        .stdout,
    );
    expect(tco.perYear.total.value * 10).toBeCloseTo(100e9, -8);
    expect(tco.chips.value).toBeLessThan(capex.chips.value);
    const both = runCli(["capacity", "--budget", "$100B", "--power", "5GW", "--chip", "trainium2"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--power|--budget/);
    const years = runCli(["capacity", "--years", "10", "--power", "5GW", "--chip", "trainium2"]);
    expect(years.code).toBe(2);
    expect(years.stderr).toMatch(/--years/);
  }, 60_000);
});

describe("gigawatt deals compare (built CLI)", () => {
  it("refuses a deal listed twice, at its argument", () => {
    const r = runCli(["deals", "compare", "amazon-anthropic", "oracle-openai", "aws-anthropic"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/listed twice/);
  });
});
