/**
 * What each named output of a scenario's evaluation is: a label for people, its kind and how its
 * values read (one Measure for every report, chart and the web app).
 */
import { formatMeasure, type Measure } from "../units/format.js";
import type { QuantityKind } from "../units/quantity.js";

export interface OutputInfo {
  /** What it is, in words, lower case ("US homes equivalent"). */
  label: string;
  /**
   * What it measures. `usdPerHour` is US$ per chip-hour as a plain number, and the `$ per
   * million tokens` outputs are money per million tokens.
   */
  kind: QuantityKind | "usdPerHour";
  /** How a value reads, when not simply its kind ("/M tokens" after money). */
  measure?: Measure;
}

const perMillionTokens: Measure = { kind: "money", suffix: "/M tokens" };
const tokensPerSecond: Measure = { kind: "count", suffix: " tokens/s" };
const perGwYear: Measure = { kind: "money", suffix: "/GW-year" };

/** Every output `evaluateScenario` may produce, in report order. */
export const OUTPUTS: Record<string, OutputInfo> = {
  "deal.investment": { label: "investment paid", kind: "money" },
  "deal.investmentWithMilestones": { label: "investment with milestone tranches", kind: "money" },
  "deal.latestRoundWithMilestones": { label: "latest round, milestones included", kind: "money" },
  "deal.stake": { label: "investor's stake in the lab at the end", kind: "fraction" },
  "deal.stakeValue": { label: "investor's stake at the latest valuation", kind: "money" },
  "deal.committedSpend": { label: "committed cloud spend (take-or-pay floor)", kind: "money" },
  "deal.labSpend": {
    label: "lab spend over the deal (usage at market price, at least the floor)",
    kind: "money",
  },
  "deal.labSpendAtFullRamp": { label: "lab spend per year at full ramp", kind: "money" },
  "deal.pricePerGwYear": { label: "lab spend per GW-year delivered", kind: "money", measure: perGwYear },
  "deal.costPerGwYear": { label: "provider's operating cost per GW-year", kind: "money", measure: perGwYear },
  "deal.providerCost": { label: "provider's operating cost over the deal", kind: "money" },
  "deal.providerMargin": { label: "provider's operating margin over the deal", kind: "money" },
  "deal.providerMarginShare": { label: "provider's operating margin, share of revenue", kind: "fraction" },
  "deal.economicProfit": { label: "provider's margin after the cost of capital", kind: "money" },
  "deal.providerIrr": { label: "provider's IRR on the capacity", kind: "fraction" },
  "deal.investorIrr": { label: "investor's IRR (stake and cloud cash)", kind: "fraction" },
  "deal.investorNpv": { label: "investor's NPV (stake and cloud cash)", kind: "money" },
  "deal.capex": { label: "provider's capex over the deal (incl. refreshes)", kind: "money" },
  "deal.maxPower": { label: "power at full ramp (new and existing)", kind: "power" },
  "deal.existingPower": { label: "power online before the deal", kind: "power" },
  "deal.gwYears": {
    label: "GW-years delivered over the deal",
    kind: "count",
    measure: { kind: "count", digits: 3 },
  },
  "deal.peakFlopsAtFullRamp": { label: "peak BF16 at full ramp", kind: "computeRate" },
  "deal.peakFlopsFp8AtFullRamp": { label: "peak FP8 at full ramp", kind: "computeRate" },
  "deal.flop": { label: "FLOP delivered over the deal", kind: "compute" },
  "deal.frontierRunsPerYear": {
    label: "frontier-sized training runs per year at full ramp",
    kind: "count",
    measure: { kind: "count", digits: 2 },
  },
  "deal.trainingRunsPerYear": {
    label: "runs of the scenario's model per year at full ramp",
    kind: "count",
    measure: { kind: "count", digits: 2 },
  },
  "deal.tokensServedPerYear": {
    label: "tokens served per year at full ramp (compute-bound)",
    kind: "tokens",
  },
  "deal.outputTokensPerYear": {
    label: "output tokens served per year at full ramp (serving planner)",
    kind: "tokens",
  },
  "deal.usageInCommitmentYears": {
    label: "the commitment the capacity implies (usage at market over the commitment's years)",
    kind: "money",
  },
  "deal.commitmentGwYearsAtMarket": {
    label: "GW-years the commitment buys at the market price",
    kind: "count",
    measure: { kind: "count", digits: 3 },
  },
  "deal.commitmentGwYearsAtCost": {
    label: "GW-years the commitment buys at the provider's cost",
    kind: "count",
    measure: { kind: "count", digits: 3 },
  },
  "deal.labComputeSpendAtFullRamp": {
    label: "the lab's compute spend with every provider, per year at full ramp",
    kind: "money",
  },
  "deal.labRevenueNeededAtFullRamp": {
    label: "revenue the lab needs to carry it at its gross margin",
    kind: "money",
  },
  "deal.labRevenueAtFullRamp": { label: "the lab's revenue on its growth path, that year", kind: "money" },
  "deal.labCoverageAtFullRamp": {
    label: "revenue on the growth path over revenue needed",
    kind: "count",
    measure: { kind: "count", digits: 2, suffix: "x" },
  },
  "deal.circularity": { label: "circularity (investor's money back as revenue)", kind: "fraction" },
  "capacity.power": { label: "facility power at full load", kind: "power" },
  "capacity.averagePower": { label: "facility power drawn on average", kind: "power" },
  "capacity.chips": { label: "chips", kind: "count" },
  "capacity.peakFlopsBf16": { label: "peak BF16 compute", kind: "computeRate" },
  "capacity.peakFlopsFp8": { label: "peak FP8 compute", kind: "computeRate" },
  "capacity.deliveredFlopsBf16": { label: "delivered BF16 compute (at MFU)", kind: "computeRate" },
  "capacity.deliveredFlopsFp8": { label: "delivered FP8 compute (at MFU)", kind: "computeRate" },
  "capacity.energyPerYear": { label: "energy drawn per year", kind: "energy" },
  "capacity.homesUS": { label: "US homes equivalent (energy drawn)", kind: "count" },
  "capacity.homesUSAtFullPower": { label: "US homes equivalent (full power all year)", kind: "count" },
  "capacity.homesEU": { label: "EU homes equivalent (energy drawn)", kind: "count" },
  "capacity.capex": { label: "capex", kind: "money" },
  "capacity.costPerYear": { label: "cost of ownership per year", kind: "money" },
  "capacity.tcoPerChipHour": {
    label: "TCO per chip-hour",
    kind: "usdPerHour",
    measure: { kind: "money", suffix: "/chip-hour" },
  },
  "capacity.tcoPerGwYear": { label: "TCO per GW-year", kind: "money", measure: perGwYear },
  "training.tokensPerSecondPerChip": {
    label: "training tokens/s per chip",
    kind: "count",
    measure: tokensPerSecond,
  },
  "training.mfu": { label: "training MFU", kind: "fraction" },
  "training.stepTime": { label: "training step time", kind: "time" },
  "training.timeToTrain": { label: "time to train", kind: "time" },
  "training.chipHours": { label: "training chip-hours", kind: "count" },
  "training.energy": { label: "training energy", kind: "energy" },
  "training.cost": { label: "training cost", kind: "money" },
  "serving.ttft": { label: "time to first token", kind: "time" },
  "serving.tpot": { label: "time per output token", kind: "time" },
  "serving.outputTokensPerSecondPerChip": {
    label: "output tokens/s per chip",
    kind: "count",
    measure: tokensPerSecond,
  },
  "serving.usdPerMInput": {
    label: "$ per million input tokens (cloud price)",
    kind: "money",
    measure: perMillionTokens,
  },
  "serving.usdPerMOutput": {
    label: "$ per million output tokens (cloud price)",
    kind: "money",
    measure: perMillionTokens,
  },
  "serving.usdPerMOutputAtTco": {
    label: "$ per million output tokens (at the serving chip's TCO)",
    kind: "money",
    measure: perMillionTokens,
  },
};

/** A label for an output ("US homes equivalent"), or its name when unknown. */
export function outputLabel(name: string): string {
  return Object.hasOwn(OUTPUTS, name) ? OUTPUTS[name]!.label : name;
}

/** How an output's values read (a plain count for an output the registry does not know). */
export function outputMeasure(name: string): Measure {
  // Names come from users: never look them up on Object.prototype.
  const info = Object.hasOwn(OUTPUTS, name) ? OUTPUTS[name] : undefined;
  if (info?.measure) return info.measure;
  const kind = info?.kind ?? "count";
  return kind === "usdPerHour" ? { kind: "money", suffix: "/h" } : { kind };
}

/** An output's value formatted for people. */
export function formatOutput(name: string, value: number): string {
  return formatMeasure(value, outputMeasure(name));
}
