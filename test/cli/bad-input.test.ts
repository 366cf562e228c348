import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "gigawatt-test-"));
function scenario(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** One line on stderr, exit code 2, no stack trace. */
function expectOneLineError(r: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split("\n");
  expect(lines.at(-1)).toMatch(/^gigawatt: /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("bad input gets one line with location and hint, exit code 2", () => {
  it("malformed YAML", () => {
    const f = scenario("bad-yaml.yaml", "name: x\nhardware:\n  system: [p5.48xlarge\n");
    const r = runCli(["check", f]);
    expectOneLineError(r, /bad-yaml\.yaml:\d+:\d+: invalid YAML/);
  });

  it("unknown ids, with did-you-mean", () => {
    const f = scenario("unknown-id.yaml", "name: x\nhardware:\n  system: trainum2\n  chips: 64\n");
    const r = runCli(["check", f]);
    expectOneLineError(
      r,
      /unknown-id\.yaml:3:11: unknown system or chip "trainum2".*\(did you mean "trainium2"/,
    );
  });

  it("wrong and missing units", () => {
    const f = scenario("units.yaml", "name: x\ncapacity:\n  power: 5 GB\ndeal:\n  investment: 5\n");
    const r = runCli(["check", f]);
    expectOneLineError(r, /units\.yaml:3:10: "5 GB" is a size in bytes, expected a power/);
    expect(r.stderr).toMatch(/units\.yaml:5:15: .*money/);
  });

  it("negative and non-finite values", () => {
    const f = scenario(
      "values.yaml",
      "name: x\nhardware:\n  system: p5.48xlarge\n  chips: -8\ncapacity:\n  power: 1e999 W\n",
    );
    const r = runCli(["check", f]);
    expectOneLineError(r, /values\.yaml:4:10: "-8" is negative/);
    expect(r.stderr).toMatch(/values\.yaml:6:10: .*finite/);
  });

  it("missing required fields", () => {
    const f = scenario("missing.yaml", "hardware:\n  system: p5.48xlarge\n");
    const r = runCli(["check", f]);
    expectOneLineError(r, /missing\.yaml:1:1: missing required field "name"/);
    expect(r.stderr).toMatch(/missing required field "chips"/);
  });

  it("unknown fields", () => {
    const f = scenario(
      "typo.yaml",
      "name: x\ntraining:\n  seq: 2048\n  tokens: 1T tokens\n  precison: bf16\n",
    );
    const r = runCli(["check", f]);
    expectOneLineError(r, /typo\.yaml:5:3: unknown field "precison".*did you mean "precision"/);
  });

  it("a file that does not exist", () => {
    const r = runCli(["check", join(dir, "nope.yaml")]);
    expectOneLineError(r, /nope\.yaml: no such file/);
  });

  it("unknown flags", () => {
    const r = runCli(["catalog", "chips", "--fromat", "json"]);
    expectOneLineError(r, /unknown option '--fromat'.*--format/);
  });

  it("an unknown catalog id", () => {
    const r = runCli(["catalog", "show", "trainium"]);
    expectOneLineError(r, /"trainium".*did you mean "trainium1", "trainium2" or "trainium3"/);
  });

  it("an invalid format", () => {
    const r = runCli(["catalog", "chips", "--format", "xml"]);
    expectOneLineError(r, /--format.*xml/);
  });

  it("a good scenario passes", () => {
    const f = scenario(
      "good.yaml",
      "name: ok\nhardware:\n  system: p5.48xlarge\n  chips: 16k\ncapacity:\n  power: { low: 4 GW, high: 5 GW }\n  chip: trainium2\n",
    );
    const r = runCli(["check", f]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
