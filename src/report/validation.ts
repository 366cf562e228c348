/**
 * Reports of the validations (src/calibration): the training and serving planners against
 * published runs - errors overall, by source, chip and family, leave-one-source-out
 * cross-validation, each row, the rows skipped and why - and the constants a fit finds.
 */
import type { ErrorSummary } from "../calibration/errors.js";
import type { GroupErrors, ServingCrossValidation, ServingValidation } from "../calibration/serving.js";
import type { TrainingResult, TrainingValidation } from "../calibration/training.js";
import { servingCalibration } from "../serve/calibration.js";
import { trainingCalibration } from "../train/calibration.js";
import { formatNumber } from "../units/format.js";
import { type Block, type Cell, type Doc, table } from "./document.js";
import { strategyText } from "./train.js";

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${pct(x)}`;

/** "median 7.9% / MAPE 15.9% (n 534)", or "" for none. */
function errs(e: ErrorSummary): string {
  return e.n ? `${pct(e.medianApe)} / ${pct(e.mape)} (n ${e.n})` : "";
}

/** One line of a summary: "n 534, median APE 7.9%, MAPE 15.9%, mean error +1.2%". */
function line(e: ErrorSummary): string {
  return e.n
    ? `n ${e.n}, median APE ${pct(e.medianApe)}, MAPE ${pct(e.mape)}, mean error ${signed(e.bias)}`
    : "n 0";
}

const SUMMARY_COLUMNS: [string, string][] = [
  ["key", "group"],
  ["n", "rows"],
  ["medianApe", "median APE"],
  ["mape", "MAPE"],
  ["bias", "mean error"],
];

function summaryRow(s: ErrorSummary & { key: string }): Record<string, Cell> {
  return { key: s.key, n: s.n, medianApe: pct(s.medianApe), mape: pct(s.mape), bias: signed(s.bias) };
}

/** Constants per family, one line each, as stored in a calibration file. */
function constantsTable(title: string, families: readonly { family: string; constants: object }[]): Block {
  return table(
    [
      ["family", "family"],
      ["constants", "constants"],
    ],
    families.map((c) => ({
      family: c.family,
      constants: Object.entries(c.constants as Record<string, number | undefined>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${k} ${formatNumber(x as number)}`)
        .join(", "),
    })),
    title,
  );
}

/** The constants a fit finds per family (what `validate training|serving --fit` prints). */
export function fitReport(
  planner: "training" | "serving",
  fit: Readonly<Record<string, object>>,
  file: string,
): Doc {
  return {
    schema: `gigawatt/fit-${planner}@1`,
    title: `${planner === "training" ? "Training" : "Serving"} constants fitted to ${file}`,
    blocks: [
      constantsTable(
        `Fitted constants (src/calibration/fit.ts: coordinate descent from the defaults, within physical bounds); store them in data/calibration/${planner}.json`,
        Object.entries(fit).map(([family, constants]) => ({ family, constants })),
      ),
    ],
    data: { fit },
  };
}

/** Throughput and latency errors of groups of serving rows. */
function servingErrorTable(by: string, groups: readonly (GroupErrors & { key: string })[]): Block {
  return table(
    [
      ["key", by],
      ["t", "throughput median / MAPE"],
      ["tb", "mean error"],
      ["l", "latency median / MAPE"],
      ["lb", "mean error"],
    ],
    groups.map((g) => ({
      key: g.key,
      t: errs(g.throughput),
      tb: g.throughput.n ? signed(g.throughput.bias) : "",
      l: errs(g.latency),
      lb: g.latency.n ? signed(g.latency.bias) : "",
    })),
    `Errors by ${by}`,
  );
}

