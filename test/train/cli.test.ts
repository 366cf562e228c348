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
    expect(r.stderr).toMatch(/^gigawatt: --tp: tp 64 does not divide/);
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

  const sweep = ["train", "--model", "gpt-3-175b", "--system", "p5.48xlarge", "--seq", "2048"];

  it("without --chips sweeps chip counts: JSON with the Pareto front of chips against time to train", () => {
    const r = runCli([
      ...sweep,
      "--batch",
      "1536 seqs",
      "--tokens",
      "300B",
      "--max-chips",
      "2048",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe("gigawatt/train-chips@1");
    expect(j.metric).toBe("time to train");
    expect(j.counts[j.counts.length - 1]).toBe(2048);
    expect(j.counts[0]).toBe(j.smallestFitting);
    expect(j.pareto.length).toBeGreaterThan(1);
    for (let i = 1; i < j.pareto.length; i++)
      expect(j.pareto[i].seconds).toBeLessThan(j.pareto[i - 1].seconds);
    expect(j.points[0].best.run.chipHours).toBeGreaterThan(0);
  }, 30_000);

  it("--chip-counts as CSV and markdown; a count that cannot fit is listed with its reason", () => {
    const csv = runCli([...sweep, "--batch", "1536 seqs", "--chip-counts", "8,512,1024", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/^chips,front,strategy,step/m);
    expect(csv.stdout).toMatch(/^512,yes,tp /m);
    const md = runCli([...sweep, "--batch", "1536 seqs", "--chip-counts", "8,1024", "--format", "md"]);
    expect(md.stdout).toMatch(/## Pareto front: chips against step time/);
    expect(md.stdout).toMatch(/\| 8 \| no strategy fits in memory \|/);
  }, 30_000);

  it("sweep flags with --chips, or a bad count, are one-line errors", () => {
    const both = runCli([...sweep, "--batch", "1536 seqs", "--chips", "1024", "--max-chips", "4096"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^gigawatt: --max-chips:/);
    const bad = runCli([...sweep, "--batch", "1536 seqs", "--chip-counts", "1024,abc"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gigawatt: --chip-counts: "abc" is not a whole number/);
  });
});
