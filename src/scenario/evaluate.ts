/**
 * Evaluating a scenario down the whole chain: capacity, deal, training and serving, each from its
 * section, tied together where one feeds another (the training planner's MFU and the model's
 * training FLOP set what a deal's compute buys). The result keeps every module's full answer and
 * a flat record of named outputs for Monte Carlo, claims and reports.
 */

import {
  type CapacityResult,
  capacity,
  chipEconomics,
  type EconomicsOverrides,
  resolveParams,
} from "../capacity/index.js";
import { type Catalog, type ChipSpec, catalog, type SystemSpec } from "../catalog/catalog.js";
import type { Model } from "../catalog/schema.js";
import {
  type DealOptions,
  type DealResult,
  type DealYear,
  decimalYear,
  evaluateDeal,
  type LabSide,
  labSide,
  onlineAt,
} from "../deal/index.js";
import { InputError } from "../errors.js";
import { architectureShape, trainingFlopsPerToken } from "../llm/architecture.js";
import { estimateServing, type ServingEstimate } from "../serve/index.js";
import {
  checkStrategy,
  estimateOn,
  estimateTraining,
  type Problem,
  prepare,
  type SearchResult,
  type Strategy,
  searchTraining,
  type TrainingEstimate,
  type TrainingOptions,
} from "../train/index.js";
import type { CaseInput } from "../uncertainty/cases.js";
import type { Evaluate } from "../uncertainty/monte-carlo.js";
import type { Uncertain } from "../uncertainty/value.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { fmt } from "../units/traced.js";
import { scenarioInputs, value, withValues } from "./inputs.js";
import type { Scenario } from "./schema.js";
import { dealFromSection } from "./sections/deal.js";
import { servingOptions } from "./sections/serving.js";

/** Options of `evaluateScenario`. */
export interface EvaluateOptions {
  catalog?: Catalog;
  /** Hold this training strategy instead of searching (Monte Carlo samples reuse the nominal best). */
  strategy?: Strategy;
  /** Where errors point (the scenario file's name). */
  file?: string;
  /** Deal options that override what the scenario implies (flags of `gigawatt deal FILE`). */
  deal?: Pick<
    DealOptions,
    "trainingShare" | "includeContingent" | "discountRate" | "frontierRun" | "servedModel"
  >;
}

/** A scenario's evaluation. */
export interface ScenarioResult {
  scenario: Scenario;
  model?: Model;
  system?: SystemSpec;
  chips?: number;
  capacity?: CapacityResult;
  deal?: DealResult;
  /** The lab's compute bill against its revenue (with a deal whose lab economics.json knows). */
  lab?: LabSide;
  training?: { estimate: TrainingEstimate; search?: SearchResult };
  serving?: ServingEstimate;
  /** Named outputs in SI units ("capacity.homesUS", "deal.investment", "serving.usdPerMOutput"). */
  outputs: Record<string, number>;
  /** What limits each headline output, in words. */
  limits: Record<string, string>;
}

/**
 * A small memo for the parts of the chain that sampled inputs rarely change: a Monte Carlo draws
 * thousands of samples in which the model, system, batch and workload stay the same.
 */
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size > 64) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}
const problems = new Map<string, Problem>();
const servingEstimates = new Map<string, ServingEstimate>();

/** A training estimate for a fixed strategy, reusing the precomputed problem. */
function estimateFixed(opts: TrainingOptions, strategy: Strategy): TrainingEstimate {
  const key = JSON.stringify([
    opts.model,
    opts.system.id,
    opts.chips,
    opts.precision,
    opts.seq,
    opts.batchSeqs,
    opts.batchTokens,
  ]);
  const p = memo(problems, key, () => prepare(opts));
  checkStrategy(p, strategy, opts.pipelineSplit ?? "embedding");
  return estimateOn(p, strategy, opts);
}

/**
 * A serving estimate; cost is linear in the price, so estimates that differ only in price are
 * one estimate rescaled.
 */
