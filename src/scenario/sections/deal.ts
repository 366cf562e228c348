/** The `deal:` section of scenario files (see src/deal). */
import { z } from "zod";
import { uncertain } from "../fields.js";

export const DealSection = z.strictObject({
  /** A deal from the catalog, whose terms the fields below may override. */
  id: z.string().optional(),
  investment: uncertain("money").optional(),
  commitment: uncertain("money").optional(),
  years: uncertain("count").optional(),
  power: uncertain("power").optional(),
  discountRate: uncertain("fraction").optional(),
});
