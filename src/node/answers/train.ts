/** A training request's report, as `gigawatt train` and POST /v1/train answer it. */
import { type Catalog, catalog } from "../../catalog/catalog.js";
import type { Doc } from "../../report/document.js";
import { trainChipsReport, trainEstimateReport, trainSearchReport } from "../../report/train.js";
import {
  type Front,
  inEngine,
  inEngineSync,
  TRAIN_NAMES,
  type TrainRequest,
  trainPlan,
} from "../../requests/index.js";
import { estimateTraining } from "../../train/estimate.js";
import { searchChipCountsParallel } from "../train-chips.js";
import { searchTrainingParallel } from "../train-parallel.js";

/** How to answer: worker threads a search may use, and the catalog. */
export interface AnswerContext {
  threads: number;
  catalog?: Catalog;
}

/** The report for a training request; engine errors are placed at the request's fields in `front`. */
export async function trainAnswer(r: TrainRequest, front: Front, ctx: AnswerContext): Promise<Doc> {
  const plan = inEngineSync(() => trainPlan(r, ctx.catalog ?? catalog()), front, TRAIN_NAMES);
  const o = plan.options;
  const about = {
    model: o.model.name,
    system: o.system.name,
    chip: o.system.chip.name,
    seq: o.seq,
    precision: r.precision,
  };
  const t0 = performance.now();
  const stats = (workers: number) => ({ wallS: (performance.now() - t0) / 1000, workers });
  if (plan.kind === "sweep") {
    const s = await inEngine(
      () => searchChipCountsParallel(plan.options, plan.counts, ctx.threads),
      front,
      TRAIN_NAMES,
    );
    return trainChipsReport(s, about, stats(s.threads));
  }
  const full = { ...about, chips: plan.chips };
  if (plan.kind === "estimate")
    return trainEstimateReport(
      inEngineSync(() => estimateTraining(plan.options), front, TRAIN_NAMES),
      full,
    );
  const s = await inEngine(() => searchTrainingParallel(plan.options, ctx.threads), front, TRAIN_NAMES);
  return trainSearchReport(s, full, stats(s.threads));
}
