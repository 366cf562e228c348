/**
 * Bounds on inputs: the largest value each may take, and why. Every front end (CLI flags, HTTP
 * bodies, scenario files) refuses a value past its bound with a located error that names the bound
 * and the reason, instead of running for days or out of memory on it.
 */

/** A bound: the largest value allowed and the reason, said in the error. */
export interface Bound {
  max: number;
  why: string;
}

/** One place for the bounds of every input. */
export const LIMITS = {
  /** Chips of one training or serving job. */
  chips: {
    max: 2 ** 24,
    why: "16,777,216 chips is over ten times the largest cluster announced, and the largest count the training search looks at",
  },
  /** Accelerators of a fleet or a facility. */
  fleetChips: { max: 1e9, why: "a billion accelerators is about a thousand times today's largest fleets" },
  /** Facility power. */
  power: { max: 1e12, why: "1,000 GW is over a quarter of the world's average electricity generation" },
  /** A chip's TDP or a server's overhead per chip. */
  chipPower: { max: 1e5, why: "100 kW per chip is a hundred times today's largest TDPs" },
  /** Parallel degrees (tp, pp, dp, ...) and micro-batches. */
  degree: { max: 2 ** 24, why: "a parallel degree cannot exceed the most chips a job may have (16,777,216)" },
  /** Sequence length and tokens per request. */
  sequence: { max: 1e8, why: "100M tokens is a hundred times the longest context windows offered" },
  /** A global training batch, in tokens. */
  batchTokens: { max: 1e11, why: "100B tokens per step is thousands of times the largest published batches" },
  /** Sequences in a batch, or requests in flight. */
  batchSeqs: { max: 1e8, why: "100M sequences is thousands of times the largest published batches" },
  /** Training tokens. */
  trainingTokens: { max: 1e17, why: "100,000T tokens is thousands of times the largest training runs" },
  /** Monte Carlo samples of one run. */
  samples: {
    max: 1e6,
    why: "a million samples takes minutes for the default scenario; p5 and p95 settle long before",
  },
  /** Strategies listed by a training search. */
  top: { max: 1000, why: "the report lists at most 1,000 strategies" },
  /** Chip counts in one sweep. */
  sweepCounts: {
    max: 256,
    why: "each count of a sweep is a whole search; 256 covers every power of two many times over",
  },
  /** Requests per second offered to a serving simulation. */
  rate: { max: 1e6, why: "a million requests per second is more than the largest public LLM services" },
  /** Simulated time. */
  duration: { max: 7 * 24 * 3600, why: "a week of simulated arrivals is far past the steady state" },
  /** Requests one simulation generates (rate x duration). */
  simulatedRequests: {
    max: 2e6,
    why: "two million simulated requests take about ten seconds; the percentiles settle long before",
  },
  /** Money amounts. */
  money: { max: 1e15, why: "a quadrillion dollars is ten times the world's yearly output" },
  /** Lives, durations of a deal or a fleet. */
  years: { max: 100 * 365.25 * 24 * 3600, why: "a hundred years is past any depreciation life or contract" },
  /** Scenario text. */
  scenario: { max: 1024 * 1024, why: "1 MiB of YAML is far more than any scenario needs" },
  /** Lengths of names and texts. */
  text: { max: 10_000, why: "longer texts are not names or notes" },
  /** Names listed in one field (systems to compare, outputs to rank). */
  listItems: { max: 64, why: "64 names are more than any report can show side by side" },
} as const satisfies Record<string, Bound>;
