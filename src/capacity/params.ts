/**
 * The economic parameters of a fleet beyond its power (see src/power/): capex per MW, network
 * share, lives, cost of capital, other opex, homes and MFU. Each is a caller's number or, by
 * default, the sourced value from `data/catalog/economics.json`, kept with its sources.
 */
import { economics as defaultEconomics, type Economics, type FactKey } from "../catalog/economics.js";
import {
  type Bound,
  checkBound,
  factInput,
  type PowerOverrides,
  type PowerParams,
  resolveFact,
  resolvePowerParams,
} from "../power/index.js";
import type { InputValue, ValueKind } from "../units/traced.js";

/** Overrides of the economics defaults, in SI units. Any left out comes from economics.json. */
export interface EconomicsOverrides extends PowerOverrides {
  /** Facility (building, power, cooling) capex per watt of critical IT load, US$/W. */
  facilityCapexUsdPerW?: number;
  /** Purchase price of one accelerator, US$, at the level of a whole server's share (for every chip of the fleet). */
  acceleratorPriceUsd?: number;
  /** Other server components' cost as a fraction of a bare chip's price. */
  otherServerCostFraction?: number;
  /** Cluster network as a share of the IT hardware cost [0, 1). */
  networkShareOfCluster?: number;
  /** Yearly opex beyond electricity (maintenance, staff, insurance, property tax) as a share of capex. */
  opexShareOfCapex?: number;
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
export interface Params extends PowerParams {
  facilityCapexUsdPerW: InputValue;
  otherServerCostFraction: InputValue;
  networkShareOfCluster: InputValue;
  opexShareOfCapex: InputValue;
  serverLifeS: InputValue;
  facilityLifeS: InputValue;
  costOfCapital: InputValue;
  usHomeJPerYear: InputValue;
  euHomeJPerYear: InputValue;
  mfu: InputValue;
  /** Fallback for a chip with neither a price nor a published estimate. */
  allInUsdPerW: InputValue;
  acceleratorShareOfCapex: InputValue;
  /** Applies to every chip of the fleet (resolved in chipEconomics). */
  acceleratorPriceUsd?: number;
}

const YEAR_S = 365.25 * 86400;

const COST_FACTS: [
  Exclude<keyof EconomicsOverrides & keyof Params, keyof PowerOverrides>,
  FactKey,
  ValueKind,
  Bound,
][] = [
  ["facilityCapexUsdPerW", "facilityCapexPerMw", "usdPerW", { min: 0, max: 1000 }],
  ["otherServerCostFraction", "otherServerCostFraction", "fraction", { min: 0, max: 10 }],
  ["networkShareOfCluster", "networkShareOfCluster", "fraction", { min: 0, below: 1 }],
  ["opexShareOfCapex", "opexShareOfCapex", "fraction", { min: 0, max: 1 }],
  ["serverLifeS", "serverLife", "time", { above: 0, max: 50 * YEAR_S }],
  ["facilityLifeS", "facilityLife", "time", { above: 0, max: 100 * YEAR_S }],
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
  const out = {
    ...resolvePowerParams(overrides, { economics: eco, location: opts.location }),
    allInUsdPerW: factInput(eco, "allInCostPerGw", "usdPerW"),
    acceleratorShareOfCapex: factInput(eco, "acceleratorShareOfCapex", "fraction"),
  } as Params;
  const inputs = out as unknown as Record<string, InputValue>;
  for (const [key, fact, kind, bound] of COST_FACTS)
    inputs[key] = resolveFact(eco, overrides[key], fact, kind, bound, key, at(key));
  if (overrides.acceleratorPriceUsd !== undefined)
    checkBound(
      "acceleratorPriceUsd",
      overrides.acceleratorPriceUsd,
      { min: 0, max: 1e8 },
      at("acceleratorPriceUsd"),
    );
  out.acceleratorPriceUsd = overrides.acceleratorPriceUsd;
  return out;
}
