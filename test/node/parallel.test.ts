/**
 * The worker-thread driver runs compiled code (worker threads cannot load TypeScript), so these
 * tests import it from dist/: `npm test` builds first; alone, run `npm run build` before.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { InputError } from "../../src/errors.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import type { Uncertain } from "../../src/uncertainty/value.js";
import { makeEvaluate } from "./fixtures/evaluator.mjs";

const built = fileURLToPath(new URL("../../dist/src/node/parallel-monte-carlo.js", import.meta.url));
if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
const { parallelMonteCarlo } = (await import(
  built
)) as typeof import("../../src/node/parallel-monte-carlo.js");

const fixture = fileURLToPath(new URL("./fixtures/evaluator.mjs", import.meta.url));
const inputs: Record<string, Uncertain> = {
  x: { type: "lognormal", median: 2, sigma: 0.5 },
  z: {
    type: "choice",
    options: [
      { value: 1, weight: 1, sources: ["a"] },
      { value: 3, weight: 2, sources: ["b"] },
    ],
  },
};

describe("parallelMonteCarlo", () => {
  it("gives the same samples over 2 workers as in one thread, and reports progress to the end", async () => {
    const config = { work: 50, scale: 3 };
    const serial = monteCarlo({ inputs, evaluate: makeEvaluate(config), samples: 3001, seed: 77 });
    const seen: number[] = [];
    const par = await parallelMonteCarlo({
      module: fixture,
      exportName: "makeEvaluate",
      config,
      inputs,
      samples: 3001,
      seed: 77,
      threads: 3,
      minParallelMs: 0,
      respectLoad: false,
      pilotSamples: 10,
      blockMs: 0.01,
      workHere: false,
      onProgress: (done: number, total: number) => {
        expect(total).toBe(3001);
        seen.push(done);
      },
    });
    expect(par.parallel.workers).toBe(2);
    // Small blocks, all taken by the workers.
    expect(par.parallel.blockSamples).toBe(8);
    expect(par.parallel.samplesHere).toBe(10);
    expect(par.samples).toBe(3001);
    expect(Object.keys(par.outputs)).toEqual(["y", "work", "ratio"]);
    for (const k of ["y", "work", "ratio"]) {
      expect(par.outputs[k]!.samples).toEqual(serial.outputs[k]!.samples);
      expect(par.outputs[k]!.p5).toBe(serial.outputs[k]!.p5);
    }
    expect(par.inputs.x!.samples).toEqual(serial.inputs.x!.samples);
    expect(seen.at(-1)).toBe(3001);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1]!)).toBe(true);
  });

  it("with this thread working too, still gives the same samples", async () => {
    const config = { work: 2000, scale: 2 };
    const serial = monteCarlo({ inputs, evaluate: makeEvaluate(config), samples: 4000, seed: 3 });
    const par = await parallelMonteCarlo({
      module: fixture,
      exportName: "makeEvaluate",
      config,
      inputs,
      samples: 4000,
      seed: 3,
      threads: 2,
      minParallelMs: 0,
      respectLoad: false,
      blockMs: 1,
    });
    expect(par.parallel.workers).toBe(1);
    expect(par.outputs.work!.samples).toEqual(serial.outputs.work!.samples);
    expect(par.outputs.y!.p50).toBe(serial.outputs.y!.p50);
  });

  it("starts no more workers than there are idle cores", async () => {
    const par = await parallelMonteCarlo({
      module: fixture,
      exportName: "makeEvaluate",
      config: { work: 0, scale: 1 },
      inputs,
      samples: 500,
      seed: 1,
      threads: 64,
      minParallelMs: 0,
    });
    expect(par.parallel.workers).toBeLessThanOrEqual(
      Math.max(0, Math.floor(par.parallel.idleCores + 0.5) - 1),
    );
  });

  it("stays in this thread when the work is small", async () => {
    const par = await parallelMonteCarlo({
      module: fixture,
      exportName: "makeEvaluate",
      config: { work: 0, scale: 1 },
      inputs,
      samples: 200,
      seed: 1,
    });
    expect(par.parallel.workers).toBe(0);
    expect(par.outputs.y!.samples.length).toBe(200);
  });

  it("rethrows a worker's InputError as an InputError with location and hint", async () => {
    const run = parallelMonteCarlo({
      module: fixture,
      exportName: "makeEvaluate",
      config: { work: 0, scale: 1, failInWorker: true },
      inputs,
      samples: 2000,
      seed: 1,
      threads: 2,
      minParallelMs: 0,
      respectLoad: false,
      pilotSamples: 1,
      workHere: false,
    });
    const err = await run.then(
      () => undefined,
      (e: unknown) => e as InputError,
    );
    // dist/ has its own InputError class: compare by name.
    expect(err?.name).toBe("InputError");
    expect(err?.message).toMatch(/^x is too large in Monte Carlo sample \d+ \(seed 1\)$/);
    expect(err?.location).toBe("fixture.x");
    expect(err?.hint).toBe("lower it");
  });

  it("names an export that is not a function", async () => {
    await expect(
      parallelMonteCarlo({ module: fixture, exportName: "notAFunction", config: {}, inputs, samples: 10 }),
    ).rejects.toThrow(/does not export a function named "notAFunction"/);
  });
});
