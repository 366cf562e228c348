/**
 * `gigawatt read` on the five seed reports: extraction precision and recall, and the accuracy of
 * value, hedge, `about` and verdict against the hand labels (test/read/seeds.labels.yaml); then
 * speed. The seed figures are in sample: the reading rules were written with the seeds in view.
 * Target: a long report (60 kB) read and checked in well under a second.
 */
import { fileURLToPath } from "node:url";
import { readReports } from "../src/read/index.js";
import { loadLabels, score, seedReports } from "./read-quality.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default async function bench(): Promise<void> {
  const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
  const reports = seedReports(root("../shared/seeds"));
  const labels = loadLabels(root("test/read/seeds.labels.yaml"));
  let t = performance.now();
  const result = readReports(reports);
  const first = performance.now() - t;
  const q = score(result, labels);
  console.log(
    `seeds (in sample): ${q.labels} labelled quantities, ${q.found} found; precision ${pct(q.precision)}, recall ${pct(q.recall)}`,
  );
  console.log(
    `  of those found: value ${pct(q.value)}, hedge ${pct(q.hedge)}, about ${pct(q.about)}, verdict ${pct(q.verdict)}`,
  );
  const runs = 20;
  t = performance.now();
  for (let i = 0; i < runs; i++) readReports(reports);
  const ms = (performance.now() - t) / runs;
  const chars = reports.reduce((a, r) => a + r.text.length, 0);
  console.log(
    `five seeds (${(chars / 1000).toFixed(0)} kB) read, checked and reconciled: ${ms.toFixed(0)} ms (first run ${first.toFixed(0)} ms), ${((chars / 1000 / ms) * 1000).toFixed(0)} kB/s`,
  );
  const long = [
    {
      file: "long.txt",
      text: reports
        .map((r) => r.text)
        .join("\n")
        .repeat(2),
    },
  ];
  t = performance.now();
  readReports(long);
  console.log(
    `one ${(long[0]!.text.length / 1000).toFixed(0)} kB report: ${(performance.now() - t).toFixed(0)} ms`,
  );
}
