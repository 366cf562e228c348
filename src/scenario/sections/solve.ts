/** The `solve:` section of scenario files: questions for the solver (see src/scenario/solve.ts). */
import { z } from "zod";
import { anyQuantity } from "../fields.js";

/** One question for the solver, as scenario files write it. */
export const SolveEntry = z.strictObject({
  id: z.string().min(1).max(200),
  /** What is asked, in words ("the price per GW-year at which AWS breaks even"). */
  text: z.string().min(1).max(1000),
  /** The input to vary, by its scenario path ("deal.pricePerGwYear", "hardware.chips"). */
  vary: z.string().min(1).max(200),
  /** The output and the value it should reach. */
  target: z.strictObject({ output: z.string().min(1).max(200), value: anyQuantity }),
  /** The range to search (default: a wide one around the input's value). */
  between: z.strictObject({ low: anyQuantity, high: anyQuantity }).optional(),
});
export type SolveEntry = z.output<typeof SolveEntry>;
