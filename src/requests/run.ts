/** The run request (`gigawatt run`, POST /v1/run's query): how to run a scenario's Monte Carlo and tornado. */
import { z } from "zod";
import { count } from "../scenario/fields.js";
import { LIMITS } from "../units/limits.js";
import { names } from "./fields.js";

export const RunRequest = z.strictObject({
  samples: count({ max: LIMITS.samples })
    .optional()
    .describe("Monte Carlo samples (0: nominal only; default: the scenario's uncertainty.samples)"),
  seed: count({ negative: true, max: Number.MAX_SAFE_INTEGER })
    .optional()
    .describe("Monte Carlo seed (default: the scenario's, else 1)"),
  sensitivity: names
    .optional()
    .describe(
      "rank the inputs by how far each swings these outputs (comma-separated, e.g. capacity.homesUS)",
    ),
});
export type RunRequest = z.output<typeof RunRequest>;
