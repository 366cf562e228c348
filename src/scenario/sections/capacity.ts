/** The `capacity:` section of scenario files (see src/capacity). */
import { z } from "zod";
import { catalogRef, uncertain } from "../fields.js";

/** A share of a fleet on one chip generation. */
export const MixEntry = z.strictObject({
  chip: catalogRef("chips"),
  share: uncertain("fraction", { max: 1 }),
});

export const CapacitySection = z.strictObject({
  power: uncertain("power", { zero: false }).optional().describe("facility power, e.g. 5 GW"),
  chips: uncertain("count", { zero: false }).optional(),
  chip: catalogRef("chips").optional(),
  mix: z.array(MixEntry).optional(),
  averageLoad: uncertain("fraction", { max: 1 }).optional(),
  pue: uncertain("count").optional(),
  serverOverhead: uncertain("fraction").optional(),
  electricityPrice: uncertain("moneyPerToken").optional(),
});
