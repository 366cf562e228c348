/** `gigawatt validate serving [FILE]`: the serving model against published inference runs. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { fitReport, validationReport } from "../../report/serve.js";
import { crossValidateServing, fitCalibration } from "../../serve/fit.js";
import { prepareRows, type ValidationRow, validateServing } from "../../serve/validation.js";
import { print, withFormat } from "../common.js";

/** The package root: the nearest folder above this file with a package.json (src/ or dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** The default file: ../shared/validation/inference.json beside the package root. */
export function defaultInferenceFile(): string {
  return resolve(packageRoot(), "../shared/validation/inference.json");
}

/** Reads the rows of a validation file; bad JSON or shape is the user's mistake. */
export function readRows(path: string): ValidationRow[] {
  const text = readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, {
      location: path,
      hint: "the file must be a JSON array of runs",
    });
  }
  if (!Array.isArray(data))
    throw new InputError("expected a JSON array of runs", {
      location: path,
      hint: "see ../shared/validation/README.md",
    });
  data.forEach((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) {
      throw new InputError(`row ${i + 1} is not an object`, {
        location: `${path}[${i}]`,
        hint: "each run is an object of fields",
      });
    }
  });
  return data as ValidationRow[];
}

/** `gigawatt validate serving [FILE]`. */
export function register(validate: Command): void {
  withFormat(
    validate
      .command("serving")
      .argument("[file]", "published inference runs (default ../shared/validation/inference.json)")
      .description("predict published inference runs (throughput, TTFT, TPOT) and report the errors")
      .option(
        "--fit",
        "refit the per-family constants to these runs and print them (for data/calibration/serving.json)",
      ),
  ).action((file: string | undefined, opts: { format: Format; fit?: boolean }) => {
    const path = file ?? defaultInferenceFile();
    const rows = readRows(path);
    if (opts.fit) {
      print(fitReport(fitCalibration(prepareRows(rows, catalog()).prepared), path), opts.format);
      return;
    }
    const v = validateServing(rows, catalog());
    print(validationReport(v, path, crossValidateServing(rows, catalog())), opts.format);
  });
}
