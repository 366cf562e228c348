/** The capacity request (`gigawatt capacity`, POST /v1/capacity): power <-> chips, energy, homes, capex, TCO. */
import { z } from "zod";
import type { CapacityOptions } from "../capacity/index.js";
import type { Catalog } from "../catalog/catalog.js";
import { LIMITS } from "../units/limits.js";
import { parseQuantity } from "../units/quantity.js";
import { amount, catalogRef, oneOf, whole } from "./fields.js";
import { conflict, type EngineNames } from "./read.js";

const share = amount("fraction", { zero: false, max: 1 });

/**
 * A mix of chip generations: "trainium2:0.6,trainium3:0.4" or {"trainium2": 0.6, "trainium3": 0.4}
 * (shares of power, or of chips with `chips`).
 */
const mix = z
  .union([
    z
      .string()
      .max(LIMITS.text.max)
      .transform((t) =>
        t.split(",").map((part) => {
          const i = part.search(/[:=]/);
          return i < 0
            ? { chip: part.trim(), share: "" }
            : { chip: part.slice(0, i).trim(), share: part.slice(i + 1).trim() };
        }),
      ),
    z
      .record(z.string(), z.unknown())
      .transform((o) => Object.entries(o).map(([chip, s]) => ({ chip, share: s }))),
  ])
  .pipe(
    z
      .array(z.strictObject({ chip: catalogRef("chips"), share: z.unknown().pipe(share) }))
      .min(1, "no chips in the mix")
      .max(LIMITS.listItems.max, `more than ${LIMITS.listItems.max} generations`),
  );

/** Server overhead per chip: a fraction of TDP ("0.8", "80%") or watts ("400W"). */
const overhead = z
  .union([z.string(), z.number()])
  .transform((v, ctx): { fraction?: number; watts?: number } => {
    const t = String(v).trim();
    try {
      const q = parseQuantity(t);
      if (q.kind === "power" && q.value >= 0 && q.value <= LIMITS.chipPower.max) return { watts: q.value };
      if ((q.kind === "count" || q.kind === "fraction") && q.value >= 0 && q.value <= 10)
        return { fraction: q.value };
    } catch {
      // refused below
    }
    ctx.addIssue({
      code: "custom",
      message: `"${t}" is not a server overhead`,
      params: { hint: "a fraction of TDP from 0 to 10 (0.8, 80%) or watts per chip (400W)" },
    });
    return z.NEVER;
  });

