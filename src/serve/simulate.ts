/**
 * A seeded discrete-event simulation of continuous batching with chunked prefill: requests
 * arrive (Poisson, or from a trace), queue, are admitted while their KV cache fits, and advance
 * one engine step at a time; each step costs what the step model says. It reports TTFT, TPOT,
 * end-to-end latency and queueing delay percentiles, and the throughput achieved.
 */
import { InputError } from "../errors.js";
import { seededRandom } from "../uncertainty/random.js";
import { sample } from "../uncertainty/value.js";
import { chooseLayout, estimateServing, type ServingEstimate, setupFor } from "./estimate.js";
import { resolveOptions, type ServingOptions } from "./options.js";
import type { ServingSetup } from "./setup.js";
import { stepSeconds } from "./step.js";

/** One request of a trace. */
export interface TraceRequest {
  /** Arrival time from the start, s. */
  arrivalS: number;
  input: number;
  output: number;
}

/** Options of a simulation: the serving options plus arrivals. */
export interface SimulationOptions extends ServingOptions {
  /** Requests to replay; without one, Poisson arrivals at `rate` requests/s. */
  trace?: readonly TraceRequest[];
  /** Simulated time of arrivals, s (default 600; a trace runs to its last arrival). */
  durationS?: number;
  /** Seed of the arrival and length draws (default 1). */
  seed?: number;
}

