/** A capacity request's report, as `gigawatt capacity` and POST /v1/capacity answer it. */
import { capacity } from "../../capacity/index.js";
import { catalog } from "../../catalog/catalog.js";
import { capacityReport } from "../../report/capacity.js";
import type { Doc } from "../../report/document.js";
import {
  CAPACITY_NAMES,
  type CapacityRequest,
  capacityOptions,
  type Front,
  inEngineSync,
} from "../../requests/index.js";
import type { AnswerContext } from "./train.js";

/** The report for a capacity request. */
export function capacityAnswer(
  r: CapacityRequest,
  front: Front,
  ctx: Omit<AnswerContext, "threads"> = {},
): Doc {
  const opts = capacityOptions(r, ctx.catalog ?? catalog());
  return capacityReport(inEngineSync(() => capacity(opts), front, CAPACITY_NAMES));
}
