import { describe, expect, it } from "vitest";
import { progress } from "../../src/node/progress.js";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) };
}

describe("progress", () => {
  it("draws on a terminal, throttled, with the share done and time left, and clears at the end", () => {
    const s = stream(true);
    let t = 0;
    const p = progress("Monte Carlo", { stream: s, now: () => t, intervalMs: 100 });
    expect(p.active).toBe(true);
    t = 1000;
    p.update(2500, 10_000);
    t = 1050;
    p.update(2600, 10_000); // within 100 ms: skipped
    t = 2000;
    p.update(5000, 10_000);
    t = 4000;
    p.update(10_000, 10_000);
    p.finish();
    expect(s.written).toHaveLength(4);
    expect(s.written[0]).toBe("\r\x1b[KMonte Carlo   25%  2,500/10,000  1.0 s, ~3.0 s left");
    expect(s.written[1]).toContain(" 50%  5,000/10,000  2.0 s, ~2.0 s left");
    expect(s.written[2]).toBe("\r\x1b[KMonte Carlo  100%  10,000/10,000  4.0 s");
    expect(s.written[3]).toBe("\r\x1b[K");
  });

  it("says nothing when not on a terminal", () => {
    const s = stream(false);
    const p = progress("search", { stream: s });
    p.update(1, 2);
    p.update(2, 2);
    p.finish();
    expect(p.active).toBe(false);
    expect(s.written).toEqual([]);
  });
});
