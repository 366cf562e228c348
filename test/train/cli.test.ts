import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

describe("gigawatt train (built CLI)", () => {
  it("searches and prints JSON with the schema tag", () => {
    const r = runCli([
      "train",
      "--model",
      "gpt-3-175b",
      "--system",
      "p5.48xlarge",
      "--chips",
      "1024",
      "--seq",
      "2048",
      "--batch",
      "1536 seqs",
      "--tokens",
      "300G tokens",
      "--top",
      "2",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe("gigawatt/train@1");
    expect(j.top).toHaveLength(2);
    expect(j.best.tokensPerSecondPerChip).toBeGreaterThan(0);
    expect(j.evaluated).toBeGreaterThan(100);
  });

  it("estimates a fixed strategy as text with breakdowns", () => {
    const r = runCli([
      "train",
      "--model",
      "gpt-3-175b",
      "--system",
      "p5.48xlarge",
      "--chips",
      "1024",
      "--seq",
      "2048",
      "--batch",
      "1536 seqs",
      "--tp",
      "8",
      "--pp",
      "8",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Step time/);
    expect(r.stdout).toMatch(/Memory per chip/);
    expect(r.stdout).toMatch(/bound/);
  });

  it("an impossible strategy is one line with the field, exit 2", () => {
    const r = runCli([
      "train",
      "--model",
      "gpt-3-175b",
      "--system",
      "p5.48xlarge",
      "--chips",
      "1024",
      "--seq",
      "2048",
      "--batch",
      "1536 seqs",
      "--tp",
      "64",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gigawatt: strategy.tp: tp 64 does not divide/);
  });

  it("validate training --format json has the accuracy fields", () => {
    const r = runCli(["validate", "training", "--format", "json"]);
    if (r.code === 2 && /no such file/.test(r.stderr)) return; // shared/ not beside the repo
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ["rows", "evaluated", "skipped", "mape", "medianApe", "results"])
      expect(j).toHaveProperty(k);
    expect(j.results[0]).toHaveProperty("ape");
  }, 60_000);
});
