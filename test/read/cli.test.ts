/** `gigawatt read` as users run it, and POST /v1/read. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiServer, startApi } from "../../src/server/app.js";
import { runCli } from "../cli/run-cli.js";

const seeds = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const seed = (n: string) => join(seeds, `${n}.txt`);
const SEEDS = [
  "000_5ab404137a6446d3",
  "001_5b91b66143800466",
  "002_d0125ba8ae2e05f8",
  "003_cb7b5c6548dad0a3",
  "004_fe4425cdedf7fed9",
].map(seed);
const dir = mkdtempSync(join(tmpdir(), "gigawatt-read-"));

describe("gigawatt read", () => {
  it("prints the claims with verdicts, then the conflicts and the terms by report", () => {
    const r = runCli(["read", ...SEEDS]);
    expect(r.code).toBe(0);
    const claims = r.stdout.indexOf("Claims");
    const conflicts = r.stdout.indexOf("Conflicts");
    expect(claims).toBeGreaterThan(0);
    expect(conflicts).toBeGreaterThan(claims);
    expect(r.stdout).toContain("contradicted (2 years)");
    expect(r.stdout).toContain("Terms by report");
  });

  it("gives JSON with the interface of issue 12", () => {
    const r = runCli(["read", seed("003_cb7b5c6548dad0a3"), "--format", "json"]);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe("gigawatt/read@1");
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["files", "claims", "conflicts", "scenario"]));
    for (const k of [
      "file",
      "sentence",
      "text",
      "value",
      "unit",
      "hedge",
      "about",
      "parties",
      "verdict",
      "computation",
      "sources",
    ])
      expect(j.claims[0]).toHaveProperty(k);
  });

  it("writes a draft scenario that check accepts and run evaluates", () => {
    const r = runCli(["read", ...SEEDS, "--format", "yaml"]);
    expect(r.code).toBe(0);
    const file = join(dir, "draft.yaml");
    writeFileSync(file, r.stdout);
    expect(runCli(["check", file])).toMatchObject({ code: 0 });
    const run = runCli(["run", file, "--samples", "200", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).claims.length).toBeGreaterThan(3);
  });

  it("says so for a report without numbers and exits 0", () => {
    const file = join(dir, "none.txt");
    writeFileSync(file, "Amazon and Anthropic deepen their partnership.");
    const r = runCli(["read", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no quantities found");
  });

  it.each([
    ["empty.txt", "", /empty\.txt: the report is empty/],
    ["binary.bin", "PK\u0003\u0004\u0000\u0000", /binary\.bin:1:3: the file is binary/],
    ["big.txt", "x".repeat(4_000_001), /big\.txt: the file is 4,000,001 bytes, too large/],
  ])("refuses %s in one located line with exit code 2", (name, text, message) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = runCli(["read", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("refuses a missing file and a bad date", () => {
    expect(runCli(["read", join(dir, "nope.txt")])).toMatchObject({ code: 2 });
    const r = runCli(["read", seed("003_cb7b5c6548dad0a3"), "--date", "April"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--date");
  });
});

describe("POST /v1/read", () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApi({ port: 0 });
  });
  afterAll(async () => api.close());
  const post = (body: unknown) =>
    fetch(`${api.url}/v1/read`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      json: (await r.json()) as Record<string, unknown>,
    }));

  it("reads one report's text", async () => {
    const r = await post({ text: "Amazon will invest up to $25 billion in Anthropic." });
    expect(r.status).toBe(200);
    expect(r.json.schema).toBe("gigawatt/read@1");
    expect((r.json.claims as { about: string }[])[0]!.about).toBe("deal.latestRoundWithMilestones");
  });

  it("reconciles named reports", async () => {
    const r = await post({
      reports: [
        { name: "a.txt", text: "Amazon invests $5 billion in Anthropic." },
        { name: "b.txt", text: "Amazon invests $4 billion in Anthropic." },
      ],
    });
    expect(r.status).toBe(200);
    expect((r.json.conflicts as { about: string }[])[0]!.about).toBe("deal.tranches[].amount@latest");
  });

  it("answers a mistake with a located 400", async () => {
    expect(await post({})).toMatchObject({ status: 400, json: { location: "body.text" } });
    expect(await post({ text: "" })).toMatchObject({ status: 400, json: { location: "report" } });
    expect(await post({ text: "x", date: "April" })).toMatchObject({
      status: 400,
      json: { location: "body.date" },
    });
  });
});
