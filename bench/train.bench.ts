/**
 * Training search speed: the full parallelism search for GPT-3 175B on 4,096 H100 (p5.48xlarge),
 * seq 2048, global batch 1536 sequences, and Llama 3.1 405B on 16,384 H100, seq 8192, global
 * batch 16M tokens (taken as 2048 sequences of 8192, see splittableBatch). Prints the
 * candidates evaluated, the wall time of the multi-threaded search and evaluations per second,
 * per core measured on one thread.
 */
import { catalog } from "../src/catalog/catalog.js";
import type { Model } from "../src/catalog/schema.js";
import { searchChipCountsParallel } from "../src/node/train-chips.js";
import { defaultThreads, searchTrainingParallel } from "../src/node/train-parallel.js";
import { searchChipCounts } from "../src/train/chips.js";
import { prepare } from "../src/train/problem.js";
import { searchSlice } from "../src/train/search.js";
import type { TrainingOptions } from "../src/train/types.js";

function inline(
  m: Partial<Model> & Pick<Model, "id" | "name" | "layers" | "hidden" | "heads" | "ffn" | "vocab">,
): Model {
  return {
    aliases: [],
    family: "bench",
    hypothetical: false,
    kvHeads: m.heads,
    headDim: m.hidden / m.heads,
    activation: "gelu",
    tiedEmbeddings: false,
    sources: ["bench"],
    notes: [],
    ...m,
  } as Model;
}

const gpt3 = inline({
  id: "gpt-3-175b",
  name: "GPT-3 175B",
  layers: 96,
  hidden: 12288,
  heads: 96,
  ffn: 49152,
  vocab: 50257,
});
const llama = inline({
  id: "llama-3.1-405b",
  name: "Llama 3.1 405B",
  layers: 126,
  hidden: 16384,
  heads: 128,
  kvHeads: 8,
  headDim: 128,
  ffn: 53248,
  activation: "swiglu",
  vocab: 128256,
});

export default async function bench(): Promise<void> {
  const cat = catalog();
  const system = cat.system("p5.48xlarge");
  const cases: [string, TrainingOptions][] = [
    [
      "GPT-3 175B, 4,096 H100, seq 2048, batch 1536 seqs",
      { model: cat.models.find("gpt-3-175b") ?? gpt3, system, chips: 4096, seq: 2048, batchSeqs: 1536 },
    ],
    [
      "Llama 3.1 405B, 16,384 H100, seq 8192, batch 16M tokens",
      {
        model: cat.models.find("llama-3.1-405b") ?? llama,
        system,
        chips: 16384,
        seq: 8192,
        batchTokens: 16e6,
      },
    ],
  ];
  const threads = defaultThreads();
  for (const [name, opts] of cases) {
    // One core: repeat the whole search until 1 s has passed, for a stable rate.
    const p = prepare(opts);
    searchSlice(p, { top: 5 }); // warm-up
    let n = 0;
    let candidates = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      const r = searchSlice(p, { top: 5 });
      candidates = r.evaluated + r.prunedMemory;
      n++;
    }
    const oneCoreS = (performance.now() - t0) / 1000 / n;
    // Every core, cold, as the CLI runs it (workers start, slice, merge, full estimates).
    const w0 = performance.now();
    const r = await searchTrainingParallel({ ...opts, top: 5 }, threads);
    const wallS = (performance.now() - w0) / 1000;
    const best = r.best!;
    console.log(name);
    console.log(
      `  candidates evaluated  ${candidates} (${r.evaluated} timed, ${r.prunedMemory} pruned for memory)`,
    );
    console.log(
      `  one core              ${(oneCoreS * 1000).toFixed(1)} ms per search, ${Math.round(candidates / oneCoreS).toLocaleString("en-US")} evaluations/s`,
    );
    console.log(
      `  ${r.threads} threads, cold   ${(wallS * 1000).toFixed(0)} ms wall (worker start-up included), ${Math.round(candidates / wallS).toLocaleString("en-US")} evaluations/s`,
    );
    const s = best.strategy;
    console.log(
      `  best                  tp ${s.tp} pp ${s.pp} vp ${s.vp} dp ${s.dp} cp ${s.cp} mb ${s.microBatch} zero ${s.zero} ${s.recompute}: step ${best.time.step.toFixed(2)} s, ${best.tokensPerSecondPerChip.toFixed(0)} tokens/s/chip, MFU ${(best.mfu * 100).toFixed(1)}%, bound ${best.bound}`,
    );
  }
  // Chips against time: Llama 3.1 405B on H100, every power of two from the smallest that fits to 64x.
  const sweep = {
    model: cat.models.find("llama-3.1-405b") ?? llama,
    system,
    seq: 8192,
    batchTokens: 16e6,
    tokens: 15e12,
  };
  const s0 = performance.now();
  const one = searchChipCounts(sweep);
  const oneS = (performance.now() - s0) / 1000;
  const w0 = performance.now();
  const many = await searchChipCountsParallel(sweep, undefined, threads);
  const wallS = (performance.now() - w0) / 1000;
  const fastest = many.pareto[many.pareto.length - 1]!;
  console.log("Chip-count sweep: Llama 3.1 405B on H100, seq 8192, batch 16M tokens, 15T tokens");
  console.log(
    `  counts                ${one.counts.join(", ")} (${one.candidates} candidates over all counts)`,
  );
  console.log(
    `  one core              ${(oneS * 1000).toFixed(0)} ms, ${Math.round(one.candidates / oneS).toLocaleString("en-US")} evaluations/s`,
  );
  console.log(`  ${many.threads} threads, cold   ${(wallS * 1000).toFixed(0)} ms wall`);
  console.log(
    `  front                 ${many.pareto.map((p) => `${p.chips}: ${(p.seconds / 86400).toFixed(0)} d`).join(", ")}; fastest ${fastest.chips} chips at ${(fastest.scalingEfficiency * 100).toFixed(0)}% scaling efficiency`,
  );
}