/** p50, p90 and p99 of one latency, s, with the mean. */
export interface Percentiles {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface SimulationResult {
  layout: ServingEstimate["layout"];
  /** Requests that arrived. */
  requests: number;
  /** Requests completed (the rest were still queued or running when the simulation stopped). */
  completed: number;
  /** Requests too long for the KV cache of a replica, dropped. */
  rejected: number;
  /** Time from the first arrival to the last completion, s. */
  makespanS: number;
  ttft: Percentiles;
  tpot: Percentiles;
  e2e: Percentiles;
  /** Wait from arrival to admission into the running batch. */
  queue: Percentiles;
  throughput: {
    outputTokensPerS: number;
    outputTokensPerSPerChip: number;
    requestsPerS: number;
  };
  /** Mean sequences in flight per replica while busy. */
  meanBatch: number;
  /** Engine steps simulated. */
  steps: number;
  notes: string[];
}

function percentiles(xs: Float64Array, n: number): Percentiles {
  if (n === 0) return { mean: 0, p50: 0, p90: 0, p99: 0 };
  const a = xs.subarray(0, n).sort();
  const at = (q: number) => a[Math.min(n - 1, Math.floor(q * n))]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  return { mean: sum / n, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

interface Replica {
  reqs: number[];
}

/** Draws the requests: a trace as given, or Poisson arrivals with lengths drawn from their distributions. */
function arrivals(o: SimulationOptions, rng: () => number): TraceRequest[] {
  if (o.trace) {
    o.trace.forEach((t, i) => {
      if (!(t.arrivalS >= 0) || !(t.input >= 1) || !(t.output >= 1)) {
        throw new InputError(`trace request ${i + 1}: needs arrival >= 0, input >= 1 and output >= 1`, {
          location: `trace:${i + 1}`,
        });
      }
    });
    return [...o.trace].sort((a, b) => a.arrivalS - b.arrivalS);
  }
  const rate = o.rate;
  if (rate === undefined)
    throw new InputError("a simulation needs a request rate or a trace", {
      location: "rate",
      hint: "e.g. --rate 5",
    });
  const duration = o.durationS ?? 600;
  if (!(duration > 0))
    throw new InputError("the simulated duration must be above 0", { location: "duration" });
  const len = (l: ServingOptions["input"]) =>
    Math.max(1, Math.round(typeof l === "number" ? l : sample(l, rng)));
  const out: TraceRequest[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - rng()) / rate;
    if (t > duration) break;
    out.push({ arrivalS: t, input: len(o.input), output: len(o.output) });
  }
  return out;
}

/**
 * Simulates serving under Poisson arrivals (`rate`, `durationS`) or a `trace`. Requests are
 * spread over the replicas at random (a Poisson stream split at random stays Poisson), or in
 * turn for a trace. Deterministic for a given seed.
 */
export function simulateServing(o: SimulationOptions): SimulationResult {
  const r = resolveOptions({ ...o, rate: undefined, batch: undefined, concurrency: undefined });
  if (o.rate !== undefined && !(o.rate > 0))
    throw new InputError("rate must be above 0", { location: "rate" });
  const layout = chooseLayout(o, r);
  const s = setupFor(o, r, layout);
  // The steady-state estimate explains a layout that does not fit.
  const shape = estimateServing({ ...o, rate: undefined, batch: 1, concurrency: undefined, layout });
  const rng = seededRandom(o.seed ?? 1);
  const reqs = arrivals(o, rng);
  const n = reqs.length;
  const replicas = shape.layout.replicas;
  const lists: Replica[] = Array.from({ length: replicas }, () => ({ reqs: [] }));
  for (let i = 0; i < n; i++) {
    const k = o.trace ? i % replicas : Math.min(replicas - 1, Math.floor(rng() * replicas));
    lists[k]!.reqs.push(i);
  }
  const arrival = new Float64Array(n);
  const inLen = new Float64Array(n);
  const outLen = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    arrival[i] = reqs[i]!.arrivalS;
    inLen[i] = reqs[i]!.input;
    outLen[i] = reqs[i]!.output;
  }
  const ttft = new Float64Array(n);
  const tpot = new Float64Array(n);
  const e2e = new Float64Array(n);
  const queue = new Float64Array(n);
  let nDone = 0;
  let nTpot = 0;
  let nRejected = 0;
  let steps = 0;
  let outputTokens = 0;
  let lastDone = 0;
  let batchSum = 0;
  const horizon = (o.trace ? (reqs.at(-1)?.arrivalS ?? 0) : (o.durationS ?? 600)) * 20 + 3600;
  for (const rep of lists) {
    const res = runReplica(s, rep.reqs, arrival, inLen, outLen, horizon, (i, first, done, admitted) => {
      ttft[nDone] = first - arrival[i]!;
      e2e[nDone] = done - arrival[i]!;
      queue[nDone] = admitted - arrival[i]!;
      nDone++;
      if (outLen[i]! > 1) tpot[nTpot++] = (done - first) / (outLen[i]! - 1);
      outputTokens += outLen[i]!;
      if (done > lastDone) lastDone = done;
    });
    nRejected += res.rejected;
    steps += res.steps;
    batchSum += res.meanBatch;
  }
  const first = n > 0 ? arrival[0]! : 0;
  const makespanS = Math.max(1e-9, lastDone - first);
  const notes: string[] = [];
  if (nDone < n - nRejected)
    notes.push(
      `${n - nRejected - nDone} requests were still in the system at the end: the load exceeds capacity`,
    );
  if (nRejected > 0)
    notes.push(`${nRejected} requests were longer than a replica's KV cache holds and were dropped`);
  return {
    layout: shape.layout,
    requests: n,
    completed: nDone,
    rejected: nRejected,
    makespanS,
    ttft: percentiles(ttft, nDone),
    tpot: percentiles(tpot, nTpot),
    e2e: percentiles(e2e, nDone),
    queue: percentiles(queue, nDone),
    throughput: {
      outputTokensPerS: outputTokens / makespanS,
      outputTokensPerSPerChip: outputTokens / makespanS / r.chips,
      requestsPerS: nDone / makespanS,
    },
    meanBatch: batchSum / replicas,
    steps,
    notes,
  };
}

/** Runs one replica's engine loop; calls `done` per completed request. */
function runReplica(
  s: ServingSetup,
  order: number[],
  arrival: Float64Array,
  inLen: Float64Array,
  outLen: Float64Array,
  horizon: number,
  done: (i: number, firstS: number, doneS: number, admittedS: number) => void,
): { rejected: number; steps: number; meanBatch: number } {
  const capacityTokens = Math.floor(s.memory.kvCapacityBytes / s.kvBytesPerToken);
  const maxBatch = s.calibration.maxBatch;
  const budgetMax = s.calibration.maxTokensPerStep;
  const running: number[] = [];
  // Per-request times indexed by request, per-slot state as parallel arrays over the running list.
  const firstAt = new Float64Array(arrival.length);
  const admittedAt = new Float64Array(arrival.length);
  let pf = new Float64Array(64);
  let gen = new Float64Array(64);
  let chunkOf = new Float64Array(64);
  let t = 0;
  let next = 0;
  let kvUsed = 0;
  let rejected = 0;
  let steps = 0;
  let busyBatch = 0;
  const grow = () => {
    const a = new Float64Array(pf.length * 2);
    a.set(pf);
    pf = a;
    const b = new Float64Array(gen.length * 2);
    b.set(gen);
    gen = b;
    chunkOf = new Float64Array(pf.length);
  };
  while ((next < order.length || running.length > 0) && t < horizon) {
    // Admit arrived requests in order while their KV cache fits.
    while (next < order.length && running.length < maxBatch) {
      const i = order[next]!;
      if (arrival[i]! > t) break;
      const need = inLen[i]! + outLen[i]!;
      if (need > capacityTokens) {
        rejected++;
        next++;
        continue;
      }
      if (kvUsed + need > capacityTokens) break;
      kvUsed += need;
      if (running.length >= pf.length) grow();
      pf[running.length] = 0;
      gen[running.length] = 0;
      running.push(i);
      admittedAt[i] = t;
      next++;
    }
    if (running.length === 0) {
      if (next < order.length) t = Math.max(t, arrival[order[next]!]!);
      continue;
    }
    // Build the step: every decoding sequence, then prefill chunks in admission order.
    let decode = 0;
    let decodeCtx = 0;
    for (let k = 0; k < running.length; k++) {
      const i = running[k]!;
      if (pf[k]! >= inLen[i]!) {
        decode++;
        decodeCtx += inLen[i]! + gen[k]!;
      }
    }
    let budget = Math.max(0, budgetMax - decode);
    let prefill = 0;
    let prefillCtx = 0;
    let sampled = decode;
    chunkOf.fill(0, 0, running.length);
    for (let k = 0; k < running.length && budget > 0; k++) {
      const i = running[k]!;
      const left = inLen[i]! - pf[k]!;
      if (left <= 0) continue;
      const c = Math.min(budget, left);
      chunkOf[k] = c;
      prefill += c;
      prefillCtx += c * pf[k]! + (c * (c + 1)) / 2;
      if (c === left) sampled++;
      budget -= c;
    }
    t += stepSeconds(s, decode, decodeCtx, prefill, prefillCtx, sampled);
    steps++;
    busyBatch += running.length;
    // Advance every sequence; retire the finished ones.
    for (let k = running.length - 1; k >= 0; k--) {
      const i = running[k]!;
      let finished = false;
      if (pf[k]! >= inLen[i]!) {
        gen[k]! += 1;
        if (gen[k]! >= outLen[i]!) finished = true;
      } else if (chunkOf[k]! > 0) {
        pf[k]! += chunkOf[k]!;
        if (pf[k]! >= inLen[i]!) {
          gen[k] = 1;
          firstAt[i] = t;
          if (outLen[i]! <= 1) finished = true;
        }
      }
      if (finished) {
        done(i, firstAt[i]!, t, admittedAt[i]!);
        kvUsed -= inLen[i]! + outLen[i]!;
        // Remove slot k keeping admission order (prefill goes first-come first-served).
        running.splice(k, 1);
        pf.copyWithin(k, k + 1, running.length + 1);
        gen.copyWithin(k, k + 1, running.length + 1);
        chunkOf.copyWithin(k, k + 1, running.length + 1);
      }
    }
  }
  return { rejected, steps, meanBatch: steps > 0 ? busyBatch / steps : 0 };
}