function serveAt(o: Parameters<typeof estimateServing>[0]): ServingEstimate {
  const { priceUsdPerChipHour: price, ...rest } = o;
  const base = memo(
    servingEstimates,
    JSON.stringify([rest.model, rest.system.id, { ...rest, model: 0, system: 0 }, price === undefined]),
    () => estimateServing(o),
  );
  if (price === undefined || !base.cost || base.cost.usdPerChipHour === price) return base;
  const k = price / base.cost.usdPerChipHour;
  const c = base.cost;
  return {
    ...base,
    cost: {
      ...c,
      usdPerChipHour: price,
      usdPerMillionInput: c.usdPerMillionInput * k,
      usdPerMillionOutput: c.usdPerMillionOutput * k,
      usdPerMillionTotal: c.usdPerMillionTotal * k,
    },
  };
}

function resolveModel(s: Scenario, cat: Catalog): Model | undefined {
  if (s.model === undefined) return undefined;
  if (typeof s.model === "string") return cat.model(s.model, "model");
  const m = s.model;
  return { ...m, id: m.id ?? "inline", aliases: m.aliases ?? [], sources: m.sources ?? [] } as Model;
}

/**
 * The economics of the capacity section (load, PUE, prices, lives): the fleet's and, so that
 * the provider's cost in a deal is the same datacenter's, the deal's.
 */
function economicsOf(s: Scenario): EconomicsOverrides {
  const c = s.capacity;
  if (!c) return {};
  return {
    averageLoad: value(c.averageLoad),
    pue: value(c.pue),
    serverOverheadFraction: value(c.serverOverhead),
    electricityUsdPerJ: c.electricityPrice ? value(c.electricityPrice) / 3.6e6 : undefined,
    facilityCapexUsdPerW: c.facilityCapexPerMW ? value(c.facilityCapexPerMW) / 1e6 : undefined,
    acceleratorPriceUsd: value(c.chipPrice),
    serverLifeS: value(c.serverLife),
    facilityLifeS: value(c.facilityLife),
    costOfCapital: value(c.costOfCapital),
    opexShareOfCapex: value(c.opex),
    mfu: value(c.mfu),
  };
}

/** Per-chip values the capacity section states, by catalog chip id. */
function perChip(p: Record<string, Uncertain> | undefined): Record<string, number> | undefined {
  if (!p) return undefined;
  const cat = catalog();
  return Object.fromEntries(Object.entries(p).map(([id, u]) => [cat.chip(id).id, value(u)]));
}
const chipPricesOf = (s: Scenario) => perChip(s.capacity?.chipPrices);
const chipTdpOf = (s: Scenario) => perChip(s.capacity?.chipTdp);

function evaluateCapacity(s: Scenario, cat: Catalog): CapacityResult | undefined {
  const c = s.capacity;
  if (!c) return undefined;
  return capacity({
    powerW: value(c.power),
    chips: value(c.chips),
    chip: c.chip ? cat.chip(c.chip) : undefined,
    tdpW: value(c.tdp),
    mix: c.mix?.map((m) => ({ chip: cat.chip(m.chip), share: value(m.share), tdpW: value(m.tdp) })),
    ...economicsOf(s),
    chipPricesUsd: chipPricesOf(s),
    chipTdpW: chipTdpOf(s),
    catalog: cat,
    location: "capacity",
  });
}

/**
 * The new capacity a deal buys, as a fleet: its vintages online when the ramp completes, with the
 * same per-chip power and prices as the deal's year table, so both count the same chips.
 */
