/**
 * `check` is everything `run` validates: the default scenario mutated at random (a value replaced,
 * a field removed) either passes both or fails both, and every failure is one InputError located at
 * FILE:LINE:COL (or at the run's own "samples").
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { InputError } from "../../src/errors.js";
import { checkScenario } from "../../src/run/check.js";
import { runScenario } from "../../src/run/run.js";

const TEXT = readFileSync("scenarios/amazon-anthropic-2026.yaml", "utf8");

/** Paths of every scalar of the default scenario, and of every mapping key. */
function paths(): { scalars: (string | number)[][]; keys: (string | number)[][] } {
  const scalars: (string | number)[][] = [];
  const keys: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        const key = Array.isArray(v) ? Number(k) : k;
        if (!Array.isArray(v)) keys.push([...p, key]);
        walk(x, [...p, key]);
      }
    else scalars.push(p);
  };
  walk(parseDocument(TEXT).toJS(), []);
  return { scalars, keys };
}

const { scalars, keys } = paths();
const VALUES = [
  0,
  -1,
  1,
  3,
  0.6,
  1.2,
  1e9,
  1e308,
  "5 GW",
  "$5B",
  "16k",
  "2023-13-45",
  "trainium9",
  "",
  "50%",
  "1e6",
  true,
  null,
];

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    path: fc.constantFrom(...scalars),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...keys) }),
);

function mutate(m: { kind: "set" | "delete"; path: (string | number)[]; value?: unknown }): string {
  const doc = parseDocument(TEXT);
  if (m.kind === "set") doc.setIn(m.path, m.value);
  else doc.deleteIn(m.path);
  return String(doc);
}

async function outcome(text: string): Promise<InputError | undefined> {
  try {
    await runScenario(text, { file: "m.yaml", samples: 16 });
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

describe("check and run agree on mutated scenarios", () => {
  it("pass together or fail together, located", async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const text = mutate(m);
        const problems = checkScenario(text, "m.yaml");
        const error = await outcome(text);
        expect(problems.length === 0, `check: ${JSON.stringify(problems[0])}; run: ${error?.toLine()}`).toBe(
          error === undefined,
        );
        for (const p of problems) expect(p.location).toMatch(/^m\.yaml:\d+:\d+$/);
        if (error) expect(error.location).toMatch(/^m\.yaml:\d+:\d+$|^samples$/);
      }),
      { numRuns: 30, seed: 13 },
    );
  });
});
