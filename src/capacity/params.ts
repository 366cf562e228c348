/**
 * The economic and physical parameters of a fleet: each one a caller's number or, by default, the
 * sourced value from `data/catalog/economics.json`, kept with its sources.
 */
import { economics as defaultEconomics, type Economics, type FactKey } from "../catalog/economics.js";
import { InputError } from "../errors.js";
import { type InputValue, stated, type ValueKind } from "./traced.js";

/** Overrides of the economics defaults, in SI units. Any left out comes from economics.json. */
export interface EconomicsOverrides {
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
  /** Facility (building, power, cooling) capex per watt of critical IT load, US$/W. */
  facilityCapexUsdPerW?: number;
  /** Purchase price of one accelerator, US$ (for every chip of the fleet). */
  acceleratorPriceUsd?: number;
  /** Other server components' cost as a fraction of the accelerators' cost. */
  otherServerCostFraction?: number;
  /** Cluster network as a share of the IT hardware cost [0, 1). */
  networkShareOfCluster?: number;
  /** Server and network depreciation life, s. */
  serverLifeS?: number;
  /** Facility depreciation life, s. */
  facilityLifeS?: number;
  /** Cost of capital per year (0.08 = 8%). */
  costOfCapital?: number;
  /** Electricity use of a US home per year, J. */
  usHomeJPerYear?: number;
  /** Electricity use of an EU home per year, J. */
  euHomeJPerYear?: number;
  /** Model FLOP utilisation, to turn peak FLOP/s into delivered FLOP/s. */
  mfu?: number;
}

/** Resolved parameters, each with its provenance. */
export interface Params {
  averageLoad: InputValue;
  pue: InputValue;
  electricityUsdPerJ: InputValue;
  facilityCapexUsdPerW: InputValue;
  otherServerCostFraction: InputValue;
  networkShareOfCluster: InputValue;
  serverLifeS: InputValue;
  facilityLifeS: InputValue;
  costOfCapital: InputValue;
  usHomeJPerYear: InputValue;
  euHomeJPerYear: InputValue;
  mfu: InputValue;
  allInUsdPerW: InputValue;
  acceleratorShareOfCapex: InputValue;
  /** Overrides that apply per chip (resolved in unitEconomics). */
  serverOverheadFraction?: number;
  serverOverheadW?: number;
  acceleratorPriceUsd?: number;
  economics: Economics;
}

type Bound = { min?: number; max?: number; above?: number; below?: number };

function check(name: string, v: number, b: Bound, location: string): void {
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

const FACTS: [keyof EconomicsOverrides & keyof Params, FactKey, ValueKind, Bound][] = [
  ["averageLoad", "averageLoad", "fraction", { above: 0, max: 1 }],
  ["pue", "pue", "ratio", { min: 1, max: 5 }],
  ["electricityUsdPerJ", "electricityPrice", "usdPerJ", { min: 0 }],
  ["facilityCapexUsdPerW", "facilityCapexPerMw", "usdPerW", { min: 0 }],
  ["otherServerCostFraction", "otherServerCostFraction", "fraction", { min: 0 }],
  ["networkShareOfCluster", "networkShareOfCluster", "fraction", { min: 0, below: 1 }],
  ["serverLifeS", "serverLife", "time", { above: 0 }],
  ["facilityLifeS", "facilityLife", "time", { above: 0 }],
  ["costOfCapital", "costOfCapital", "percentPerYear", { min: 0, max: 1 }],
  ["usHomeJPerYear", "usHomeEnergyPerYear", "energy", { above: 0 }],
  ["euHomeJPerYear", "euHomeEnergyPerYear", "energy", { above: 0 }],
  ["mfu", "trainingMfu", "fraction", { above: 0, max: 1 }],
];

/**
 * Resolves the parameters: overrides where given (checked, located at `${prefix}.name`),
 * economics.json otherwise.
 */
export function resolveParams(
  overrides: EconomicsOverrides = {},
  opts: { economics?: Economics; location?: string } = {},
): Params {
  const eco = opts.economics ?? defaultEconomics();
  const at = (k: string) => (opts.location ? `${opts.location}.${k}` : k);
  const out: Partial<Params> = { economics: eco };
  const inputs = out as Record<string, InputValue>;
  for (const [key, fact, kind, bound] of FACTS) {
    const given = overrides[key];
    if (given !== undefined) {
      check(key, given, bound, at(key));
      inputs[key] = stated(given, kind);
    } else {
      const f = eco.fact(fact);
      inputs[key] = { value: f.value, kind, from: f.id, sources: f.entry.sources, note: f.entry.note };
    }
  }
  const allIn = eco.fact("allInCostPerGw");
  out.allInUsdPerW = { value: allIn.value, kind: "usdPerW", from: allIn.id, sources: allIn.entry.sources };
  const share = eco.fact("acceleratorShareOfCapex");
  out.acceleratorShareOfCapex = {
    value: share.value,
    kind: "fraction",
    from: share.id,
    sources: share.entry.sources,
  };
  if (overrides.serverOverheadFraction !== undefined)
    check(
      "serverOverheadFraction",
      overrides.serverOverheadFraction,
      { min: 0, max: 10 },
      at("serverOverheadFraction"),
    );
  if (overrides.serverOverheadW !== undefined)
    check("serverOverheadW", overrides.serverOverheadW, { min: 0 }, at("serverOverheadW"));
  if (overrides.acceleratorPriceUsd !== undefined)
    check("acceleratorPriceUsd", overrides.acceleratorPriceUsd, { min: 0 }, at("acceleratorPriceUsd"));
  out.serverOverheadFraction = overrides.serverOverheadFraction;
  out.serverOverheadW = overrides.serverOverheadW;
  out.acceleratorPriceUsd = overrides.acceleratorPriceUsd;
  return out as Params;
}
