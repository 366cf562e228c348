/**
 * `gigawatt validate training|serving [FILE...]`: the planners against published measurements
 * (src/calibration), or with --fit the constants the fit finds on them.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import type { z } from "zod";
import { InferenceRow, parseRows, TrainingRow } from "../../calibration/rows.js";
import { crossValidateServing, fitServing, prepareRows, validateServing } from "../../calibration/serving.js";
import { fitTraining, validateTraining } from "../../calibration/training.js";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import { packageRoot, readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { fitReport, servingValidationReport, trainingValidationReport } from "../../report/validation.js";
import { print, withFormat } from "../common.js";

/** The published measurements of ../shared/validation beside the package. */
export function sharedValidationFile(name: string): string {
  return resolve(packageRoot(), "../shared/validation", name);
}

/** The default files of each validation. */
export function defaultValidationFiles(kind: "training" | "serving"): string[] {
  return kind === "training"
    ? [sharedValidationFile("training.json")]
    : [sharedValidationFile("inference.json")];
}

/** The rows of validation files, each checked against `schema`; ids must be unique across them. */
export function readValidationRows<S extends z.ZodType<{ id: string | number }>>(
  schema: S,
  files: readonly string[],
): z.output<S>[] {
  const rows: z.output<S>[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(readText(file));
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`not valid JSON (${(e as Error).message})`, {
        location: file,
        hint: "the file must be a JSON array of runs",
      });
    }
    parseRows(schema, data, file).forEach((row, i) => {
      const id = String(row.id);
      const prior = seen.get(id);
      if (prior !== undefined) {
        throw new InputError(`id ${JSON.stringify(row.id)} is used twice`, {
          location: `${file}[${i}].id`,
          hint: `also in ${prior}; give every run its own id`,
        });
      }
      seen.set(id, file);
      rows.push(row);
    });
  }
  return rows;
}

/**
 * The calibration fit behind data/calibration/training.json: evaluate with the stored constants,
 * fit each family, evaluate with the fit and fit again until the constants stop moving (the
 * searched strategies move with the constants); the stored constants are such a fixed point.
 */
export function fitTrainingToFixedPoint(rows: readonly TrainingRow[]) {
  const cat = catalog();
  let fitted = fitTraining(rows, cat);
  for (let i = 0; i < 4; i++) {
    const next = fitTraining(rows, cat, fitted);
    if (JSON.stringify(next) === JSON.stringify(fitted)) break;
    fitted = next;
  }
  return fitted;
}

interface ValidateFlags {
  format: Format;
  fit?: boolean;
  crossValidation: boolean;
}

/** `gigawatt validate training|serving`. */
export function register(program: Command): void {
  const validate = program
    .command("validate")
    .description("compare the models' predictions with published measurements");
  const common = (cmd: Command, what: string) =>
    withFormat(
      cmd
        .option(
          "--fit",
          `print the constants the fit finds on these runs (for data/calibration/${what}.json)`,
        )
        .option("--no-cross-validation", "skip leave-one-source-out cross-validation (one refit per source)"),
    );
  common(
    validate
      .command("training")
      .argument("[files...]", "runs in the format of ../shared/validation/training.json (the default)")
      .description("predict tokens/s per chip of published training runs and compare"),
    "training",
  ).action((files: string[], opts: ValidateFlags) => {
    const paths = files.length ? files : defaultValidationFiles("training");
    const rows = readValidationRows(TrainingRow, paths);
    if (opts.fit) {
      print(fitReport("training", fitTrainingToFixedPoint(rows), paths.join(", ")), opts.format);
      return;
    }
    const v = validateTraining(rows, catalog(), { crossValidate: opts.crossValidation });
    print(trainingValidationReport(v, paths.join(", ")), opts.format);
  });
  common(
    validate
      .command("serving")
      .argument("[files...]", "runs in the format of ../shared/validation/inference.json (the default)")
      .description("predict published inference runs (throughput, TTFT, TPOT) and report the errors"),
    "serving",
  ).action((files: string[], opts: ValidateFlags) => {
    const paths = files.length ? files : defaultValidationFiles("serving");
    const rows = readValidationRows(InferenceRow, paths);
    if (opts.fit) {
      print(
        fitReport("serving", fitServing(prepareRows(rows, catalog()).prepared), paths.join(", ")),
        opts.format,
      );
      return;
    }
    const v = validateServing(rows, catalog());
    const cv = opts.crossValidation ? crossValidateServing(rows, catalog()) : undefined;
    print(servingValidationReport(v, paths.join(", "), cv), opts.format);
  });
}
