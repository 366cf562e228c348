/**
 * The parameters of the power model: each one a caller's number or, by default, the sourced value
 * from `data/catalog/economics.json`, kept with its sources. The same resolution serves `train`,
 * `serve`, `capacity` and `deal`, so one chip draws the same watts everywhere.
 */
import { economics as defaultEconomics, type Economics, type FactKey } from "../catalog/economics.js";
import { InputError } from "../errors.js";
import { type InputValue, stated, type ValueKind } from "../units/traced.js";

/** Overrides of the power defaults, in SI units. Any left out comes from economics.json. */
export interface PowerOverrides {
  /** Average accelerator draw as a share of its TDP (0-1]. */
  averageLoad?: number;
  /** Power usage effectiveness (>= 1). */
  pue?: number;
  /** Server overhead (host CPUs such as Graviton, memory, NICs, switches) as a fraction of chip TDP. */
  serverOverheadFraction?: number;
  /** Server overhead per chip in watts (takes precedence over the fraction). */
  serverOverheadW?: number;
  /** Electricity price, US$ per joule (US$0.0826/kWh = 2.29e-8). */
  electricityUsdPerJ?: number;
}

/** Resolved power parameters, each with its provenance. */
export interface PowerParams {
  averageLoad: InputValue;
  pue: InputValue;
  electricityUsdPerJ: InputValue;
  /** Overrides that apply per chip (resolved in `chipPower`). */
  serverOverheadFraction?: number;
  serverOverheadW?: number;
  economics: Economics;
}

/** Bounds of a numeric parameter. */
export type Bound = { min?: number; max?: number; above?: number; below?: number };

/** Throws an InputError at `location` unless `v` is finite and within `b`. */
export function checkBound(name: string, v: number, b: Bound, location: string): void {
  const bad =
    !Number.isFinite(v) ||
    (b.min !== undefined && v < b.min) ||
    (b.max !== undefined && v > b.max) ||
    (b.above !== undefined && v <= b.above) ||
    (b.below !== undefined && v >= b.below);
  if (!bad) return;
  const want = [
    b.min !== undefined ? `>= ${b.min}` : "",
    b.above !== undefined ? `> ${b.above}` : "",
    b.max !== undefined ? `<= ${b.max}` : "",
    b.below !== undefined ? `< ${b.below}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  throw new InputError(`${name} is ${v}, expected ${want}`, { location, hint: `give a ${name} ${want}` });
}

/** A sourced fact as an input value. */
export function factInput(eco: Economics, key: FactKey, kind: ValueKind): InputValue {
  const f = eco.fact(key);
  return { value: f.value, kind, from: f.id, sources: f.entry.sources, note: f.entry.note };
}

/**
 * One parameter: the override (checked, located at `location`) or the economics fact.
 * Shared by the power and cost parameters so every override is checked the same way.
 */
export function resolveFact(
  eco: Economics,
  given: number | undefined,
  fact: FactKey,
  kind: ValueKind,
  bound: Bound,
  name: string,
  location: string,
): InputValue {
  if (given === undefined) return factInput(eco, fact, kind);
  checkBound(name, given, bound, location);
  return stated(given, kind);
}

/** Resolves the power parameters: overrides where given, economics.json otherwise. */
export function resolvePowerParams(
  overrides: PowerOverrides = {},
  opts: { economics?: Economics; location?: string } = {},
): PowerParams {
  const eco = opts.economics ?? defaultEconomics();
  const at = (k: string) => (opts.location ? `${opts.location}.${k}` : k);
  const r = (given: number | undefined, fact: FactKey, kind: ValueKind, bound: Bound, name: string) =>
    resolveFact(eco, given, fact, kind, bound, name, at(name));
  if (overrides.serverOverheadFraction !== undefined)
    checkBound(
      "serverOverheadFraction",
      overrides.serverOverheadFraction,
      { min: 0, max: 10 },
      at("serverOverheadFraction"),
    );
  if (overrides.serverOverheadW !== undefined)
    checkBound("serverOverheadW", overrides.serverOverheadW, { min: 0, max: 1e6 }, at("serverOverheadW"));
  return {
    averageLoad: r(overrides.averageLoad, "averageLoad", "fraction", { above: 0, max: 1 }, "averageLoad"),
    pue: r(overrides.pue, "pue", "ratio", { min: 1, max: 5 }, "pue"),
    electricityUsdPerJ: r(
      overrides.electricityUsdPerJ,
      "electricityPrice",
      "usdPerJ",
      { min: 0, max: 1e-5 },
      "electricityUsdPerJ",
    ),
    serverOverheadFraction: overrides.serverOverheadFraction,
    serverOverheadW: overrides.serverOverheadW,
    economics: eco,
  };
}
