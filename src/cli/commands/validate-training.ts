import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { trainValidationReport } from "../../report/train.js";
import { fitCalibration, validateTraining } from "../../train/validation.js";
import { print, withFormat } from "../common.js";

/** The package root: the nearest folder above this file that holds package.json's data/ sibling. */
function packageRoot(): string {
  // src/cli/commands (sources) or dist/src/cli/commands (build).
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${"dist"}`) ? "../../../.." : "../../..";
  return resolve(here, up);
}

/** The default validation file: ../shared/validation/training.json beside the repository. */
export function defaultTrainingValidationFile(): string {
  return resolve(packageRoot(), "..", "shared", "validation", "training.json");
}

/** The runs of a validation file (a JSON array). */
function readRuns(file: string): unknown[] {
  const text = readText(file);
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, {
      location: file,
      hint: "the file is an array of run objects",
    });
  }
  if (!Array.isArray(rows))
    throw new InputError("expected an array of runs", {
      location: file,
      hint: "see ../shared/validation/README.md",
    });
  return rows;
}

function lookup() {
  const cat = catalog();
  return {
    systemOrChip: (id: string) =>
      cat.systems.find(id) ?? (cat.chips.find(id) ? cat.systemOrChip(id) : undefined),
    model: (id: string) => cat.models.find(id),
  };
}

/** Runs the training validation on a file of published runs. */
export function runTrainingValidation(file: string, opts: { crossValidate?: boolean } = {}) {
  return validateTraining(readRuns(file), lookup(), { crossValidate: opts.crossValidate ?? true });
}

/**
 * The calibration fit behind data/calibration/training.json: evaluate with the current
 * constants, fit each family (src/train/fit.ts), evaluate again with the fit and fit once more
 * (the searched strategies move with the constants). Constants rounded to two digits.
 */
export function runTrainingFit(file: string): Record<string, Record<string, number>> {
  const rows = readRuns(file);
  const cat = lookup();
  let fitted = fitCalibration(rows, cat);
  fitted = fitCalibration(rows, cat, { calibration: fitted });
  const out: Record<string, Record<string, number>> = {};
  for (const [family, c] of Object.entries(fitted))
    out[family] = Object.fromEntries(Object.entries(c).map(([k, x]) => [k, Number(x.toPrecision(2))]));
  return out;
}

/** `gigawatt validate training [FILE]`: the training planner against published runs. */
export function register(validate: Command): void {
  withFormat(
    validate
      .command("training")
      .argument("[file]", "runs in the format of ../shared/validation/training.json (the default)")
      .option("--fit", "print the constants the fit finds on these runs (JSON) instead of validating")
      .option(
        "--no-cross-validation",
        "skip leave-one-source-out cross-validation (refits the constants once per source)",
      )
      .description("predict tokens/s per chip of published training runs and compare"),
  ).action((file: string | undefined, opts: { format: Format; crossValidation: boolean; fit?: boolean }) => {
    const path = file ?? defaultTrainingValidationFile();
    if (opts.fit) {
      process.stdout.write(`${JSON.stringify(runTrainingFit(path), null, 2)}\n`);
      return;
    }
    print(
      trainValidationReport(runTrainingValidation(path, { crossValidate: opts.crossValidation }), path),
      opts.format,
    );
  });
}
