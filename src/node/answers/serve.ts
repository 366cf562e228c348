/** A serving request's report, as `gigawatt serve` and POST /v1/serve answer it. */
import { catalog } from "../../catalog/catalog.js";
import type { Doc } from "../../report/document.js";
import {
  compareReport,
  curveReport,
  estimateReport,
  searchReport,
  simulationReport,
} from "../../report/serve.js";
import { type Front, inEngineSync, SERVE_NAMES, type ServeRequest, servePlan } from "../../requests/index.js";
import { estimateServing, type ServingEstimate } from "../../serve/estimate.js";
import { targetsText, unmetTargets } from "../../serve/requests.js";
import { compareServing, searchServing, servingCurve } from "../../serve/search.js";
import { simulateServing, type TraceRequest } from "../../serve/simulate.js";
import type { AnswerContext } from "./train.js";

/** The report for a serving request; `trace` (the CLI's --trace) replaces the request's rate. */
export function serveAnswer(
  r: ServeRequest,
  front: Front,
  ctx: Omit<AnswerContext, "threads"> & { trace?: TraceRequest[] } = {},
): Doc {
  const at = <T>(f: () => T) => inEngineSync(f, front, SERVE_NAMES);
  const plan = at(() => servePlan(r, ctx.catalog ?? catalog(), { trace: ctx.trace !== undefined }));
  const o = plan.options;
  const free = { batch: undefined, concurrency: undefined, rate: undefined };
  switch (plan.kind) {
    case "compare":
      return compareReport(
        at(() => compareServing({ ...o, ...free, layout: undefined }, plan.systems)),
        targetsText(o),
      );
    case "simulate": {
      const sim = at(() => simulateServing({ ...o, trace: ctx.trace }));
      let steady: ServingEstimate | undefined;
      try {
        steady = ctx.trace ? undefined : estimateServing(o);
      } catch {
        steady = undefined; // over capacity: the simulation shows the queue
      }
      return simulationReport(sim, steady, o.targets);
    }
    case "search": {
      const s = at(() => searchServing({ ...o, ...free }));
      if (!s.best)
        throw unmetTargets(s, o.chips ?? plan.system.chipsPerNode, plan.system, {
          ttft: front.at(["sloTtft"]),
          tpot: front.at(["sloTpot"]),
        });
      return searchReport(s, targetsText(o));
    }
    default: {
      const e = at(() => estimateServing(o));
      e.notes.unshift(...plan.notes.map((n) => n.replace(/^tp /, `${front.name("tp")} `)));
      return plan.kind === "curve"
        ? curveReport(
            at(() => servingCurve(o)),
            e,
          )
        : estimateReport(e);
    }
  }
}
