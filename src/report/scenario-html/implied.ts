/**
 * Implied terms: what would make the deal's numbers work. The solver's answers (the price per
 * GW-year at which the provider breaks even, or earns its reported margin) and the arithmetic of
 * the commitment (the GW-years it buys at market and at cost, the commitment the capacity implies).
 */
import type { SolveAnswer } from "../../scenario/solve.js";
import type { HtmlSection } from "../html/spec.js";
import { impliedRows } from "../implied.js";
import { type Context, keyFigure } from "./context.js";

export function impliedSection(ctx: Context, solved: SolveAnswer[] = []): HtmlSection | undefined {
  const d = ctx.result.deal;
  if (!d) return undefined;
  const figures = [
    keyFigure(ctx, "deal.usageInCommitmentYears", {
      label: "Commitment the capacity implies",
      note: "the capacity online in the commitment's years, at the market price",
    }),
    keyFigure(ctx, "deal.commitmentGwYearsAtMarket", {
      label: "GW-years the commitment buys at market",
      traced: d.totals.committedSpend,
    }),
    keyFigure(ctx, "deal.commitmentGwYearsAtCost", {
      label: "GW-years the commitment buys at cost",
      traced: d.totals.costUsdPerWYear,
    }),
  ].filter((f) => f !== undefined);
  const rows = impliedRows(solved);
  if (figures.length === 0 && rows.length === 0) return undefined;
  for (const a of solved) ctx.sources.cite(a.sources);
  return {
    title: "Implied terms",
    intro:
      "What would make the numbers work: the solver varies one input through the whole chain until an output hits its target (gigawatt solve asks the same questions); the commitment's arithmetic sets it against the market price and the provider's cost.",
    figures,
    tables: rows.length
      ? [
          {
            title: "Questions for the solver (nominal inputs)",
            columns: [
              { key: "question", label: "question" },
              { key: "answer", label: "answer", align: "right" },
              { key: "now", label: "the scenario has", align: "right" },
              { key: "check", label: "at the answer" },
            ],
            rows,
          },
        ]
      : undefined,
  };
}
