import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const w = ["--model", "llama-3.1-70b", "--input", "2048", "--output", "256"];

describe("gigawatt serve", () => {
  it("estimates the issue's example on inf2.48xlarge (tp in NeuronCores)", async () => {
    const r = await run([
      "serve",
      ...w,
      "--system",
      "inf2.48xlarge",
      "--tp",
      "24",
      "--batch",
      "32",
      "--format",
      "json",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.schema).toBe("gigawatt/serve@1");
    expect(j.estimate.layout.tp).toBe(12);
    expect(j.estimate.batch).toBe(32);
    expect(j.estimate.tpotS).toBeGreaterThan(0.02);
    expect(j.estimate.notes.join(" ")).toMatch(/NeuronCores/);
  });

  it("searches under targets, compares chips, simulates, and renders every format", async () => {
    const s = await run([
      "serve",
      ...w,
      "--system",
      "h200",
      "--weights",
      "fp8",
      "--slo-ttft",
      "2s",
      "--slo-tpot",
      "100ms",
      "--search",
    ]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/Best configuration/);
    const c = await run([
      "serve",
      ...w,
      "--system",
      "h200",
      "--compare",
      "trainium2,inferentia2",
      "--format",
      "csv",
    ]);
    expect(c.code).toBe(0);
    expect(c.out.split("\n")[0]).toMatch(/^system,chips,layout/);
    expect(c.out).toMatch(/trn2.48xlarge/);
    expect(c.out).toMatch(/inf2.48xlarge/);
    const byChip = await run(["serve", ...w, "--compare", "h200,trainium2,inferentia2", "--format", "json"]);
    expect(byChip.code).toBe(0);
    const rows = JSON.parse(byChip.out).comparison;
    expect(rows.map((r: { chip: string }) => r.chip)).toEqual(["h200", "trainium2", "inferentia2"]);
    expect(rows[0].search.best.cost.usdPerMillionOutput).toBeGreaterThan(0);
    const m = await run([
      "serve",
      ...w,
      "--system",
      "h200",
      "--simulate",
      "--rate",
      "5",
      "--duration",
      "2min",
      "--seed",
      "1",
      "--format",
      "md",
    ]);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/\| TTFT \|/);
  });

  it("replays a trace file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gw-serve-"));
    const csv = join(dir, "t.csv");
    writeFileSync(csv, "arrival_s,input,output\n0,100,20\n0.5,300,10\n");
    const r = await run([
      "serve",
      ...w,
      "--system",
      "h200",
      "--simulate",
      "--trace",
      csv,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).simulation.completed).toBe(2);
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, '{"arrival": 0, "input": 5, "output": 5}\n{"arrival": x}\n');
    const b = await run(["serve", ...w, "--system", "h200", "--simulate", "--trace", bad]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/bad\.jsonl:2: not valid JSON/);
  });

  it("bad input: one line, exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["serve", ...w, "--system", "h100", "--tp", "1"], /does not fit.*smallest TP that fits .* is 2/],
      [["serve", ...w, "--system", "a100-80gb", "--weights", "fp4"], /no fp4/],
      [
        ["serve", ...w, "--system", "h200", "--slo-tpot", "1us", "--search"],
        /--slo-tpot: no configuration meets TPOT.*closest: tp/,
      ],
      [
        ["serve", "--model", "llama-3.1-70b", "--system", "h200", "--input", "-5", "--output", "10"],
        /--input/,
      ],
      [["serve", ...w, "--system", "h200", "--rate", "0"], /--rate/],
      [["serve", ...w, "--system", "h200", "--simulate"], /needs --rate or --trace/],
      [["serve", ...w, "--system", "trainum2"], /did you mean/],
    ];
    for (const [args, re] of cases) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("gigawatt validate serving", () => {
  it("reports rows, evaluated, skipped, throughput, latency and results in JSON", async () => {
    const r = await run(["validate", "serving", "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ["rows", "evaluated", "skipped", "throughput", "latency", "results", "crossValidation"])
      expect(j).toHaveProperty(k);
    expect(j.crossValidation.throughput.n).toBeGreaterThan(100);
    expect(j.crossValidation.bySource.length).toBeGreaterThan(3);
    const text = await run(["validate", "serving"]);
    expect(text.out).toMatch(/Cross-validation by source/);
    const fit = await run(["validate", "serving", "--fit", "--format", "json"]);
    expect(fit.code).toBe(0);
    expect(JSON.parse(fit.out).fit["nvidia-hopper"].bandwidthFraction).toBeGreaterThan(0);
    expect(j.results[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        metric: expect.any(String),
        predicted: expect.any(Number),
      }),
    );
    const missing = await run(["validate", "serving", "/nonexistent.json"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
  });
});
