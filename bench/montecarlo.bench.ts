/**
 * Monte Carlo throughput: 10,000 samples of a stand-in for the default scenario's evaluation,
 * in this thread and over worker threads; prints samples per second.
 *
 * The stand-in (src/capacity and src/deal did not exist yet when this was written) does what a
 * capacity + deal + training + serving evaluation does per sample, with made-up but plausible
 * numbers: power to chips for three chip generations (TDP, load, host overhead, PUE), peak and
 * delivered FLOP/s, energy and homes equivalent, capex and opex; a 10-year ramp with cash flows
 * for three parties, NPV and an IRR by bisection; frontier training runs per year from a model's
 * training FLOPs (the llm module's architecture shape, precomputed once); and a decode roofline
 * over 12 batch sizes for cost per million tokens. About 2,000 arithmetic operations per
 * sample, 20 outputs. `searchCandidates` adds a loop standing in for a parallelism search
 * (about 30 operations per candidate), to show when workers pay off.
 *
 * Target: 10,000 samples of the default scenario in under 10 s on 2 cores.
 */
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { capacity } from "../src/capacity/index.js";
import { catalog } from "../src/catalog/catalog.js";
import type { Model } from "../src/catalog/schema.js";
import { parallelMonteCarlo } from "../src/cli/parallel-monte-carlo.js";
import { catalogDeal, evaluateDeal } from "../src/deal/index.js";
import { architectureShape, trainingFlopsPerToken } from "../src/llm/architecture.js";
import { type Evaluate, monteCarlo } from "../src/uncertainty/monte-carlo.js";
import type { Uncertain } from "../src/uncertainty/value.js";

export interface StandInConfig {
  /** Candidates of the stand-in parallelism search per sample (0: none). */
  searchCandidates: number;
  /**
   * Use the real modules: src/capacity's `capacity()` (catalog Trainium2 + Trainium3) for the
   * fleet and src/deal's `evaluateDeal()` (the catalog's amazon-anthropic deal, with the sampled
   * economics) for NPV, IRR and circularity, instead of the stand-in arithmetic.
   */
  realModules?: boolean;
}

const YEAR_S = 365.25 * 86400;

/** A 405B-parameter dense model, written inline so the bench does not depend on catalog data. */
const MODEL = {
  id: "bench-405b",
  name: "bench 405B",
  aliases: [],
  layers: 126,
  hidden: 16384,
  ffn: 53248,
  heads: 128,
  kvHeads: 8,
  headDim: 128,
  vocab: 128256,
  activation: "swiglu",
  tiedEmbeddings: false,
} as unknown as Model;

/** The uncertain inputs of the stand-in scenario (SI units). */
export const standInInputs: Record<string, Uncertain> = {
  "capacity.power": {
    type: "choice",
    options: [
      { value: 5e9, weight: 2, sources: ["a", "b"] },
      { value: 2.2e9, weight: 1, sources: ["c"] },
    ],
  },
  "capacity.pue": { type: "triangular", low: 1.08, mode: 1.15, high: 1.3 },
  "capacity.load": { type: "uniform", low: 0.6, high: 0.85 },
  "capacity.hostOverhead": { type: "uniform", low: 0.15, high: 0.35 },
  "mix.trainium2": { type: "uniform", low: 0.3, high: 0.6 },
  "mix.trainium3": { type: "uniform", low: 0.2, high: 0.5 },
  "chip.trainium3.tdp": { type: "triangular", low: 900, mode: 1000, high: 1200 },
  "chip.price": { type: "lognormal", median: 20_000, sigma: 0.3 },
  "deal.investment": {
    type: "choice",
    options: [
      { value: 4e9, weight: 1, sources: ["a"] },
      { value: 5e9, weight: 1, sources: ["b"] },
      { value: 25e9, weight: 0.5, sources: ["c"] },
    ],
  },
  "deal.commitment": { type: "uniform", low: 50e9, high: 100e9 },
  "deal.discountRate": { type: "normal", mean: 0.09, sd: 0.015 },
  "deal.rampYears": { type: "triangular", low: 2, mode: 3, high: 5 },
  "price.electricity": { type: "normal", mean: 0.08 / 3.6e6, sd: 0.01 / 3.6e6 },
  "price.chipHour": { type: "lognormal", median: 2 / 3600, sigma: 0.25 },
  "train.mfu": { type: "triangular", low: 0.3, mode: 0.4, high: 0.5 },
  "train.tokens": { type: "lognormal", median: 15e12, sigma: 0.4 },
  "serve.utilisation": { type: "uniform", low: 0.3, high: 0.7 },
};

