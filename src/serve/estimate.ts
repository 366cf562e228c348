/**
 * `estimateServing`: the steady state of continuous batching for one layout and load - TTFT,
 * TPOT, end-to-end latency, throughput per chip and system, memory, cost per million tokens and
 * energy per token, each with the breakdown and the bound behind it.
 */
import type { ChipHourPrice } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { chipPower, resolvePowerParams } from "../power/index.js";
import { checkLayout, pickPrice, type Resolved, resolveOptions, type ServingOptions } from "./options.js";
import type { Precisions } from "./precision.js";
import { type Layout, type MemoryBreakdown, maxBatchFor, type ServingSetup, servingSetup } from "./setup.js";
import { type Bound, type StepBreakdown, stepBreakdown, stepSeconds } from "./step.js";
import { steadyStepSeconds, steadyWork, ttftSeconds } from "./workload.js";

/** Cost per token from the price of the chips' time. */
export interface ServingCost {
  usdPerChipHour: number;
  priceKind: ChipHourPrice["kind"];
  priceNote?: string;
  /** US$ per million prompt tokens (the prefill's share of the step time). */
  usdPerMillionInput: number;
  /** US$ per million output tokens (the decode's share). */
  usdPerMillionOutput: number;
  /** US$ per million tokens, input and output together. */
  usdPerMillionTotal: number;
}

/** Power and energy per token. */
export interface ServingEnergy {
  /** IT power per chip (chip with its share of host and network), W. */
  itPowerPerChipW: number;
  /** Facility power of the chips in use, W (IT power times PUE). */
  facilityPowerW: number;
  /** Output tokens per joule of IT power. */
  outputTokensPerJoule: number;
  /** Output tokens per second per MW of facility power. */
  outputTokensPerSPerMW: number;
  basis: string;
}

/** The steady-state serving estimate. */
export interface ServingEstimate {
  model: string;
  system: string;
  chip: string;
  calibrationFamily: string;
  chips: number;
  layout: Layout & { replicas: number; chipsPerReplica: number };
  precisions: Precisions;
  input: number;
  output: number;
  /** Sequences in flight per replica. */
  batch: number;
  /** How the batch was chosen. */
  batchBasis: "given" | "concurrency" | "rate" | "largest that fits";
  /** The largest batch that fits the KV cache (capped by the runtime's limit). */
  maxBatch: number;
  ttftS: number;
  tpotS: number;
  e2eS: number;
  /** The steady step: its time is the TPOT. */
  decode: StepBreakdown;
  /** A request's prefill alone (batch 1), for the TTFT's roofline. */
  prefill: StepBreakdown;
  throughput: {
    outputTokensPerS: number;
    totalTokensPerS: number;
    outputTokensPerSPerChip: number;
    totalTokensPerSPerChip: number;
    requestsPerS: number;
  };
  memory: MemoryBreakdown & { kvPerSequenceBytes: number; kvUsedBytes: number };
  bound: Bound;
  cost?: ServingCost;
  energy?: ServingEnergy;
  notes: string[];
}

/** The setup of one layout for the options' model, system and precisions. */
export function setupFor(o: ServingOptions, r: Resolved, layout: Layout): ServingSetup {
  return servingSetup({
    model: o.model,
    system: o.system,
    precisions: r.precisions,
    layout,
    calibration: o.calibration,
  });
}

/** The smallest power-of-two TP (times pp) whose weights and workspace fit one chip's memory. */
export function smallestFittingTp(o: ServingOptions, r: Resolved, pp = 1): number | undefined {
  for (let tp = 1; tp * pp <= Math.max(r.chips, 1024); tp *= 2) {
    const s = setupFor(o, r, { tp, pp, ep: 1 });
    if (maxBatchFor(s, r.input + r.output) >= 1) return tp;
  }
  return undefined;
}

