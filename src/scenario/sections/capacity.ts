/** The `capacity:` section of scenario files (see src/capacity). Numbers are uncertain, for Monte Carlo. */
import { z } from "zod";
import { LIMITS } from "../../units/limits.js";
import { catalogRef, uncertain } from "../fields.js";

/** A share of a fleet on one chip generation. */
export const MixEntry = z.strictObject({
  chip: catalogRef("chips"),
  share: uncertain("fraction", { max: 1 }),
  tdp: uncertain("power", { zero: false }).optional(),
});

export const CapacitySection = z.strictObject({
  power: uncertain("power", { zero: false, max: LIMITS.power })
    .optional()
    .describe("facility power at full load (what is built), e.g. 5 GW; with a deal, its new capacity"),
  chips: uncertain("count", { zero: false, max: LIMITS.fleetChips }).optional(),
  chip: catalogRef("chips").optional(),
  tdp: uncertain("power", { zero: false }).optional(),
  mix: z.array(MixEntry).optional(),
  averageLoad: uncertain("fraction", { max: 1 }).optional(),
  pue: uncertain("count", {
    min: { min: 1, why: "PUE is facility power over IT power: 1 or more" },
  }).optional(),
  /** Server overhead per chip as a fraction of TDP (host CPU, memory, NICs, switches). */
  serverOverhead: uncertain("fraction").optional(),
  /** Electricity price in US$ per kWh (a plain number: 0.0826). */
  electricityPrice: uncertain("count").optional().describe("US$ per kWh, e.g. 0.0826"),
  /** Facility capex per MW of IT load ("$11.7M"). */
  facilityCapexPerMW: uncertain("money").optional(),
  /** Price of every chip of the fleet (a server's cost per accelerator). */
  chipPrice: uncertain("money").optional(),
  /** Price per chip by chip id (a server's cost per accelerator), e.g. estimates for chips with no list price. */
  chipPrices: z.record(catalogRef("chips"), uncertain("money")).optional(),
  /** TDP by chip id, for chips whose catalog TDP is an estimate (e.g. Trainium3). */
  chipTdp: z.record(catalogRef("chips"), uncertain("power", { zero: false })).optional(),
  /** Yearly opex beyond electricity (maintenance, staff, insurance, tax) as a share of capex. */
  opex: uncertain("fraction", { max: 1 }).optional(),
  serverLife: uncertain("time", { zero: false }).optional(),
  facilityLife: uncertain("time", { zero: false }).optional(),
  costOfCapital: uncertain("fraction").optional(),
  mfu: uncertain("fraction", { max: 1 }).optional(),
});
export type CapacitySection = z.output<typeof CapacitySection>;