/** The stand-in evaluator factory (what the worker threads import by name). */
export function standInEvaluator(config: StandInConfig): Evaluate {
  const shape = architectureShape(MODEL);
  const flopsPerToken = trainingFlopsPerToken(shape, 8192);
  const weightBytes = shape.totalParams; // fp8
  const kvBytesPerToken = shape.kvElementsPerTokenPerLayer * MODEL.layers * 2;
  const gens = [
    { tdp: 500, flops: 667e12, bw: 2.9e12, priceScale: 0.7 },
    { tdp: 1000, flops: 1.3e15, bw: 4.9e12, priceScale: 1 },
    { tdp: 1400, flops: 2.5e15, bw: 8e12, priceScale: 1.5 },
  ];
  const years = 10;
  const batches = [1, 2, 4, 8, 16, 32, 64, 128, 256, 384, 512, 768];
  const cash = new Float64Array(years + 1);
  const cat = config.realModules ? catalog() : undefined;
  const deal = cat ? catalogDeal("amazon-anthropic") : undefined;
  const trn2 = cat?.chip("trainium2");
  const trn3 = cat?.chip("trainium3");

  return (v) => {
    const power = v["capacity.power"]!;
    const pue = v["capacity.pue"]!;
    const load = v["capacity.load"]!;
    const overhead = v["capacity.hostOverhead"]!;
    const s2 = v["mix.trainium2"]!;
    const s3 = v["mix.trainium3"]!;
    const shares = [s2, s3, Math.max(0, 1 - s2 - s3)];
    gens[1]!.tdp = v["chip.trainium3.tdp"]!;

    // capacity: power -> chips per generation
    let chips = 0;
    let peak = 0;
    let capex = 0;
    let itPower = 0;
    let bwSum = 0;
    for (let g = 0; g < gens.length; g++) {
      const gen = gens[g]!;
      const perChipW = gen.tdp * load * (1 + overhead) * pue;
      const n = Math.floor((power * shares[g]!) / perChipW);
      chips += n;
      peak += n * gen.flops;
      bwSum += n * gen.bw;
      capex += n * v["chip.price"]! * gen.priceScale * 1.6;
      itPower += (n * gen.tdp * load * (1 + overhead)) / 1;
    }
    let facilityPower = itPower * pue;
    let energyPerYear = facilityPower * YEAR_S;
    let homes = energyPerYear / (10_500 * 3.6e6);
    let opexPerYear = energyPerYear * v["price.electricity"]! + capex * 0.04;
    if (trn2 && trn3) {
      const c = capacity({
        powerW: power,
        mix: [
          { chip: trn2, share: s2 / (s2 + s3) },
          { chip: trn3, share: s3 / (s2 + s3) },
        ],
        pue,
        averageLoad: load,
        serverOverheadFraction: overhead,
        acceleratorPriceUsd: v["chip.price"]!,
        electricityUsdPerJ: v["price.electricity"]!,
        mfu: v["train.mfu"]!,
        catalog: cat,
      });
      chips = c.chips.value;
      peak = c.peakFlops.bf16?.value ?? peak;
      capex = c.capex.total.value;
      facilityPower = c.power.value;
      itPower = facilityPower / pue;
      energyPerYear = c.energyPerYear.value;
      homes = c.homesUS.value;
      opexPerYear = c.perYear.total.value;
    }

    // deal: ramp, cash flows for three parties, NPV, IRR
    const rate = v["deal.discountRate"]!;
    const ramp = v["deal.rampYears"]!;
    const commitment = v["deal.commitment"]!;
    const investment = v["deal.investment"]!;
    let npv = 0;
    let revenue = 0;
    let investorBack = 0;
    cash[0] = -investment;
    for (let y = 1; y <= years; y++) {
      const online = 1 / (1 + Math.exp(-(y - ramp) * 1.5));
      const spend = (commitment / years) * online;
      const hours = chips * online * YEAR_S * v["serve.utilisation"]!;
      const cloud = Math.min(spend, hours * v["price.chipHour"]!);
      const provider = cloud - opexPerYear * online - capex / years;
      const lab = -spend + cloud * 0.1;
      investorBack += Math.max(0, provider) * 0.5 + lab * 0;
      revenue += cloud;
      cash[y] = provider;
      npv += provider / (1 + rate) ** y;
    }
    let lo = -0.99;
    let hi = 5;
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      let f = 0;
      for (let y = 0; y <= years; y++) f += cash[y]! / (1 + mid) ** y;
      if (f > 0) lo = mid;
      else hi = mid;
    }
    let irr = (lo + hi) / 2;
    let circularity = investorBack / investment;
    if (deal) {
      const d = evaluateDeal(deal, {
        catalog: cat,
        pue,
        averageLoad: load,
        serverOverheadFraction: overhead,
        electricityUsdPerJ: v["price.electricity"]!,
        mfu: v["train.mfu"]!,
        discountRate: rate,
      });
      npv = d.npv.provider?.value ?? npv;
      irr = d.irr.provider ?? Number.NaN;
      circularity = d.totals.circularity.value;
    }

    // training: frontier runs per year
    const runFlops = flopsPerToken * v["train.tokens"]!;
    const delivered = peak * v["train.mfu"]!;
    const runSeconds = runFlops / delivered;
    const runsPerYear = YEAR_S / runSeconds;

    // serving: decode roofline over batch sizes
    const avgBw = bwSum / Math.max(1, chips);
    const avgFlops = peak / Math.max(1, chips);
    let bestCost = Number.POSITIVE_INFINITY;
    let bestBatch = 1;
    for (const b of batches) {
      const bytes = weightBytes / 64 + (b * 4096 * kvBytesPerToken) / 64;
      const flops = (2 * shape.activeParams * b) / 64;
      const step = Math.max(bytes / avgBw, flops / (avgFlops * 0.5)) + 20e-6;
      const tokensPerSecond = (b / step) * 64;
      const cost = (v["price.chipHour"]! * 64) / tokensPerSecond;
      if (cost < bestCost) {
        bestCost = cost;
        bestBatch = b;
      }
    }

    // stand-in for a parallelism search
    let best = Number.POSITIVE_INFINITY;
    for (let c = 0; c < config.searchCandidates; c++) {
      const tp = 1 << (c % 4);
      const pp = 1 + (c % 16);
      const dp = Math.max(1, Math.floor(chips / (tp * pp)));
      const bubble = (pp - 1) / (pp - 1 + 32);
      const t =
        runFlops / (dp * tp * pp * avgFlops * 0.45) / (1 - bubble) + (tp - 1) * 1e-3 + Math.log2(dp) * 1e-2;
      if (t < best) best = t;
    }

    return {
      chips,
      peakFlops: peak,
      deliveredFlops: delivered,
      itPowerW: itPower,
      facilityPowerW: facilityPower,
      energyPerYearJ: energyPerYear,
      homes,
      capexUsd: capex,
      opexPerYearUsd: opexPerYear,
      npvUsd: npv,
      irr,
      revenueUsd: revenue,
      investorBackUsd: investorBack,
      circularity,
      trainingRunsPerYear: runsPerYear,
      runSeconds,
      costPerMillionTokensUsd: bestCost * 1e6,
      bestBatch,
      searchBestSeconds: config.searchCandidates > 0 ? best : runSeconds,
      commitmentPerGwUsd: commitment / (power / 1e9),
    };
  };
}

