/** POST /v1/train: the body mirrors `gigawatt train`'s flags (camelCase), the answer its report. */
import { catalog } from "../catalog/catalog.js";
import type { Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { searchChipCountsParallel } from "../node/train-chips.js";
import { searchTrainingParallel } from "../node/train-parallel.js";
import type { Doc } from "../report/document.js";
import {
  type TrainContext,
  trainChipsReport,
  trainEstimateReport,
  trainSearchReport,
} from "../report/train.js";
import { parseBatch, parseChipCounts } from "../requests/train.js";
import { estimateTraining } from "../train/estimate.js";
import type { Strategy, TrainingOptions } from "../train/types.js";
import { Fields } from "./fields.js";
import { inBody } from "./relocate.js";

const FIELDS = [
  "model",
  "system",
  "chips",
  "maxChips",
  "chipCounts",
  "seq",
  "batch",
  "batchSeqs",
  "tokens",
  "precision",
  "tp",
  "pp",
  "vp",
  "dp",
  "cp",
  "ep",
  "microBatch",
  "zero",
  "recompute",
  "search",
  "top",
  "price",
  "pue",
] as const;

/** Re-locates an error about a CLI flag ("--batch") at the body field ("body.batch"). */
function atField<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, { location: `body.${field}`, hint: e.hint });
    throw e;
  }
}

/** The training report for a request body; `threads` bounds the search's worker threads. */
export async function trainDoc(body: unknown, threads: number): Promise<Doc> {
  const f = new Fields(body, FIELDS);
  const cat = catalog();
  const model = atField("model", () =>
    cat.model(f.text("model", { required: true, hint: "e.g. llama-3.1-405b" }), "model"),
  );
  const system = atField("system", () =>
    cat.systemOrChip(f.text("system", { required: true, hint: "e.g. p5.48xlarge or trainium2" }), "system"),
  );
  const seq = f.positiveInt("seq", { required: true, hint: "sequence length in tokens, e.g. 8192" })!;
  const batchSeqs = f.positiveInt("batchSeqs");
  const batchText = f.text("batch");
  if (batchText === undefined && batchSeqs === undefined)
    throw new InputError("no global batch", {
      location: "body.batch",
      hint: 'give "batch": "16M" (tokens) or "1536 seqs"',
    });
  const batch = batchSeqs !== undefined ? { batchSeqs } : atField("batch", () => parseBatch(batchText!));
  const strategy: Partial<Strategy> = {};
  for (const k of ["tp", "pp", "vp", "dp", "cp", "ep", "microBatch"] as const) {
    const v = f.positiveInt(k);
    if (v !== undefined) strategy[k] = v;
  }
  const zero = f.choice("zero", ["0", "1", "2", "3"]);
  if (zero !== undefined) strategy.zero = Number(zero) as Strategy["zero"];
  const recompute = f.choice("recompute", ["none", "selective", "partial", "full"] as const);
  if (recompute !== undefined) strategy.recompute = recompute;
  const chips = f.positiveInt("chips");
  const maxChips = f.positiveInt("maxChips");
  const chipCounts = f.text("chipCounts");
  if (chips !== undefined && (maxChips !== undefined || chipCounts !== undefined))
    throw new InputError("maxChips and chipCounts sweep chip counts; they do not go with chips", {
      location: maxChips !== undefined ? "body.maxChips" : "body.chipCounts",
      hint: "leave out chips to sweep, or the sweep fields to plan one count",
    });
  const precision: Precision = f.choice("precision", ["bf16", "fp16", "fp8", "fp4"] as const) ?? "bf16";
  const pue = f.quantity("pue", "count", "e.g. 1.2");
  if (pue !== undefined && !(pue >= 1))
    throw new InputError(`PUE must be a number of at least 1, got ${pue}`, {
      location: "body.pue",
      hint: "e.g. 1.2",
    });
  const opts: TrainingOptions = {
    model,
    system,
    chips: chips ?? 0,
    seq,
    ...batch,
    precision,
    tokens: f.quantity("tokens", "tokens", "e.g. 15T"),
    pricePerChipHour: f.quantity("price", "moneyRate", "e.g. $2.5/h"),
    pue,
    strategy,
  };
  const top = f.positiveInt("top") ?? 5;
  const ctx = { model: model.name, system: system.name, chip: system.chip.name, seq, precision };
  if (chips === undefined) {
    if (strategy.dp !== undefined)
      throw new InputError("dp needs chips", {
        location: "body.dp",
        hint: "leave dp out to sweep chip counts (dp is derived at each count)",
      });
    const counts =
      chipCounts !== undefined ? atField("chipCounts", () => parseChipCounts(chipCounts)) : undefined;
    const t0 = performance.now();
    const { chips: _, ...rest } = opts;
    const r = await inBody(() => searchChipCountsParallel({ ...rest, top: 1, maxChips }, counts, threads));
    return trainChipsReport(r, ctx, { wallS: (performance.now() - t0) / 1000, workers: r.threads });
  }
  const full: TrainContext = { ...ctx, chips };
  if (!(f.bool("search") ?? false) && Object.keys(strategy).length > 0)
    return trainEstimateReport(await inBody(() => estimateTraining(opts)), full);
  const t0 = performance.now();
  const r = await inBody(() => searchTrainingParallel({ ...opts, top }, threads));
  return trainSearchReport(r, full, { wallS: (performance.now() - t0) / 1000, workers: r.threads });
}
