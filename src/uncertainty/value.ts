/**
 * Uncertain inputs: a point, a range, a distribution, or a set of conflicting sourced values.
 * Values are in SI base units. `nominal` is the single value used when no Monte Carlo runs.
 */
import type { QuantityKind } from "../units/quantity.js";
import { type Random, standardNormal } from "./random.js";

/** One of several values that sources disagree on. */
export interface SourcedOption {
  value: number;
  /** Relative weight when sampling (default 1). */
  weight: number;
  sources: string[];
  note?: string;
}

/** Where a range or distribution comes from: the sources that bound it, and why; and its kind. */
export interface Provenance {
  sources?: string[];
  note?: string;
  /** What the values measure (set when parsed from a scenario), for formatting them. */
  kind?: QuantityKind;
}

export type Uncertain =
  | ({ type: "point"; value: number } & Provenance)
  | ({ type: "uniform"; low: number; high: number } & Provenance)
  | ({ type: "triangular"; low: number; mode: number; high: number } & Provenance)
  | ({ type: "normal"; mean: number; sd: number } & Provenance)
  | ({ type: "lognormal"; median: number; sigma: number } & Provenance)
  | ({ type: "choice"; options: SourcedOption[] } & Pick<Provenance, "kind">);

/** A point value. */
export function point(value: number): Uncertain {
  return { type: "point", value };
}

/**
 * The value used without sampling: the point, the midpoint of a range, the mode, mean or
 * median of a distribution, or the first of conflicting values (the one a scenario prefers).
 */
export function nominal(u: Uncertain): number {
  switch (u.type) {
    case "point":
      return u.value;
    case "uniform":
      return (u.low + u.high) / 2;
    case "triangular":
      return u.mode;
    case "normal":
      return u.mean;
    case "lognormal":
      return u.median;
    case "choice":
      return u.options[0]!.value;
  }
}

/** The lowest and highest plausible values (p5 and p95 for unbounded distributions). */
export function bounds(u: Uncertain): [number, number] {
  switch (u.type) {
    case "point":
      return [u.value, u.value];
    case "uniform":
    case "triangular":
      return [u.low, u.high];
    case "normal":
      return [u.mean - 1.645 * u.sd, u.mean + 1.645 * u.sd];
    case "lognormal":
      return [u.median * Math.exp(-1.645 * u.sigma), u.median * Math.exp(1.645 * u.sigma)];
    case "choice": {
      const vs = u.options.map((o) => o.value);
      return [Math.min(...vs), Math.max(...vs)];
    }
  }
}

/** Draws one value. */
export function sample(u: Uncertain, rng: Random): number {
  switch (u.type) {
    case "point":
      return u.value;
    case "uniform":
      return u.low + (u.high - u.low) * rng();
    case "triangular": {
      const { low, mode, high } = u;
      if (high === low) return low;
      const r = rng();
      const c = (mode - low) / (high - low);
      return r < c
        ? low + Math.sqrt(r * (high - low) * (mode - low))
        : high - Math.sqrt((1 - r) * (high - low) * (high - mode));
    }
    case "normal":
      return u.mean + u.sd * standardNormal(rng);
    case "lognormal":
      return u.median * Math.exp(u.sigma * standardNormal(rng));
    case "choice": {
      const total = u.options.reduce((s, o) => s + o.weight, 0);
      let r = rng() * total;
      for (const o of u.options) {
        r -= o.weight;
        if (r < 0) return o.value;
      }
      return u.options.at(-1)!.value;
    }
  }
}