function line(label: string, samples: number, ms: number, extra = ""): void {
  const rate = (samples / ms) * 1000;
  console.log(
    `${label.padEnd(62)} ${samples} samples in ${(ms / 1000).toFixed(3)} s = ${Math.round(rate).toLocaleString("en-US")} samples/s${extra}`,
  );
}

async function variant(what: string, config: StandInConfig, samples: number, here: string): Promise<void> {
  const evaluate = standInEvaluator(config);
  monteCarlo({ inputs: standInInputs, evaluate, samples: Math.min(500, samples / 4), seed: 0 }); // warm up
  let t = performance.now();
  const serial = monteCarlo({ inputs: standInInputs, evaluate, samples, seed: 1 });
  const serialMs = performance.now() - t;
  line(`${what}, this thread`, samples, serialMs);

  for (const threads of [1, 2]) {
    t = performance.now();
    const par = await parallelMonteCarlo({
      module: here,
      exportName: "standInEvaluator",
      config,
      inputs: standInInputs,
      samples,
      seed: 1,
      threads,
      minParallelMs: 0,
      respectLoad: false,
    });
    const same = par.outputs.npvUsd!.samples.every((x, i) => Object.is(x, serial.outputs.npvUsd!.samples[i]));
    line(
      `${what}, ${threads} thread${threads > 1 ? `s (${par.parallel.workers} worker, blocks of ${par.parallel.blockSamples})` : ", parallel driver"}`,
      samples,
      performance.now() - t,
      `${same ? "" : "  RESULTS DIFFER"} (pilot ${par.parallel.pilotMsPerSample.toFixed(3)} ms/sample)`,
    );
  }
}

