/**
 * The five seed reports: the reader against their hand labels (seeds.labels.yaml), and the
 * reconciliation against the default scenario, built from the same reports by hand.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadLabels, score, seedReports } from "../../bench/read-quality.js";
import { readReports } from "../../src/read/index.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { loadScenario, parseScenario } from "../../src/scenario/load.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const result = readReports(seedReports(here("../../../shared/seeds")));
const labels = loadLabels(here("seeds.labels.yaml"));

describe("the seed reports against their hand labels", () => {
  const q = score(result, labels);
  // The figures reached (README, `npm run bench`): in sample, since the reading rules were
  // written with these reports in view; the unseen-report figures are in the README.
  it("finds every labelled quantity and nothing else", () => {
    expect(q.misses.map((m) => `${m.file}: ${m.text}`)).toEqual([]);
    expect(q.recall).toBeGreaterThanOrEqual(1);
    expect(q.precision).toBeGreaterThanOrEqual(1);
  });
  it("reads value, hedge, about and verdict as labelled", () => {
    expect(q.wrongAbout).toEqual([]);
    expect(q.wrongVerdict).toEqual([]);
    expect(q.value).toBeGreaterThanOrEqual(1);
    expect(q.hedge).toBeGreaterThanOrEqual(1);
  });
  it("scores a wrong reading as wrong", () => {
    const broken = {
      ...result,
      claims: result.claims.map((c) => ({ ...c, about: null, verdict: "holds" as const })),
    };
    const b = score(broken, labels);
    expect(b.about).toBeLessThan(0.5);
    expect(b.verdict).toBeLessThan(0.9);
  });
});

describe("reconciliation of the seeds", () => {
  const text = readFileSync(here("../../scenarios/amazon-anthropic-2026.yaml"), "utf8");
  const ours = parseScenario(result.scenario, "draft.yaml");
  const theirs = parseScenario(text, "amazon-anthropic-2026.yaml");

  /** The alternatives a tranche gives, as value -> the seed reports that cite it. */
  const alternatives = (s: typeof ours, date: string) => {
    const t = s.deal!.tranches!.find((x) => x.date === date)!;
    const a = t.amount;
    if (a.type !== "choice") return new Map([[a.type === "point" ? a.value : Number.NaN, []]]);
    return new Map(a.options.map((o) => [o.value, o.sources.filter((id) => id.startsWith("seed-"))]));
  };

  it.each(["2026-04-20", "2028-12-31"])(
    "reproduces the default scenario's conflict on the %s tranche",
    (date) => {
      const mine = alternatives(ours, date);
      const default_ = alternatives(theirs, date);
      expect([...mine.keys()]).toEqual([...default_.keys()]);
      for (const [value, seeds] of default_) for (const id of seeds) expect(mine.get(value)).toContain(id);
    },
  );

  it("reads the commitment as a floor and the power as a ceiling, as the default scenario does", () => {
    const c = ours.deal!.commitments![0]!.amount;
    expect(c).toMatchObject({ type: "uniform", low: 100e9 });
    expect(ours.capacity!.power).toMatchObject({ type: "triangular", mode: 5e9, high: 5e9 });
    expect(ours.deal!.commitments![0]!.years).toBe(10);
  });

  it("reproduces every claim of the default scenario", () => {
    const key = (c: (typeof ours.claims)[number]) => `${c.output ?? c.catalog}`;
    for (const want of theirs.claims) {
      const got = ours.claims.filter((c) => key(c) === key(want));
      const match = got.find((c) => {
        const [a, b] = [c.expected, want.expected];
        if (typeof a === "string" || typeof b === "string") return a === b;
        if ("kind" in a && "kind" in b) return Math.abs(a.value - b.value) <= 0.01 * b.value;
        return JSON.stringify(a) === JSON.stringify(b);
      });
      expect(match, want.id).toBeDefined();
      const seeds = want.sources.filter((s) => s.startsWith("seed-"));
      for (const s of seeds) expect(match!.sources, want.id).toContain(s);
    }
  });

  it("lists the conflicts it writes into the draft", () => {
    const about = result.conflicts.map((c) => c.label);
    expect(about).toContain("investment now (latest round)");
    expect(about).toContain("trainium3 available");
  });

  it("writes a draft that `gigawatt check` accepts and that evaluates down the chain", () => {
    expect(loadScenario(result.scenario, "draft.yaml").ok).toBe(true);
    const r = evaluateScenario(ours);
    expect(r.outputs["deal.investment"]).toBeCloseTo(13e9, -6);
    expect(r.outputs["capacity.homesUS"]).toBeGreaterThan(3e6);
    expect(parse(result.scenario).deal.id).toBe("amazon-anthropic");
  });
});