function capacityOfDeal(s: Scenario, cat: Catalog, d: DealResult): CapacityResult | undefined {
  const last = d.deal.ramp.at(-1);
  if (!last) return undefined;
  const t = decimalYear(last.date);
  const byChip = new Map<string, { chip: ChipSpec; tdpW?: number; powerW: number }>();
  for (const v of d.vintages) {
    if (v.existing || (v.refreshes !== undefined && d.vintages[v.refreshes]!.existing)) continue;
    const w = onlineAt(v, t);
    if (w <= 0) continue;
    const e = byChip.get(v.chip.id) ?? { chip: v.chip, tdpW: v.tdpW, powerW: 0 };
    e.powerW += w;
    byChip.set(v.chip.id, e);
  }
  const total = [...byChip.values()].reduce((a, e) => a + e.powerW, 0);
  if (total <= 0) return undefined;
  return capacity({
    powerW: total,
    mix: [...byChip.values()].map((e) => ({ chip: e.chip, share: e.powerW / total, tdpW: e.tdpW })),
    ...economicsOf(s),
    chipPricesUsd: chipPricesOf(s),
    chipTdpW: chipTdpOf(s),
    catalog: cat,
    location: "capacity",
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The scenario's model, system and chips, for the sections that need them. */
interface Setup {
  model: Model;
  system: SystemSpec;
  chips: number;
  /** Price per chip-hour given by the scenario, US$ per hour. */
  priceUsdPerHour?: number;
}

function trainingPart(s: Scenario, setup: Setup, r: ScenarioResult, opts: EvaluateOptions): void {
  const t = s.training!;
  const base = {
    model: setup.model,
    system: setup.system,
    chips: setup.chips,
    precision: t.precision,
    seq: t.seq,
    batchTokens: t.batch,
    batchSeqs: t.batchSeqs,
    tokens: value(t.tokens),
    pricePerChipHour: setup.priceUsdPerHour,
    pue: t.pue ?? value(s.capacity?.pue),
    pipelineSplit: t.pipelineSplit,
  };
  let estimate: TrainingEstimate;
  let search: SearchResult | undefined;
  if (opts.strategy) estimate = estimateFixed(base, opts.strategy);
  else if (t.search) {
    search = searchTraining({ ...base, strategy: t.strategy, top: t.top });
    estimate = search.best!;
  } else estimate = estimateTraining({ ...base, strategy: t.strategy });
  r.training = { estimate, search };
  // The planner's error: throughput scales by it, and time (so energy and cost) by its inverse.
  const k = value(t.modelError) ?? 1;
  const out = r.outputs;
  out["training.tokensPerSecondPerChip"] = estimate.tokensPerSecondPerChip * k;
  out["training.mfu"] = estimate.mfu * k;
  out["training.stepTime"] = estimate.time.step / k;
  if (estimate.run) {
    out["training.timeToTrain"] = estimate.run.seconds / k;
    out["training.chipHours"] = estimate.run.chipHours / k;
    if (estimate.run.energyJ !== undefined) out["training.energy"] = estimate.run.energyJ / k;
    if (estimate.run.costUsd !== undefined) out["training.cost"] = estimate.run.costUsd / k;
  }
  r.limits.training = `step bound by ${estimate.bound}`;
}

function servingPart(s: Scenario, setup: Setup, r: ScenarioResult): void {
  const est = serveAt(servingOptions(s.serving!, { ...setup, priceUsdPerChipHour: setup.priceUsdPerHour }));
  r.serving = est;
  // The planner's error: throughput scales by it, latencies and cost per token by its inverse.
  const k = value(s.serving!.modelError) ?? 1;
  const out = r.outputs;
  out["serving.ttft"] = est.ttftS / k;
  out["serving.tpot"] = est.tpotS / k;
  out["serving.outputTokensPerSecondPerChip"] = est.throughput.outputTokensPerSPerChip * k;
  if (est.cost) {
    out["serving.usdPerMInput"] = est.cost.usdPerMillionInput / k;
    out["serving.usdPerMOutput"] = est.cost.usdPerMillionOutput / k;
  }
  r.limits.serving = `decode step bound by ${est.bound}`;
}

function capacityPart(s: Scenario, r: ScenarioResult, cap: CapacityResult | undefined): void {
  if (!cap) return;
  r.capacity = cap;
  const out = r.outputs;
  out["capacity.chips"] = cap.chips.value;
  out["capacity.power"] = cap.power.value;
  out["capacity.averagePower"] = cap.averagePower.value;
  out["capacity.energyPerYear"] = cap.energyPerYear.value;
  out["capacity.homesUS"] = cap.homesUS.value;
  out["capacity.homesUSAtFullPower"] = cap.homesUSAtFullPower.value;
  out["capacity.homesEU"] = cap.homesEU.value;
  if (cap.peakFlops.bf16) out["capacity.peakFlopsBf16"] = cap.peakFlops.bf16.value;
  if (cap.peakFlops.fp8) out["capacity.peakFlopsFp8"] = cap.peakFlops.fp8.value;
  if (cap.deliveredFlops.bf16) out["capacity.deliveredFlopsBf16"] = cap.deliveredFlops.bf16.value;
  if (cap.deliveredFlops.fp8) out["capacity.deliveredFlopsFp8"] = cap.deliveredFlops.fp8.value;
  out["capacity.capex"] = cap.capex.total.value;
  out["capacity.costPerYear"] = cap.perYear.total.value;
  out["capacity.tcoPerChipHour"] = cap.tcoPerChipHour.value;
  out["capacity.tcoPerGwYear"] = cap.tcoPerGwYear.value;
  r.limits.capacity = r.deal
    ? `the deal's new capacity (${fmt(cap.power.value, "power")}), sized at full load: chips = power / ((TDP + server overhead) x PUE)`
    : `${cap.limitedBy}: chips = power / ((TDP + server overhead) x PUE)`;
  const perChip = out["serving.outputTokensPerSecondPerChip"];
  if (perChip && r.system?.chip.tdpW !== undefined) {
    // Serving at the provider's own cost: the serving chip's TCO per chip-hour over its tokens per hour.
    const unit = chipEconomics(r.system.chip, resolveParams(economicsOf(s)), {
      system: r.system,
      tdpW: chipTdpOf(s)?.[r.system.chip.id],
      priceUsd: chipPricesOf(s)?.[r.system.chip.id],
    });
    out["serving.usdPerMOutputAtTco"] = (unit.tcoPerChipHour.value / (perChip * 3600)) * 1e6;
  }
}

function dealPart(s: Scenario, cat: Catalog, r: ScenarioResult, opts: EvaluateOptions): DealResult {
  const deal = dealFromSection(s.deal!, "deal");
  if (s.capacity && deal.ramp.length > 0) {
    const clash = s.capacity.mix ? "mix" : s.capacity.chip ? "chip" : s.capacity.chips ? "chips" : undefined;
    if (clash)
      throw new InputError("the deal's ramp sets the chips and their power", {
        location: `capacity.${clash}`,
        hint: "size the deal's new capacity with capacity.power only (the ramp names the chips), or drop the deal's ramp",
      });
  }
  const { model } = r;
  // What the compute buys is the scenario's own model at the planner's MFU, when both exist.
  const runFlop =
    model && s.training
      ? trainingFlopsPerToken(architectureShape(model), s.training.seq) * value(s.training.tokens)
      : undefined;
  const d = evaluateDeal(deal, {
    ...economicsOf(s),
    chipPricesUsd: chipPricesOf(s),
    chipTdpW: chipTdpOf(s),
    catalog: cat,
    location: "deal",
    discountRate: value(s.deal!.discountRate),
    modelRunFlop: runFlop,
    precision: s.training?.precision === "fp8" ? "fp8" : "bf16",
    frontierGrowth: value(s.deal!.frontierGrowth),
    trainingShare: value(s.deal!.trainingShare),
    terminalValuationUsd: value(s.deal!.terminalValuation),
    newPowerW: value(s.capacity?.power),
    mfu: r.outputs["training.mfu"] ?? value(s.capacity?.mfu),
    servedModel: model && typeof s.model === "string" ? model.id : undefined,
    ...definedOnly(opts.deal ?? {}),
  });
  r.deal = d;
  const out = r.outputs;
  const t = d.totals;
  out["deal.investment"] = t.investment.value;
  out["deal.investmentWithMilestones"] = t.investment.value + t.contingentInvestment.value;
  // The latest round: the tranches from the year of the last one paid now, milestones included.
  const paid = deal.tranches.filter((x) => !x.contingent).map((x) => x.date.slice(0, 4));
  const lastYear = paid.sort().at(-1) ?? "0";
  out["deal.latestRoundWithMilestones"] = deal.tranches
    .filter((x) => x.date.slice(0, 4) >= lastYear)
    .reduce((a, x) => a + x.amountUsd, 0);
  out["deal.committedSpend"] = t.committedSpend.value;
  out["deal.labSpend"] = t.labSpend.value;
  out["deal.circularity"] = t.circularity.value;
  out["deal.maxPower"] = t.maxPowerW.value;
  out["deal.existingPower"] = t.existingPowerW.value;
  out["deal.gwYears"] = t.gwYears.value;
  out["deal.flop"] = t.flop.value;
  out["deal.stake"] = t.stake.value;
  out["deal.stakeValue"] = t.stakeValue.value;
  if (t.impliedUsdPerWYear) out["deal.pricePerGwYear"] = t.impliedUsdPerWYear.value * 1e9;
  if (deal.providerRole === "cloud" && d.vintages.length > 0) {
    out["deal.providerCost"] = t.providerCost.value;
    out["deal.providerMargin"] = t.providerMargin.value;
    out["deal.providerMarginShare"] = t.providerMarginShare.value;
    out["deal.economicProfit"] = t.economicProfit.value;
    out["deal.capex"] = t.capex.value;
    if (t.costUsdPerWYear) out["deal.costPerGwYear"] = t.costUsdPerWYear.value * 1e9;
    if (d.irr.provider !== undefined) out["deal.providerIrr"] = d.irr.provider;
  }
  // Implied terms: what the commitment's years of capacity cost at the market price, and what the
  // commitment buys at market and at the provider's cost.
  const binding = deal.commitments.filter((c) => c.status !== "estimate");
  if (binding.length > 0 && d.vintages.length > 0) {
    const from = Math.min(...binding.map((c) => c.startYear));
    const to = Math.max(...binding.map((c) => c.startYear + c.years - 1));
    const term = d.years.filter((y) => y.year >= from && y.year <= to);
    const sum = (f: (y: DealYear) => number) => term.reduce((a, y) => a + f(y), 0);
    const wYears = sum((y) => y.powerW);
    out["deal.usageInCommitmentYears"] = sum((y) => y.usageUsd);
    if (wYears > 0 && sum((y) => y.usageUsd) > 0)
      out["deal.commitmentGwYearsAtMarket"] =
        t.committedSpend.value / (sum((y) => y.usageUsd) / wYears) / 1e9;
    if (wYears > 0 && deal.providerRole === "cloud" && sum((y) => y.providerCostUsd) > 0)
      out["deal.commitmentGwYearsAtCost"] =
        t.committedSpend.value / (sum((y) => y.providerCostUsd) / wYears) / 1e9;
  }
  if (d.npv.investor) out["deal.investorNpv"] = d.npv.investor.value;
  if (d.irr.investor !== undefined) out["deal.investorIrr"] = d.irr.investor;
  const full = d.years.find((y) => y.year === d.fullRampYear) ?? d.years.at(-1)!;
  if (runFlop !== undefined) out["deal.trainingRunsPerYear"] = full.trainingRuns;
  out["deal.frontierRunsPerYear"] = full.frontierRuns;
  out["deal.tokensServedPerYear"] = full.tokensServed;
  out["deal.labSpendAtFullRamp"] = full.labSpendUsd;
  out["deal.peakFlopsAtFullRamp"] = full.flopBf16 / SECONDS_PER_YEAR / (d.compute.mfu || 1);
  out["deal.peakFlopsFp8AtFullRamp"] = full.flopFp8 / SECONDS_PER_YEAR / (d.compute.mfu || 1);
  const servingPeak = r.system?.chip.peakFlops.bf16;
  const servedPerChip = out["serving.outputTokensPerSecondPerChip"];
  if (servedPerChip && servingPeak) {
    // The serving planner's output tokens per second per peak FLOP/s, applied to the fleet's
    // serving share: decode is bound by memory bandwidth, not by the FLOP a token needs.
    const perPeakFlop = servedPerChip / servingPeak;
    out["deal.outputTokensPerYear"] =
      out["deal.peakFlopsAtFullRamp"] * (1 - d.compute.trainingShare) * perPeakFlop * SECONDS_PER_YEAR;
  }
  const lab = labSide(d, {
    catalog: cat,
    grossMargin: value(s.deal!.labGrossMargin),
    revenueGrowth: value(s.deal!.labRevenueGrowth),
    otherDeals: s.deal!.otherDeals,
  });
  if (lab) {
    r.lab = lab;
    const y = lab.years.find((x) => x.year === full.year)!;
    out["deal.labComputeSpendAtFullRamp"] = y.totalUsd;
    out["deal.labRevenueNeededAtFullRamp"] = y.neededUsd;
    out["deal.labRevenueAtFullRamp"] = y.revenueUsd;
    out["deal.labCoverageAtFullRamp"] = y.coverage;
  }
  r.limits.deal = `runs and tokens at full ramp (${full.year}): ${Math.round(d.compute.trainingShare * 100)}% of FLOP for training at MFU ${(d.compute.mfu * 100).toFixed(0)}%`;
  return d;
}

/** Scenario paths of the engine options a section sets, where they are not `section.option`. */
const TRAINING_PATHS: Record<string, string> = {
  model: "model",
  system: "hardware.system",
  chips: "hardware.chips",
  pricePerChipHour: "hardware.pricePerChipHour",
  strategy: "training.strategy",
  batchTokens: "training.batch",
};
const SERVING_PATHS: Record<string, string> = {
  model: "model",
  system: "hardware.system",
  chips: "hardware.chips",
  price: "hardware.pricePerChipHour",
  tp: "serving.layout.tp",
  pp: "serving.layout.pp",
  ep: "serving.layout.ep",
  layout: "serving.layout",
  load: "serving.batch",
  "slo-ttft": "serving.slo.ttft",
  "slo-tpot": "serving.slo.tpot",
  duration: "serving.simulate.duration",
};

/**
 * Runs a section's part of the chain; an engine error at an option ("strategy.tp", "input") is
 * placed at the scenario field that sets it ("training.strategy.tp", "serving.input").
 */
function inSection(section: string, paths: Record<string, string>, f: () => void): void {
  try {
    f();
  } catch (e) {
    const m =
      e instanceof InputError && /^([A-Za-z][\w-]*)((?:\.[A-Za-z]\w*|\[\d+\])*)$/.exec(e.location ?? "");
    if (!m) throw e;
    const head = paths[m[1]!] ?? `${section}.${m[1]}`;
    throw new InputError(e.message, { location: `${head}${m[2]}`, hint: e.hint });
  }
}

/**
 * Evaluates a scenario at its nominal inputs (or, for a Monte Carlo sample, at fixed ones), link
 * by link: training and serving first, since capacity and the deal use what they find. Errors are
 * located at scenario paths ("training.strategy.tp"); `loadScenario`'s `locate` turns them into
 * FILE:LINE:COL.
 */
export function evaluateScenario(s: Scenario, opts: EvaluateOptions = {}): ScenarioResult {
  const cat = opts.catalog ?? catalog();
  const model = resolveModel(s, cat);
  const system = s.hardware ? cat.systemOrChip(s.hardware.system, "hardware.system") : undefined;
  const chips = s.hardware?.chips;
  const price = value(s.hardware?.pricePerChipHour);
  const r: ScenarioResult = { scenario: s, model, system, chips, outputs: {}, limits: {} };
  const setup = (what: string): Setup => {
    if (!model || !system || !chips) {
      throw new InputError(`a ${what} section needs model: and hardware: {system, chips}`, {
        location: what,
        hint: "add them, or remove the section",
      });
    }
    return { model, system, chips, priceUsdPerHour: price !== undefined ? price * 3600 : undefined };
  };
  if (s.training) {
    const at = setup("training");
    const batch = s.training.batch !== undefined ? "training.batch" : "training.batchSeqs";
    inSection("training", { ...TRAINING_PATHS, batch }, () => trainingPart(s, at, r, opts));
  }
  if (s.serving) {
    const at = setup("serving");
    inSection("serving", SERVING_PATHS, () => servingPart(s, at, r));
  }
  // One capacity: with a deal, the capacity section sizes the deal's new capacity and the
  // capacity outputs are that fleet, so the headline and the year-by-year table agree.
  const deal = s.deal ? dealPart(s, cat, r, opts) : undefined;
  capacityPart(s, r, deal ? capacityOfDeal(s, cat, deal) : evaluateCapacity(s, cat));
  return r;
}

/**
 * What a Monte Carlo of a scenario needs: the uncertain inputs it samples, the far-apart
 * conflicting readings it holds at their first (read as cases instead), and an evaluation of the
 * whole chain at given values. The training strategy found at the nominal inputs is held fixed,
 * so a sample re-estimates the step rather than searching again.
 */
export function scenarioMonteCarlo(
  s: Scenario,
  nominal: ScenarioResult,
  opts: EvaluateOptions = {},
): { inputs: Record<string, Uncertain>; cases: Record<string, CaseInput>; evaluate: Evaluate } {
  const strategy = nominal.training?.estimate.strategy;
  const { sampled, cases } = scenarioInputs(s);
  return {
    inputs: sampled,
    cases,
    evaluate: (values) => evaluateScenario(withValues(s, values), { ...opts, strategy }).outputs,
  };
}

/** The Monte Carlo evaluator of a scenario, by name, for worker threads (see src/node/parallel-monte-carlo.ts). */
export function scenarioEvaluator(config: { scenario: Scenario; strategy?: Strategy }): Evaluate {
  return (values) =>
    evaluateScenario(withValues(config.scenario, values), { strategy: config.strategy }).outputs;
}