export default async function bench(): Promise<void> {
  const here = fileURLToPath(import.meta.url);
  console.log(
    `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} (other work slows threads down)`,
  );
  // The per-sample cost of the engine itself: an evaluate that does nothing.
  const t = performance.now();
  monteCarlo({ inputs: standInInputs, evaluate: () => ({ x: 1 }), samples: 10_000, seed: 1 });
  line("engine overhead only (17 inputs, 1 output)", 10_000, performance.now() - t);

  await variant("stand-in", { searchCandidates: 0 }, 10_000, here);
  await variant("stand-in + 2000-candidate search", { searchCandidates: 2000 }, 10_000, here);
  // The real capacity() and evaluateDeal() per sample are far slower than the rest (they format
  // every traced formula as they go): fewer samples, and the time 10,000 would take.
  const n = 500;
  const evaluate = standInEvaluator({ searchCandidates: 0, realModules: true });
  monteCarlo({ inputs: standInInputs, evaluate, samples: 20, seed: 0 });
  for (const threads of [1, 2, 0]) {
    const c = performance.now();
    const r = await parallelMonteCarlo({
      module: here,
      exportName: "standInEvaluator",
      config: { searchCandidates: 0, realModules: true },
      inputs: standInInputs,
      samples: n,
      seed: 1,
      threads: threads || undefined,
      minParallelMs: threads ? 0 : undefined,
      respectLoad: threads === 0,
    });
    const ms = performance.now() - c;
    const how = threads
      ? `${threads} thread${threads > 1 ? "s" : ""}`
      : `default (${r.parallel.workers} workers)`;
    line(`stand-in with src/capacity + src/deal, ${how}`, n, ms);
    console.log(`  -> 10,000 samples would take ${((ms / n) * 10).toFixed(1)} s`);
  }
}
