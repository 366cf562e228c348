/** What each named output of a scenario's evaluation is: a label for people and its kind. */
import { formatMoney, formatQuantity } from "../units/format.js";
import type { QuantityKind } from "../units/quantity.js";

export interface OutputInfo {
  label: string;
  kind: QuantityKind | "usdPerHour";
}

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
  "deal.trainingRunsPerYear": { label: "frontier training runs per year (full ramp)", kind: "count" },
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
  "capacity.tcoPerChipHour": { label: "TCO per chip-hour", kind: "usdPerHour" },
  "training.tokensPerSecondPerChip": { label: "training tokens/s per chip", kind: "count" },
  "training.mfu": { label: "training MFU", kind: "fraction" },
  "training.stepTime": { label: "training step time", kind: "time" },
  "training.timeToTrain": { label: "time to train", kind: "time" },
  "training.chipHours": { label: "training chip-hours", kind: "count" },
  "training.energy": { label: "training energy", kind: "energy" },
  "training.cost": { label: "training cost", kind: "money" },
  "serving.ttft": { label: "time to first token", kind: "time" },
  "serving.tpot": { label: "time per output token", kind: "time" },
  "serving.outputTokensPerSecondPerChip": { label: "output tokens/s per chip", kind: "count" },
  "serving.usdPerMInput": { label: "$ per million input tokens (cloud price)", kind: "money" },
  "serving.usdPerMOutput": { label: "$ per million output tokens (cloud price)", kind: "money" },
  "serving.usdPerMOutputAtTco": { label: "$ per million output tokens (at TCO)", kind: "money" },
};

/** A label for an output ("US homes equivalent"), or its name when unknown. */
export function outputLabel(name: string): string {
  return Object.hasOwn(OUTPUTS, name) ? OUTPUTS[name]!.label : name;
}

/** An output's value formatted for people. */
export function formatOutput(name: string, value: number): string {
  const kind = Object.hasOwn(OUTPUTS, name) ? OUTPUTS[name]!.kind : "count";
  if (kind === "usdPerHour") return `${formatMoney(value)}/h`;
  return formatQuantity(value, kind);
}
