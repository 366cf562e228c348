/**
 * The read report: each report's claims with what they are about and their verdicts, then where
 * the reports disagree and the terms each gives; the JSON is `readReports`' result as is.
 */
import { type ReadClaim, type ReadResult, showValue } from "../read/index.js";
import { type Block, type Doc, table } from "./document.js";

const base = (file: string) => file.split(/[\\/]/).pop()!;

/** "holds", "off by 25%", "off by 3 months", "contradicted (2 years)", "unchecked". */
export function verdictText(c: Pick<ReadClaim, "verdict" | "off" | "kind" | "about">): string {
  if (c.verdict === "holds" || c.verdict === "unchecked" || c.off === undefined) return c.verdict;
  const by =
    c.kind === "date" || c.about?.endsWith("start")
      ? Math.abs(c.off) >= 12
        ? `${+(Math.abs(c.off) / 12).toFixed(1)} years`
        : `${Math.abs(c.off)} months`
      : `${c.off > 0 ? "+" : ""}${Math.round(c.off * 100)}%`;
  return c.verdict === "off" ? `off by ${by}` : `contradicted (${by})`;
}

/** The report of `readReports`. */
export function readReport(r: ReadResult): Doc {
  const several = r.files.length > 1;
  const blocks: Block[] = [];
  blocks.push(
    table(
      [
        ["report", "report"],
        ["format", "format"],
        ["sentences", "sentences"],
        ["claims", "claims"],
        ["deal", "deal"],
        ["notes", "notes"],
      ],
      r.files.map((f) => ({
        report: base(f.file),
        format: f.format,
        sentences: f.sentences,
        claims: f.claims,
        deal: f.deal ?? f.parties.join(" and "),
        notes: f.notes.join("; "),
      })),
      "Reports",
    ),
  );
  blocks.push(
    table(
      [
        ...(several ? ([["report", "report"]] as [string, string][]) : []),
        ["line", "line"],
        ["quantity", "as written"],
        ["value", "value"],
        ["about", "about"],
        ["verdict", "verdict"],
        ["check", "check"],
      ],
      r.claims.map((c) => ({
        report: base(c.file),
        line: c.derived ? "derived" : c.line,
        quantity: c.text,
        value: showValue(c),
        about: c.about ?? "",
        verdict: verdictText(c),
        check: c.computation,
      })),
      "Claims",
      r.claims.length === 0 ? "no quantities found" : undefined,
    ),
  );
  if (r.conflicts.length)
    blocks.push(
      table(
        [
          ["term", "term"],
          ["report", "report"],
          ["value", "value"],
          ["quantity", "as written"],
        ],
        r.conflicts.flatMap((k) =>
          k.values.map((v, i) => ({
            term: i === 0 ? k.label : "",
            report: base(v.file),
            value: showValue(v),
            quantity: v.text,
          })),
        ),
        "Conflicts",
      ),
    );
  if (several && r.terms.length) {
    const files = r.files.map((f) => f.file);
    blocks.push(
      table(
        [["term", "term"], ...files.map((f): [string, string] => [f, base(f)]), ["agree", "agree"]],
        r.terms.map((t) => ({
          term: t.label,
          ...Object.fromEntries(files.map((f) => [f, t.byFile[f]?.join(", ") ?? ""])),
          agree: t.agree ? "yes" : "no",
        })),
        "Terms by report",
      ),
    );
  }
  blocks.push({
    kind: "text",
    title: "Draft scenario",
    text: "the reports' terms as a scenario: --format yaml (gigawatt check and gigawatt run take it)",
  });
  const { schema, ...data } = r;
  return { schema, title: `gigawatt read: ${r.files.map((f) => base(f.file)).join(", ")}`, blocks, data };
}