function doesNotFit(o: ServingOptions, r: Resolved, layout: Layout, s: ServingSetup): InputError {
  const need = smallestFittingTp(o, r, layout.pp);
  const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
  return new InputError(
    `${o.model.name} does not fit: ${gb(s.memory.weightsBytes)} of weights per chip plus ${gb(s.memory.workspaceBytes)} workspace in ${gb(s.memory.usableBytes)} usable (${o.system.chip.name}, tp ${layout.tp}, pp ${layout.pp}, ${r.precisions.weights} weights)`,
    {
      location: "tp",
      hint:
        need !== undefined
          ? `the smallest TP that fits one sequence of ${r.input + r.output} tokens is ${need}${need * layout.pp > r.chips ? ` (needs ${need * layout.pp} chips)` : ""}`
          : "use narrower weights or a chip with more memory",
    },
  );
}

/** The layout to use: the given one, completed with the smallest TP that fits. */
export function chooseLayout(o: ServingOptions, r: Resolved): Layout {
  const pp = o.layout?.pp ?? 1;
  const ep = o.layout?.ep ?? 1;
  let tp = o.layout?.tp;
  if (tp === undefined) {
    const fit = smallestFittingTp(o, r, pp) ?? r.chips;
    tp = Math.min(Math.max(fit, 1), Math.max(1, Math.floor(r.chips / pp)));
    while (r.chips % (tp * pp) !== 0 && tp < r.chips) tp++;
  }
  return checkLayout(o, r.chips, { tp, pp, ep });
}

/** Evaluates one layout at one batch per replica (no load solving). Internal to the planner. */
export function evaluate(
  o: ServingOptions,
  r: Resolved,
  s: ServingSetup,
  batch: number,
  maxBatch: number,
  batchBasis: ServingEstimate["batchBasis"],
  notes: string[] = [],
): ServingEstimate {
  const { input, output, chips } = r;
  const { tp, pp } = s.layout;
  const replicas = chips / (tp * pp);
  const work = steadyWork(batch, input, output);
  const decode = stepBreakdown(s, work);
  const tpotS = decode.totalS;
  const ttftS = ttftSeconds(s, input, batch - 1, input + output / 2);
  const e2eS = ttftS + Math.max(0, output - 1) * tpotS;
  const prefill = stepBreakdown(s, {
    decode: 0,
    decodeContext: 0,
    prefill: input,
    prefillContext: (input * (input + 1)) / 2,
    sampled: 1,
  });
  const outPerReplica = batch / tpotS;
  const outputTokensPerS = outPerReplica * replicas;
  const totalTokensPerS = outputTokensPerS * ((input + output) / output);
  const kvPerSequenceBytes = s.kvBytesPerToken * (input + output);
  const notes2 = [...notes];
  let cost: ServingCost | undefined;
  const price = pickPrice(o);
  if (price) {
    // Split the step's time between the prefill riding along and the decodes.
    const decodeOnly = stepSeconds(s, work.decode, work.decodeContext, 0, 0, work.decode);
    const prefillShare = Math.min(1, Math.max(0, (tpotS - decodeOnly) / tpotS));
    const usdPerS = (price.usdPerChipHour * chips) / 3600;
    const inputPerS = outputTokensPerS * (input / output);
    cost = {
      usdPerChipHour: price.usdPerChipHour,
      priceKind: price.kind,
      priceNote: price.note,
      usdPerMillionInput: ((usdPerS * prefillShare) / inputPerS) * 1e6,
      usdPerMillionOutput: ((usdPerS * (1 - prefillShare)) / outputTokensPerS) * 1e6,
      usdPerMillionTotal: (usdPerS / totalTokensPerS) * 1e6,
    };
    if (price.kind !== "on-demand" && o.priceUsdPerChipHour === undefined)
      notes2.push(`no on-demand price in the catalog: the ${price.kind} price is used`);
  } else notes2.push("no price for this system in the catalog: give one (--price) for cost per token");
  let energy: ServingEnergy | undefined;
  const chip = s.chip;
  if (chip.tdpW !== undefined) {
    // The one power model (src/power): the same watts per chip as training, capacity and deals.
    const params = resolvePowerParams({ pue: o.pue, averageLoad: o.averageLoad }, { location: "serving" });
    const w = chipPower(chip, params, { system: o.system });
    energy = {
      itPowerPerChipW: w.itW.value,
      facilityPowerW: w.facilityW.value * chips,
      outputTokensPerJoule: outputTokensPerS / (w.itW.value * chips),
      outputTokensPerSPerMW: (outputTokensPerS / (w.facilityW.value * chips)) * 1e6,
      basis: w.facilityW.formula,
    };
  } else notes2.push("no TDP for this chip in the catalog: no tokens per joule");
  return {
    model: o.model.id,
    system: o.system.id,
    chip: chip.id,
    calibrationFamily: s.calibration.family,
    chips,
    layout: { ...s.layout, replicas, chipsPerReplica: tp * pp },
    precisions: s.precisions,
    input,
    output,
    batch,
    batchBasis,
    maxBatch,
    ttftS,
    tpotS,
    e2eS,
    decode,
    prefill,
    throughput: {
      outputTokensPerS,
      totalTokensPerS,
      outputTokensPerSPerChip: outputTokensPerS / chips,
      totalTokensPerSPerChip: totalTokensPerS / chips,
      requestsPerS: outputTokensPerS / output,
    },
    memory: { ...s.memory, kvPerSequenceBytes, kvUsedBytes: kvPerSequenceBytes * batch },
    bound: decode.bound,
    cost,
    energy,
    notes: notes2,
  };
}

