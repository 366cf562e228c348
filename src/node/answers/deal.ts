/** A deal request's report, as `gigawatt deal`, `gigawatt deals compare` and POST /v1/deal answer it. */
import { catalogDeal, compareDeals, type Deal, evaluateDeal } from "../../deal/index.js";
import { InputError } from "../../errors.js";
import { dealReport, dealsCompareReport } from "../../report/deal.js";
import type { Doc } from "../../report/document.js";
import { DEAL_NAMES, type DealRequest, dealOptions, type Front, inEngineSync } from "../../requests/index.js";
import { prepareRun } from "../../run/run.js";

/** How a deal request names things: the scenario's file name, and how a compared name is found. */
export interface DealContext {
  /** Names the scenario text in error locations (default "scenario"). */
  file?: string;
  /** Finds a deal to compare by name (default: the catalog's); the CLI also reads scenario files. */
  deal?: (name: string, location: string) => Deal;
}

/** The report for a deal request. */
export function dealAnswer(r: DealRequest, front: Front, ctx: DealContext = {}): Doc {
  const opts = dealOptions(r);
  const at = <T>(f: () => T) => inEngineSync(f, front, DEAL_NAMES);
  if (r.compare) {
    const find = ctx.deal ?? catalogDeal;
    const locations = r.compare.map((_, i) => front.at(["compare", i]));
    const deals = r.compare.map((name, i) => find(name, locations[i]!));
    return dealsCompareReport(at(() => compareDeals(deals, opts, locations)));
  }
  if (r.scenario !== undefined) {
    // Errors inside the scenario are located in its text, not at the request's fields.
    const { result } = prepareRun(r.scenario, { file: ctx.file ?? "scenario", samples: 0, deal: opts });
    if (!result.deal)
      throw new InputError("the scenario has no deal: section", {
        location: ctx.file ?? front.at(["scenario"]),
        hint: "add deal: with id: or terms",
      });
    return dealReport(result.deal);
  }
  const deal = catalogDeal(r.deal!, front.at(["deal"]));
  return dealReport(at(() => evaluateDeal(deal, { ...opts, location: "deal" })));
}
