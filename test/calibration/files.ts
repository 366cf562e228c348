/** The published measurements the validation tests read (../shared beside the repository). */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { InferenceRow, parseRows, TrainingRow } from "../../src/calibration/rows.js";

function read<S extends z.ZodType>(schema: S, name: string): z.output<S>[] {
  const file = fileURLToPath(new URL(`../../../shared/validation/${name}`, import.meta.url));
  // CI clones the repository with ../shared beside it: a missing file must fail, not skip.
  if (!existsSync(file))
    throw new Error(`${file} is missing: the validation needs ../shared beside the repository`);
  return parseRows(schema, JSON.parse(readFileSync(file, "utf8")), name);
}

export const trainingRows = () => read(TrainingRow, "training.json");
export const inferenceRows = () => read(InferenceRow, "inference.json");
export const trainiumRows = () => read(InferenceRow, "inference-trainium.json");