/** The batch per replica that serves `ratePerReplica` requests/s (bisection on the steady state). */
function batchForRate(
  s: ServingSetup,
  r: Resolved,
  ratePerReplica: number,
  maxBatch: number,
): number | undefined {
  const reqPerS = (b: number) => b / (r.output * steadyStepSeconds(s, b, r.input, r.output));
  if (reqPerS(maxBatch) < ratePerReplica) return undefined;
  let lo = 1e-6;
  let hi = maxBatch;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (reqPerS(mid) < ratePerReplica) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Estimates serving `model` on `system`: the steady state of continuous batching with chunked
 * prefill. The load is a batch per replica, a concurrency or a request rate for the system; with
 * none, the largest batch that fits (throughput at saturation). Throws InputError when the
 * weights do not fit (with the smallest TP that would), or the batch or rate cannot be served.
 */
export function estimateServing(o: ServingOptions): ServingEstimate {
  const r = resolveOptions(o);
  const layout = chooseLayout(o, r);
  const s = setupFor(o, r, layout);
  const maxBatch = maxBatchFor(s, r.input + r.output);
  if (maxBatch < 1) throw doesNotFit(o, r, layout, s);
  const replicas = r.chips / (layout.tp * layout.pp);
  const notes: string[] = [];
  if (o.layout?.tp === undefined)
    notes.push(`tp ${layout.tp}: the smallest power of two that fits the weights`);
  if (o.batch !== undefined) {
    if (o.batch > maxBatch) {
      throw new InputError(
        `batch ${o.batch} does not fit: the KV cache holds ${maxBatch} sequences of ${r.input + r.output} tokens`,
        {
          location: "batch",
          hint: `use a batch of at most ${maxBatch}, more chips, a larger tp or an fp8 KV cache`,
        },
      );
    }
    return evaluate(o, r, s, o.batch, maxBatch, "given", notes);
  }
  if (o.concurrency !== undefined) {
    const b = Math.ceil(o.concurrency / replicas);
    if (b > maxBatch)
      notes.push(`concurrency ${o.concurrency} exceeds what fits (${maxBatch * replicas}): the rest queue`);
    return evaluate(o, r, s, Math.min(b, maxBatch), maxBatch, "concurrency", notes);
  }
  if (o.rate !== undefined) {
    const b = batchForRate(s, r, o.rate / replicas, maxBatch);
    if (b === undefined) {
      const sat = evaluate(o, r, s, maxBatch, maxBatch, "largest that fits");
      throw new InputError(
        `a rate of ${o.rate} requests/s exceeds what ${r.chips} chips serve: at most ${sat.throughput.requestsPerS.toPrecision(3)}/s at batch ${maxBatch}`,
        { location: "rate", hint: "lower the rate or add chips" },
      );
    }
    notes.push(
      "batch: the mean number of sequences in flight at this rate (steady state, no queueing; --simulate adds it)",
    );
    return evaluate(o, r, s, b, maxBatch, "rate", notes);
  }
  notes.push("load: the largest batch that fits (throughput at saturation)");
  return evaluate(o, r, s, maxBatch, maxBatch, "largest that fits", notes);
}
