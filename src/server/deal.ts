/**
 * POST /v1/deal: `gigawatt deal` and `gigawatt deals compare`. The body names a catalog deal
 * (`deal`), gives a scenario with a deal: section (`scenario`, YAML or JSON text, evaluated with
 * the rest of the scenario as the CLI does), or lists deals to compare (`compare`).
 */
import { catalogDeal, compareDeals, type DealOptions, evaluateDeal } from "../deal/index.js";
import { InputError } from "../errors.js";
import { dealReport, dealsCompareReport } from "../report/deal.js";
import type { Doc } from "../report/document.js";
import { evaluateScenario } from "../scenario/evaluate.js";
import { parseScenario } from "../scenario/load.js";
import { Fields } from "./fields.js";
import { inBody } from "./relocate.js";

const FIELDS = [
  "deal",
  "scenario",
  "compare",
  "discountRate",
  "contingent",
  "trainingShare",
  "run",
  "model",
] as const;

/** The deal report (or comparison) for a request body. */
export async function dealDoc(body: unknown): Promise<Doc> {
  const f = new Fields(body, FIELDS);
  const opts: DealOptions = {
    discountRate: f.quantity("discountRate", "fraction", "e.g. 8%"),
    includeContingent: f.bool("contingent"),
    trainingShare: f.quantity("trainingShare", "fraction", "e.g. 50%"),
    frontierRun: f.text("run"),
    servedModel: f.text("model"),
  };
  const given = (["deal", "scenario", "compare"] as const).filter((k) => f.has(k));
  if (given.length !== 1)
    throw new InputError(given.length ? `give one of ${given.join(" and ")}, not both` : "which deal?", {
      location: `body.${given[1] ?? "deal"}`,
      hint: 'e.g. "deal": "amazon-anthropic", "compare": ["amazon-anthropic", "microsoft-openai"], or "scenario": "<YAML>"',
    });
  const map = { frontierRun: "run", servedModel: "model", includeContingent: "contingent" };
  const compare = f.list("compare");
  if (compare) {
    const deals = compare.map((id, i) => catalogDeal(id, `body.compare[${i}]`));
    return dealsCompareReport(await inBody(() => compareDeals(deals, opts), map));
  }
  const text = f.text("scenario");
  if (text !== undefined) {
    const s = parseScenario(text, "scenario");
    if (!s.deal)
      throw new InputError("the scenario has no deal: section", {
        location: "body.scenario",
        hint: "add deal: with id: or terms",
      });
    return dealReport(evaluateScenario(s, { file: "scenario", deal: opts }).deal!);
  }
  const id = f.text("deal")!;
  return dealReport(
    await inBody(() => evaluateDeal(catalogDeal(id, "body.deal"), { ...opts, location: "body" }), map),
  );
}
