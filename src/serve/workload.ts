/**
 * Workloads on one replica, built from the step model: the steady state of continuous batching
 * with chunked prefill, the time to first token, and a static (non-continuous) batch.
 */

import type { ServingSetup } from "./setup.js";
import { type StepWork, stepSeconds } from "./step.js";

/**
 * The average step of continuous batching with `batch` sequences in flight, each reading
 * `input` tokens and writing `output`: every sequence decodes one token, and the prefill of the
 * requests that replace finished ones (batch * input / output tokens per step) rides along.
 */
export function steadyWork(batch: number, input: number, output: number): StepWork {
  const prefill = (batch * input) / output;
  return {
    decode: batch,
    decodeContext: batch * (input + output / 2),
    prefill,
    prefillContext: prefill * (input / 2),
    sampled: batch + batch / output,
  };
}

/** Seconds of the steady-state step (the time per output token of every sequence). */
export function steadyStepSeconds(s: ServingSetup, batch: number, input: number, output: number): number {
  const w = steadyWork(batch, input, output);
  return stepSeconds(s, w.decode, w.decodeContext, w.prefill, w.prefillContext, w.sampled);
}

/**
 * Time to first token of a request of `input` tokens arriving while `running` sequences decode:
 * its prompt goes through in chunks of the step's token budget, each chunk sharing a step with
 * the running decodes; the last chunk yields the first token.
 */
export function ttftSeconds(s: ServingSetup, input: number, running: number, runningContext: number): number {
  const budget = Math.max(1, s.calibration.maxTokensPerStep - running);
  let done = 0;
  let t = 0;
  while (done < input) {
    const chunk = Math.min(budget, input - done);
    const ctx = chunk * done + (chunk * (chunk + 1)) / 2;
    const last = done + chunk >= input ? 1 : 0;
    t += stepSeconds(s, running, running * runningContext, chunk, ctx, running + last);
    done += chunk;
  }
  return t;
}

/** A static batch: `batch` prompts prefilled together, then decoded in lock-step to `output` tokens. */
export interface StaticBatch {
  ttftS: number;
  /** Mean time per output token after the first. */
  tpotS: number;
  totalS: number;
  outputTokensPerS: number;
}

/** Times a static batch (the offline benchmarks of TensorRT-LLM and Neuron with a fixed batch). */
export function staticBatch(s: ServingSetup, batch: number, input: number, output: number): StaticBatch {
  const tokens = batch * input;
  // The whole batch's prompts in one (possibly multi-chunk) prefill.
  const budget = Math.max(input, s.calibration.maxTokensPerStep);
  let ttftS = 0;
  for (let done = 0; done < tokens; ) {
    const chunk = Math.min(budget, tokens - done);
    const seqs = chunk / input;
    ttftS += stepSeconds(s, 0, 0, chunk, (seqs * input * (input + 1)) / 2, seqs);
    done += chunk;
  }
  const steps = Math.max(0, output - 1);
  const midContext = input + output / 2;
  const tpotS = steps > 0 ? stepSeconds(s, batch, batch * midContext, 0, 0, batch) : 0;
  const totalS = ttftS + steps * tpotS;
  return { ttftS, tpotS, totalS, outputTokensPerS: (batch * output) / totalS };
}