function servingCrossValidationBlocks(cv: ServingCrossValidation): Block[] {
  return [
    {
      kind: "kv",
      title: "Cross-validation (leave one source out)",
      items: [
        ["throughput, out of sample", line(cv.throughput)],
        ["throughput, same rows in sample", line(cv.inSample.throughput)],
        ["latency, out of sample", line(cv.latency)],
        ["latency, same rows in sample", line(cv.inSample.latency)],
        [
          "method",
          "each source's families refitted on the other sources' rows (coordinate descent from the defaults), then the source predicted",
        ],
        [
          "not cross-validated",
          cv.notCrossValidated.length
            ? `${cv.notCrossValidated.join(", ")}: too few measurements outside one of their sources`
            : "none",
        ],
      ],
    },
    table(
      [
        ["family", "family"],
        ["sources", "sources"],
        ["tcv", "throughput CV median / MAPE"],
        ["tin", "in sample"],
        ["lcv", "latency CV median / MAPE"],
        ["lin", "in sample"],
      ],
      cv.byFamily.map((f) => ({
        family: f.family,
        sources: f.sources,
        tcv: errs(f.throughput),
        tin: errs(f.inSample.throughput),
        lcv: errs(f.latency),
        lin: errs(f.inSample.latency),
      })),
      "Cross-validation by chip family",
    ),
    table(
      [
        ["source", "source"],
        ["families", "families"],
        ["tcv", "throughput CV median / MAPE"],
        ["tin", "in sample"],
        ["lcv", "latency CV median / MAPE"],
        ["lin", "in sample"],
      ],
      cv.bySource.map((f) => ({
        source: f.source,
        families:
          f.families.join(", ") +
          (f.notRefitted.length ? ` (not refitted: ${f.notRefitted.join(", ")})` : ""),
        tcv: errs(f.crossValidated.throughput),
        tin: errs(f.inSample.throughput),
        lcv: errs(f.crossValidated.latency),
        lin: errs(f.inSample.latency),
      })),
      "Cross-validation by source",
    ),
  ];
}

/** The serving planner against published inference runs. */
export function servingValidationReport(
  v: ServingValidation,
  files: string,
  cv?: ServingCrossValidation,
): Doc {
  return {
    schema: "gigawatt/validate-serving@1",
    title: `Serving model against published runs (${files})`,
    blocks: [
      {
        kind: "kv",
        title: "Summary",
        items: [
          ["rows", String(v.rows)],
          ["evaluated", `${v.evaluated} (${pct(v.evaluated / Math.max(1, v.rows), 0)})`],
          ["skipped", String(v.skipped.length)],
          ["throughput (output tok/s per chip)", line(v.throughput)],
          ["latency (TTFT, TPOT)", line(v.latency)],
        ],
      },
      servingErrorTable("source", v.bySource),
      servingErrorTable("chip", v.byChip),
      ...(cv ? servingCrossValidationBlocks(cv) : []),
      table(
        [
          ["id", "id"],
          ["metric", "metric"],
          ["model", "model"],
          ["chip", "chip"],
          ["predicted", "predicted"],
          ["measured", "measured"],
          ["error", "error"],
          ["basis", "basis"],
        ],
        v.results.map((r) => ({
          id: r.id,
          metric: r.metric === "throughput" ? "out tok/s/chip" : `${r.metric} ms`,
          model: r.model,
          chip: r.chip,
          predicted: Number(r.predicted.toPrecision(4)),
          measured: r.measured,
          error: signed(r.error),
          basis: r.basis,
        })),
        "Per row",
      ),
      table(
        [
          ["id", "id"],
          ["reason", "reason"],
        ],
        v.skipped.map((x) => ({ id: x.id, reason: x.reason })),
        "Rows not evaluated",
      ),
      constantsTable("Calibration (data/calibration/serving.json)", [
        { family: "default", constants: servingCalibration.defaults },
        ...servingCalibration.families,
      ]),
    ],
    data: {
      rows: v.rows,
      evaluated: v.evaluated,
      skipped: v.skipped,
      throughput: v.throughput,
      latency: v.latency,
      bySource: v.bySource,
      byChip: v.byChip,
      ...(cv
        ? {
            crossValidation: {
              throughput: cv.throughput,
              latency: cv.latency,
              inSample: cv.inSample,
              byFamily: cv.byFamily,
              bySource: cv.bySource,
              notCrossValidated: cv.notCrossValidated,
            },
          }
        : {}),
      results: v.results,
    },
  };
}

function trainingRow(r: TrainingResult): Record<string, Cell> {
  return {
    id: r.id,
    model: r.model.slice(0, 28),
    chip: r.chip,
    chips: r.chips,
    precision: r.precision,
    predicted: formatNumber(r.predicted),
    measured: formatNumber(r.measured),
    error: signed(r.error),
    strategy: strategyText(r.strategy),
  };
}

