/**
 * Golden files: the text reports of a few commands, compared line for line. After a deliberate
 * change, `npm run golden` rewrites them; review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const update = process.env.UPDATE_GOLDEN === "1";

const cases: [name: string, args: string[]][] = [
  ["run-default", ["run", "--samples", "300", "--seed", "7", "--threads", "1"]],
  ["catalog-show-trainium2", ["catalog", "show", "trainium2"]],
  ["capacity-5gw-trainium2", ["capacity", "--power", "5GW", "--chip", "trainium2"]],
  ["deal-amazon-anthropic", ["deal", "amazon-anthropic"]],
  [
    "train-gpt3-175b",
    [
      "train",
      "--model",
      "gpt-3-175b",
      "--system",
      "p5.48xlarge",
      "--chips",
      "1024",
      "--seq",
      "2048",
      "--batch-seqs",
      "1536",
      "--tokens",
      "300B",
      "--threads",
      "1",
    ],
  ],
  [
    "serve-llama-70b-inf2",
    [
      "serve",
      "--model",
      "llama-3.1-70b",
      "--system",
      "inf2.48xlarge",
      "--tp",
      "24",
      "--input",
      "2048",
      "--output",
      "256",
      "--batch",
      "32",
    ],
  ],
];

/** Lines that measure this machine rather than the model (wall time) are left out. */
function normalise(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/wall time/i.test(l))
    .join("\n");
}

describe("golden text reports", () => {
  it.each(cases)("%s", (name, args) => {
    const r = runCli(args);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = fileURLToPath(new URL(`./${name}.txt`, import.meta.url));
    const got = normalise(r.stdout);
    if (update || !existsSync(file)) {
      if (!update) throw new Error(`no golden file ${name}.txt: run \`npm run golden\` and review it`);
      writeFileSync(file, got);
      return;
    }
    expect(got).toBe(readFileSync(file, "utf8"));
  });
});
