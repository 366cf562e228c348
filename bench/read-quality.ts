/**
 * How well `gigawatt read` reads the five seed reports, against the hand labels in
 * test/read/seeds.labels.yaml: precision and recall of extraction, and the accuracy of the
 * value, hedge, `about` field and verdict of the quantities it finds. Used by `npm run bench`
 * and by the tests that fail below the figures reached.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ReadClaim, ReadResult } from "../src/read/index.js";
import { parseQuantity } from "../src/units/quantity.js";

/** One hand label (see the head of seeds.labels.yaml). */
export interface Label {
  file: string;
  sentence: string;
  text: string;
  value: string | number | { low: string | number; high: string | number };
  hedge: string;
  about: string | null;
  verdict?: string;
  optional?: boolean;
}

export interface Quality {
  labels: number;
  found: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Among quantities found and labelled: share with the right value, hedge, about and verdict. */
  value: number;
  hedge: number;
  about: number;
  verdict: number;
  misses: Label[];
  extras: ReadClaim[];
  wrongAbout: { label: Label; got: string | null }[];
  wrongVerdict: { label: Label; got: string }[];
}

/** The seed reports, as `readReports` takes them. */
export function seedReports(seedsDir: string): { file: string; text: string }[] {
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ file: join(seedsDir, f), text: readFileSync(join(seedsDir, f), "utf8") }));
}

export function loadLabels(path: string): Label[] {
  return parse(readFileSync(path, "utf8")) as Label[];
}

function si(v: string | number): number {
  return typeof v === "number" ? v : parseQuantity(v).value;
}

function sameValue(label: Label, c: ReadClaim): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b));
  if (typeof c.value === "string") return String(label.value) === c.value;
  if (typeof label.value === "object") {
    return (
      typeof c.value === "object" &&
      near(si(label.value.low), c.value.low) &&
      near(si(label.value.high), c.value.high)
    );
  }
  return typeof c.value === "number" && near(si(label.value), c.value);
}

const base = (f: string) => f.split(/[\\/]/).pop()!;

/** Scores a reading of the seeds against their labels: each label matches at most one claim. */
export function score(result: ReadResult, labels: readonly Label[]): Quality {
  const claims = result.claims.filter((c) => !c.derived);
  const used = new Set<ReadClaim>();
  const pairs: { label: Label; claim: ReadClaim }[] = [];
  const misses: Label[] = [];
  for (const label of labels) {
    const overlaps = (c: ReadClaim) => {
      const a = c.text.toLowerCase();
      const b = label.text.toLowerCase();
      return a.includes(b) || b.includes(a);
    };
    const claim = claims.find(
      (c) =>
        !used.has(c) &&
        base(c.file).startsWith(label.file) &&
        c.sentence.includes(label.sentence) &&
        overlaps(c),
    );
    if (claim) {
      used.add(claim);
      if (!label.optional) pairs.push({ label, claim });
    } else if (!label.optional) misses.push(label);
  }
  const extras = claims.filter((c) => !used.has(c));
  const tp = pairs.length;
  const share = (ok: (p: { label: Label; claim: ReadClaim }) => boolean, of = pairs) =>
    of.length ? of.filter(ok).length / of.length : 1;
  const withVerdict = pairs.filter((p) => p.label.verdict !== undefined);
  return {
    labels: labels.filter((l) => !l.optional).length,
    found: claims.length,
    truePositives: tp,
    precision: tp / (tp + extras.length),
    recall: tp / (tp + misses.length),
    value: share((p) => sameValue(p.label, p.claim)),
    hedge: share((p) => p.label.hedge === p.claim.hedge),
    about: share((p) => p.label.about === p.claim.about),
    verdict: share((p) => p.label.verdict === p.claim.verdict, withVerdict),
    misses,
    extras,
    wrongAbout: pairs
      .filter((p) => p.label.about !== p.claim.about)
      .map((p) => ({ label: p.label, got: p.claim.about })),
    wrongVerdict: withVerdict
      .filter((p) => p.label.verdict !== p.claim.verdict)
      .map((p) => ({ label: p.label, got: p.claim.verdict })),
  };
}