function trainingCrossValidationBlocks(v: TrainingValidation): Block[] {
  const cv = v.crossValidation;
  if (!cv) return [];
  return [
    {
      kind: "kv",
      title: "Cross-validation (leave one source out)",
      items: [
        ["rows scored out of sample", line(cv)],
        [
          "not cross-validated",
          cv.notCrossValidated.length
            ? `${cv.notCrossValidated.join(", ")}: too few measurements outside one of their sources`
            : "none",
        ],
        ["method", cv.method],
      ],
    },
    table(
      [...SUMMARY_COLUMNS, ["notRefitted", "not refitted"]],
      cv.bySource.map((s) => ({ ...summaryRow(s), notRefitted: s.notRefitted.join(", ") })),
      "Cross-validation by left-out source",
    ),
    table(SUMMARY_COLUMNS, cv.byFamily.map(summaryRow), "Cross-validation by chip family"),
  ];
}

/** The training planner against published runs: per row, summaries, cross-validation, skipped rows. */
export function trainingValidationReport(v: TrainingValidation, file: string): Doc {
  const blocks: Block[] = [
    {
      kind: "kv",
      title: "Accuracy",
      items: [
        ["file", file],
        [
          "rows",
          `${v.rows} (${v.evaluated} evaluated, ${pct(v.evaluated / Math.max(1, v.rows), 0)}; ${v.skipped.length} skipped)`,
        ],
        ["tokens/s per chip", line(v)],
        [
          "compared",
          "tokens/s per chip: measured, or derived from the row's TFLOP/s or MFU with its own FLOP convention",
        ],
      ],
    },
    table(
      [
        ["id", "id"],
        ["model", "model"],
        ["chip", "chip"],
        ["chips", "chips"],
        ["precision", "precision"],
        ["predicted", "predicted tok/s/chip"],
        ["measured", "measured"],
        ["error", "error"],
        ["strategy", "strategy used"],
      ],
      v.results.map(trainingRow),
      "Per row",
    ),
    table(SUMMARY_COLUMNS, v.bySource.map(summaryRow), "By source"),
    table(SUMMARY_COLUMNS, v.byChip.map(summaryRow), "By chip"),
    table(SUMMARY_COLUMNS, v.byFamily.map(summaryRow), "By chip family"),
    {
      kind: "kv",
      title: "Published strategies in modelled memory",
      items: [
        [
          "fit",
          `${v.memoryFit.fits} of ${v.memoryFit.rows} rows that publish tp, pp, dp and the micro-batch (${pct(v.memoryFit.rate)})`,
        ],
        ["over", v.memoryFit.over.length ? v.memoryFit.over.join(", ") : "none"],
        ["outside the space", v.memoryFit.outside.length ? v.memoryFit.outside.join(", ") : "none"],
      ],
    },
    ...trainingCrossValidationBlocks(v),
    table(
      [
        ["id", "id"],
        ["reason", "reason"],
      ],
      v.skipped.map((s) => ({ id: s.id, reason: s.reason })),
      "Skipped rows",
    ),
    constantsTable("Calibration (data/calibration/training.json)", [
      { family: "default", constants: trainingCalibration.defaults },
      ...trainingCalibration.families,
    ]),
  ];
  return {
    schema: "gigawatt/validate-training@1",
    title: "Training planner against published runs",
    blocks,
    data: {
      file,
      rows: v.rows,
      evaluated: v.evaluated,
      skipped: v.skipped,
      n: v.n,
      mape: v.mape,
      medianApe: v.medianApe,
      bias: v.bias,
      results: v.results.map((r) => ({
        id: r.id,
        predicted: r.predicted,
        measured: r.measured,
        error: r.error,
        ape: r.ape,
        model: r.model,
        chip: r.chip,
        chips: r.chips,
        source: r.source,
        measuredFrom: r.measuredFrom,
        strategy: r.strategy,
        fixed: r.fixed,
        notes: r.notes,
      })),
      bySource: v.bySource,
      byChip: v.byChip,
      byFamily: v.byFamily,
      memoryFit: v.memoryFit,
      ...(v.crossValidation ? { crossValidation: v.crossValidation } : {}),
    },
  };
}
