/** The options every serving function shares, and their checking and defaults. */
import { type ChipHourPrice, currentPrice, type SystemSpec } from "../catalog/catalog.js";
import type { Model } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape } from "../llm/architecture.js";
import type { Uncertain } from "../uncertainty/value.js";
import type { ServingCalibration } from "./calibration.js";
import { type Precisions, resolvePrecisions } from "./precision.js";
import type { Layout } from "./setup.js";

/** A length in tokens: a number, or a distribution (its mean is used by the steady-state model). */
export type Length = number | Uncertain;

/** Latency targets. */
export interface ServingTargets {
  /** Time to first token, s. */
  ttftS?: number;
  /** Time per output token, s. */
  tpotS?: number;
  /** Which percentile the targets bound (default p50). */
  percentile?: "p50" | "p90" | "p99";
}

/** What to serve, where, and under which load. */
export interface ServingOptions {
  /** The model (a catalog Model, or one built inline). */
  model: Model;
  /** The system (catalog SystemSpec, or `systemFromChip`). */
  system: SystemSpec;
  /** Chips in use (default: one node of the system). */
  chips?: number;
  /** Weight precision (default bf16). */
  weights?: string;
  /** Activation (compute) precision (default: the weights', else bf16). */
  activations?: string;
  /** KV cache precision (default: the activations'). */
  kvCache?: string;
  /** Prompt tokens per request. */
  input: Length;
  /** Output tokens per request. */
  output: Length;
  /** Sequences batched together per replica. */
  batch?: number;
  /** Requests in flight over the whole system. */
  concurrency?: number;
  /** Requests per second offered to the whole system. */
  rate?: number;
  targets?: ServingTargets;
  /** Parallel layout of one replica (default: the smallest TP that fits). */
  layout?: Partial<Layout>;
  /** Price per chip-hour, overriding the system's. */
  priceUsdPerChipHour?: number;
  /** Single calibration constants replaced (what-if analysis). */
  calibration?: Partial<Omit<ServingCalibration, "family">>;
  /** Facility power over IT power (default: economics.json's). */
  pue?: number;
  /** Average server draw as a share of its rated power (default: economics.json's). */
  averageLoad?: number;
}

/** The mean of a length. */
export function meanLength(l: Length): number {
  if (typeof l === "number") return l;
  switch (l.type) {
    case "point":
      return l.value;
    case "uniform":
      return (l.low + l.high) / 2;
    case "triangular":
      return (l.low + l.mode + l.high) / 3;
    case "normal":
      return l.mean;
    case "lognormal":
      return l.median * Math.exp((l.sigma * l.sigma) / 2);
    case "choice": {
      const w = l.options.reduce((s, o) => s + o.weight, 0);
      return l.options.reduce((s, o) => s + o.value * o.weight, 0) / w;
    }
  }
}

function positive(v: number | undefined, what: string, hint: string, integer = false): void {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new InputError(`${what} must be ${integer ? "a whole number " : ""}above 0, got ${v}`, {
      location: what,
      hint,
    });
  }
}

/** Checked options with defaults filled in. */
export interface Resolved {
  chips: number;
  input: number;
  output: number;
  precisions: Precisions;
}

/** Checks the options shared by every serving function; throws InputError on bad input. */
export function resolveOptions(o: ServingOptions): Resolved {
  const input = meanLength(o.input);
  const output = meanLength(o.output);
  positive(input, "input", "prompt tokens per request, e.g. 2048");
  positive(output, "output", "output tokens per request, e.g. 256");
  positive(o.batch, "batch", "e.g. 32", true);
  positive(o.concurrency, "concurrency", "e.g. 64", true);
  positive(o.rate, "rate", "requests per second, e.g. 5");
  positive(o.chips, "chips", "e.g. 8", true);
  positive(o.targets?.ttftS, "slo-ttft", "e.g. 2s");
  positive(o.targets?.tpotS, "slo-tpot", "e.g. 100ms");
  positive(o.priceUsdPerChipHour, "price", "e.g. $2.50/h per chip");
  const loads = [o.batch, o.concurrency, o.rate].filter((x) => x !== undefined).length;
  if (loads > 1) {
    throw new InputError("give one load: batch, concurrency or rate", {
      location: "load",
      hint: "drop the others",
    });
  }
  const max = o.model.maxSeq;
  if (max !== undefined && input + output > max) {
    throw new InputError(
      `input + output (${input + output} tokens) exceeds ${o.model.name}'s context of ${max}`,
      {
        location: "input",
        hint: `keep input + output within ${max}`,
      },
    );
  }
  const chips = o.chips ?? o.system.chipsPerNode;
  const precisions = resolvePrecisions(o.system.chip, o);
  return { chips, input, output, precisions };
}

/** The checked layout for `chips`. */
export function checkLayout(o: ServingOptions, chips: number, layout: Layout): Layout {
  const { tp, pp, ep } = layout;
  for (const [k, v] of Object.entries(layout)) positive(v, k, "e.g. 1, 2, 4 or 8", true);
  if (chips % (tp * pp) !== 0) {
    throw new InputError(`tp x pp = ${tp * pp} does not divide the ${chips} chips`, {
      location: "tp",
      hint: `use a tp x pp that divides ${chips}`,
    });
  }
  if (pp > o.model.layers) {
    throw new InputError(`pp ${pp} exceeds the model's ${o.model.layers} layers`, { location: "pp" });
  }
  if (ep > 1) {
    const experts = o.model.moe?.experts;
    if (!experts)
      throw new InputError("ep > 1 needs a mixture-of-experts model", { location: "ep", hint: "use ep 1" });
    if (tp % ep !== 0 || experts % ep !== 0) {
      throw new InputError(`ep ${ep} must divide tp (${tp}) and the ${experts} experts`, { location: "ep" });
    }
  }
  return layout;
}

/** The price per chip-hour: the override, else the system's on-demand price, else its first. */
export function pickPrice(o: ServingOptions): ChipHourPrice | undefined {
  if (o.priceUsdPerChipHour !== undefined) {
    return {
      usdPerChipHour: o.priceUsdPerChipHour,
      kind: "list",
      date: "given",
      sources: [],
      note: "given by the user",
    };
  }
  return currentPrice(o.system.prices);
}

/** Shape cache: architectureShape is cheap but search calls it per candidate. */
export function shapeOf(o: ServingOptions) {
  return architectureShape(o.model);
}