export const CapacityRequest = z
  .strictObject({
    power: amount("power", { zero: false, max: LIMITS.power })
      .optional()
      .describe(
        "facility power at full load (what is built), e.g. 5GW; with --basis average, the average draw",
      ),
    basis: oneOf(["full-load", "average"] as const)
      .optional()
      .describe("what --power is: the ceiling at full load (default) or the average draw"),
    budget: amount("money", { zero: false, max: LIMITS.money })
      .optional()
      .describe("money to spend, e.g. $100B: on capex, or with --years on the full cost of ownership"),
    years: whole({ max: 50, why: "a budget is spread over at most 50 years" })
      .optional()
      .describe("years a --budget pays the fleet's full cost for (capex, running costs, cost of capital)"),
    chips: amount("count", { zero: false, max: LIMITS.fleetChips })
      .optional()
      .describe("number of accelerators, e.g. 1M"),
    chip: catalogRef("chips").optional().describe("chip generation, e.g. trainium2"),
    mix: mix
      .optional()
      .describe("a mix of generations as CHIP:SHARE,... (shares of power, or of chips with chips)"),
    tdp: amount("power", { zero: false, max: LIMITS.chipPower })
      .optional()
      .describe("chip TDP, overriding the catalog (one chip only), e.g. 700W"),
    load: share.optional().describe("average load as a share of TDP, e.g. 70% (default: economics.json)"),
    pue: amount("count", { min: { min: 1, why: "PUE is facility power over IT power: 1 or more" }, max: 10 })
      .optional()
      .describe("power usage effectiveness, e.g. 1.2 (default: economics.json)"),
    overhead: overhead
      .optional()
      .describe("server overhead per chip: a fraction of TDP (0.8) or watts (400W)"),
    electricityPrice: amount("energyPrice", { max: 100 / 3.6e6 })
      .optional()
      .describe("electricity price, e.g. $0.08/kWh or $80/MWh"),
    facilityCapex: amount("moneyPerPower", { max: 1e3 })
      .optional()
      .describe("facility capex per MW of IT load, e.g. $11.7M/MW"),
    chipPrice: amount("money", { max: 1e8 })
      .optional()
      .describe("purchase price of one accelerator, e.g. $30k"),
    serverLife: amount("time", { zero: false, max: LIMITS.years })
      .optional()
      .describe("server depreciation life, e.g. 5years"),
    facilityLife: amount("time", { zero: false, max: LIMITS.years })
      .optional()
      .describe("facility depreciation life, e.g. 20years"),
    costOfCapital: amount("fraction", { max: 1 }).optional().describe("cost of capital per year, e.g. 8%"),
    mfu: share.optional().describe("model FLOP utilisation for delivered FLOP/s, e.g. 40%"),
  })
  .superRefine((r, ctx) => {
    conflict(ctx, r, "power", "chips");
    conflict(ctx, r, "power", "budget");
    conflict(ctx, r, "chips", "budget");
    if (r.years !== undefined && r.budget === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["years"],
        message: "years go with a budget",
        params: { hint: "e.g. {budget} $100B {years} 10" },
      });
    if (r.basis !== undefined && r.power === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["basis"],
        message: "a basis says what the power is",
        params: { hint: "give {power} too, e.g. {power} 5GW {basis} average" },
      });
    conflict(ctx, r, "chip", "mix");
    conflict(ctx, r, "mix", "tdp");
    if (r.power === undefined && r.chips === undefined && r.budget === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["power"],
        message: "give a facility power, a number of chips or a budget",
        params: { hint: "e.g. {power} 5GW, {chips} 1M or {budget} $100B" },
      });
    if (r.chip === undefined && r.mix === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["chip"],
        message: "no chip given",
        params: { hint: "e.g. {chip} trainium2 or {mix} trainium2:0.6,trainium3:0.4" },
      });
  });
export type CapacityRequest = z.output<typeof CapacityRequest>;

/** Engine options named otherwise in the request. */
export const CAPACITY_NAMES: EngineNames = {
  powerW: "power",
  budgetUsd: "budget",
  budgetYears: "years",
  tdpW: "tdp",
  averageLoad: "load",
  serverOverheadFraction: "overhead",
  serverOverheadW: "overhead",
  electricityUsdPerJ: "electricityPrice",
  facilityCapexUsdPerW: "facilityCapex",
  acceleratorPriceUsd: "chipPrice",
  serverLifeS: "serverLife",
  facilityLifeS: "facilityLife",
};

/** The engine's options for a capacity request. */
export function capacityOptions(r: CapacityRequest, cat: Catalog): CapacityOptions {
  return {
    powerW: r.power,
    powerBasis: r.basis,
    chips: r.chips,
    budgetUsd: r.budget,
    budgetYears: r.years,
    chip: r.chip !== undefined ? cat.chip(r.chip) : undefined,
    tdpW: r.tdp,
    mix: r.mix?.map((m) => ({ chip: cat.chip(m.chip), share: m.share })),
    averageLoad: r.load,
    pue: r.pue,
    serverOverheadFraction: r.overhead?.fraction,
    serverOverheadW: r.overhead?.watts,
    electricityUsdPerJ: r.electricityPrice,
    facilityCapexUsdPerW: r.facilityCapex,
    acceleratorPriceUsd: r.chipPrice,
    serverLifeS: r.serverLife,
    facilityLifeS: r.facilityLife,
    costOfCapital: r.costOfCapital,
    mfu: r.mfu,
    catalog: cat,
  };
}
