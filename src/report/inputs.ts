/**
 * How a scenario's uncertain inputs read in reports: a name in words for each path ("chip-hour
 * price", "tranche of 2026-04-20", "training planner's error"), values in their unit, and the
 * spread described ("triangular 3 GW to 5 GW, mode 5 GW"). The text report, the HTML report and
 * the web app's controls name inputs the same way.
 */
import type { Scenario } from "../scenario/schema.js";
import { nominal, type Uncertain } from "../uncertainty/value.js";
import { formatNumber, formatQuantity } from "../units/format.js";

/** Names of inputs whose path does not say it in words. */
const NAMES: Record<string, string> = {
  "hardware.pricePerChipHour": "chip-hour price",
  "hardware.chips": "chips",
  "training.tokens": "training tokens",
  "training.modelError": "training planner's error",
  "serving.modelError": "serving planner's error",
  "capacity.power": "facility power",
  "capacity.averageLoad": "average load",
  "capacity.pue": "PUE",
  "capacity.chips": "chips",
  "capacity.chipPrice": "chip price",
  "capacity.costOfCapital": "cost of capital",
  "capacity.mfu": "MFU",
  "capacity.tdp": "chip TDP",
  "capacity.serverOverhead": "server overhead",
  "capacity.electricityPrice": "electricity price",
  "capacity.facilityCapexPerMW": "facility capex per MW",
  "capacity.serverLife": "server life",
  "capacity.facilityLife": "facility life",
  "deal.discountRate": "discount rate",
};

/** "averageLoad" -> "average load". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A readable name of an input path ("deal.tranches.3.amount" -> "tranche of 2026-04-20"). */
export function inputName(path: string, s: Scenario): string {
  const known = NAMES[path];
  if (known) return known;
  const deal = /^deal\.(tranches|commitments)\.(\d+)\.amount$/.exec(path);
  if (deal && s.deal) {
    const i = Number(deal[2]);
    const t = deal[1] === "tranches" ? s.deal.tranches?.[i] : undefined;
    if (t) return `tranche of ${t.date}${t.contingent ? " (milestones)" : ""}`;
    const c = deal[1] === "commitments" ? s.deal.commitments?.[i] : undefined;
    if (c) return `commitment from ${c.start}`;
  }
  const mix = /^capacity\.mix\.(\d+)\.(share|tdp)$/.exec(path);
  const chip = mix ? s.capacity?.mix?.[Number(mix[1])]?.chip : undefined;
  if (mix && chip) return mix[2] === "share" ? `${chip} share of power` : `${chip} TDP`;
  // Otherwise the last key in words, with its section: "serving.input" -> "serving input".
  const keys = path.split(".").filter((k) => !/^\d+$/.test(k));
  return keys.length > 1 ? `${keys[0]} ${words(keys.at(-1)!)}` : words(path);
}

/** An input's value in its unit (the kind the scenario schema gave it), or a plain ratio. */
export function inputText(u: Uncertain, v: number): string {
  return u.kind ? formatQuantity(v, u.kind) : formatNumber(v, 3);
}

/** The spread of an uncertain input in words ("triangular 3 GW to 5 GW, mode 5 GW"). */
export function describeUncertain(u: Uncertain): string {
  const t = (v: number) => inputText(u, v);
  switch (u.type) {
    case "point":
      return t(u.value);
    case "uniform":
      return `uniform ${t(u.low)} to ${t(u.high)}`;
    case "triangular":
      return `triangular ${t(u.low)} to ${t(u.high)}, mode ${t(u.mode)}`;
    case "normal":
      return `normal, mean ${t(u.mean)}, sd ${t(u.sd)}`;
    case "lognormal":
      return `lognormal, median ${t(u.median)}, sigma ${formatNumber(u.sigma, 2)}`;
    case "choice":
      return `one of ${u.options.map((o) => `${t(o.value)} (${o.sources.join(", ")})`).join("; ")}`;
  }
}

/**
 * Where an input's nominal value sits in its spread, for saying why the nominal case differs
 * from the median ("its mode 5 GW, the top of its 3 GW-5 GW range").
 */
export function nominalPosition(u: Uncertain): string {
  const t = (v: number) => inputText(u, v);
  switch (u.type) {
    case "point":
      return t(u.value);
    case "uniform":
      return `the middle of its ${t(u.low)}\u2013${t(u.high)} range, ${t(nominal(u))}`;
    case "triangular": {
      const range = `${t(u.low)}\u2013${t(u.high)} range`;
      const where = u.mode === u.high ? "the top of" : u.mode === u.low ? "the bottom of" : "within";
      return `its mode ${t(u.mode)}, ${where} its ${range}`;
    }
    case "normal":
      return `its mean ${t(u.mean)}`;
    case "lognormal":
      return `its median ${t(u.median)}`;
    case "choice":
      return `its first reading ${t(u.options[0]!.value)} (of ${u.options.map((o) => t(o.value)).join(", ")})`;
  }
}

/** Whether an input's nominal value is not the median of its own spread (a skewed range, a reading). */
export function nominalIsOffCentre(u: Uncertain): boolean {
  if (u.type === "triangular") return u.mode !== (u.low + u.high) / 2;
  return u.type === "choice";
}

/**
 * An input's name and bounds, short enough for a chart axis on a phone ("training tokens
 * 20 trillion–60 trillion"): a unit word the name already says is left out of the bounds.
 */
export function inputLabel(
  path: string,
  low: number,
  high: number,
  s: Scenario,
  u: Uncertain | undefined,
): string {
  const name = inputName(path, s);
  const bound = (v: number) => {
    const t = u ? inputText(u, v) : formatNumber(v, 3);
    const word = / ([a-z]+)$/.exec(t)?.[1];
    return word && name.includes(word) ? t.slice(0, -word.length - 1) : t;
  };
  return `${name} ${bound(low)}\u2013${bound(high)}`;
}
