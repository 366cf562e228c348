import { describe, expect, it } from "vitest";
import { estimateServing } from "../../src/serve/estimate.js";
import { simulateServing } from "../../src/serve/simulate.js";
import { small, system } from "./fixtures.js";

const o = { model: small(), system: system(), chips: 1, input: 1024, output: 128 };

describe("simulateServing", () => {
  it("at low load agrees with the steady-state model", () => {
    const sim = simulateServing({ ...o, rate: 0.05, durationS: 2000, seed: 3 });
    const steady = estimateServing({ ...o, rate: 0.05 });
    expect(sim.completed).toBe(sim.requests);
    expect(sim.requests).toBeGreaterThan(50);
    expect(Math.abs(sim.ttft.p50 / steady.ttftS - 1)).toBeLessThan(0.1);
    expect(Math.abs(sim.tpot.p50 / steady.tpotS - 1)).toBeLessThan(0.1);
    expect(Math.abs(sim.e2e.p50 / steady.e2eS - 1)).toBeLessThan(0.1);
    expect(sim.queue.p99).toBeLessThan(0.05);
  });

  it("is deterministic for a seed, and queueing grows with load", () => {
    const a = simulateServing({ ...o, rate: 5, durationS: 120, seed: 7 });
    const b = simulateServing({ ...o, rate: 5, durationS: 120, seed: 7 });
    expect(b).toEqual(a);
    const heavy = simulateServing({ ...o, rate: 40, durationS: 120, seed: 7 });
    expect(heavy.ttft.p99).toBeGreaterThan(a.ttft.p99);
    expect(heavy.meanBatch).toBeGreaterThan(a.meanBatch);
    expect(a.ttft.p50).toBeLessThanOrEqual(a.ttft.p90);
    expect(a.ttft.p90).toBeLessThanOrEqual(a.ttft.p99);
    // Achieved throughput matches the offered load when not saturated.
    expect(a.throughput.requestsPerS).toBeGreaterThan(4);
    expect(a.throughput.requestsPerS).toBeLessThan(6);
  });

  it("replays a trace and draws lengths from distributions", () => {
    const trace = [
      { arrivalS: 0, input: 100, output: 10 },
      { arrivalS: 0.5, input: 2000, output: 50 },
      { arrivalS: 0.6, input: 10, output: 1 },
    ];
    const sim = simulateServing({ ...o, trace });
    expect(sim.requests).toBe(3);
    expect(sim.completed).toBe(3);
    const d = simulateServing({
      ...o,
      input: { type: "uniform", low: 100, high: 3000 },
      rate: 2,
      durationS: 60,
      seed: 1,
    });
    expect(d.completed).toBeGreaterThan(60);
    expect(() => simulateServing({ ...o })).toThrow(/needs a request rate or a trace/);
    expect(() => simulateServing({ ...o, trace: [{ arrivalS: -1, input: 5, output: 5 }] })).toThrow(
      /trace request 1/,
    );
  });
});
