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

/** Every output `evaluateScenario` may produce, in report order. */
export const OUTPUTS: Record<string, OutputInfo> = {
  "deal.investment": { label: "investment paid", kind: "money" },
  "deal.investmentWithMilestones": { label: "investment with milestone tranches", kind: "money" },
  "deal.latestRoundWithMilestones": { label: "latest round, milestones included", kind: "money" },
  "deal.committedSpend": { label: "committed cloud spend", kind: "money" },
  "deal.labSpend": { label: "lab spend over the deal", kind: "money" },
  "deal.maxPower": { label: "power at the end of the ramp", kind: "power" },
  "deal.peakFlopsAtFullRamp": { label: "peak BF16 at full ramp", kind: "computeRate" },
  "deal.flop": { label: "FLOP delivered over the deal", kind: "compute" },
  "deal.trainingRunsPerYear": {
    label: "frontier training runs per year (full ramp)",
    kind: "count",
    measure: { kind: "count", digits: 2 },
  },
  "deal.tokensServedPerYear": { label: "tokens served per year (full ramp, compute-bound)", kind: "tokens" },
  "deal.outputTokensPerYear": {
    label: "output tokens served per year (full ramp, serving planner)",
    kind: "tokens",
  },
  "deal.providerMargin": { label: "provider margin over the deal", kind: "money" },
  "deal.circularity": { label: "circularity (investor's money back as revenue)", kind: "fraction" },
  "capacity.power": { label: "facility power", kind: "power" },
  "capacity.chips": { label: "chips", kind: "count" },
  "capacity.peakFlopsBf16": { label: "peak BF16 compute", kind: "computeRate" },
  "capacity.deliveredFlopsBf16": { label: "delivered BF16 compute (at MFU)", kind: "computeRate" },
  "capacity.energyPerYear": { label: "energy per year", kind: "energy" },
  "capacity.homesUS": { label: "US homes equivalent", kind: "count" },
  "capacity.homesEU": { label: "EU homes equivalent", kind: "count" },
  "capacity.capex": { label: "capex", kind: "money" },
  "capacity.tcoPerChipHour": {
    label: "TCO per chip-hour",
    kind: "usdPerHour",
    measure: { kind: "money", suffix: "/chip-hour" },
  },
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
    label: "$ per million output tokens (at TCO)",
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
