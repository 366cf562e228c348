/** Claims of the reports, checked against the evaluation and the catalog. */
import type { ClaimResult } from "../../scenario/claims.js";
import { formatNumber } from "../../units/format.js";
import type { HtmlSection, KeyFigure } from "../html/spec.js";
import type { Context } from "./context.js";

function verdictText(c: ClaimResult): string {
  if (c.verdict === "holds" || c.verdict === "unchecked" || c.off === undefined) return c.verdict;
  const isDate = /off by \d+(\.\d+)? (years|months)$/.exec(c.computation);
  const by = isDate
    ? isDate[0].replace(/^off by /, "")
    : `${c.off > 0 ? "+" : ""}${formatNumber(c.off * 100, 2)}%`;
  return `${c.verdict} (${by})`;
}

export function claimsSection(ctx: Context, claims: ClaimResult[] | undefined): HtmlSection | undefined {
  if (!claims?.length) return undefined;
  const count = (v: ClaimResult["verdict"]) => claims.filter((c) => c.verdict === v).length;
  const figures: KeyFigure[] = (["holds", "off", "contradicted", "unchecked"] as const)
    .filter((v) => count(v) > 0)
    .map((v) => ({
      label: v === "holds" ? "claims that hold" : `claims ${v}`,
      value: formatNumber(count(v)),
    }));
  return {
    title: "Claims",
    intro:
      "Quantitative claims from the reports, each checked against what the scenario computes or what the catalog records, with the computation behind the verdict.",
    figures,
    tables: [
      {
        columns: [
          { key: "claim", label: "claim" },
          { key: "verdict", label: "verdict" },
          { key: "computation", label: "computation" },
          { key: "sources", label: "sources" },
        ],
        rows: claims.map((c) => ({
          claim: c.text,
          verdict: verdictText(c),
          computation: c.computation,
          sources: { text: "", sources: ctx.sources.cite(c.sources) },
        })),
      },
    ],
  };
}
