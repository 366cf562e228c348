/** What `readReports` returns: the claims of each report, checked, and where reports disagree. */
import type { Source } from "../catalog/schema.js";
import type { Verdict } from "../scenario/claims.js";
import type { Hedge } from "./hedge.js";
import type { MentionKind } from "./mentions.js";
import type { ReportFormat } from "./text.js";

/** A stated value: a number in SI base units or US$, a range, or a date (YYYY[-MM[-DD]]). */
export type StatedValue = number | { low: number; high: number } | string;

/** One quantitative statement of a report, what it is about and whether it holds. */
export interface ReadClaim {
  file: string;
  /** Line of the sentence in the report (in the text stripped of HTML, for HTML reports). */
  line: number;
  sentence: string;
  /** The quantity as written, its hedge included ("up to $25 billion"). */
  text: string;
  value: StatedValue;
  unit: string;
  kind: MentionKind;
  hedge: Hedge;
  /** A scenario field, output or catalog fact (`deal.tranches[].amount`, `chips.trainium3.available`), or null. */
  about: string | null;
  /** The catalog deal it is checked against, when there is one. */
  deal?: string;
  /** The deal parties the sentence names. */
  parties: string[];
  /** The catalog chips the sentence names. */
  chips: string[];
  verdict: Verdict;
  /** How far off: a fraction of the stated value, or months for dates. */
  off?: number;
  /** The arithmetic behind the verdict, or why there is none. */
  computation: string;
  /** Catalog source ids the check rests on. */
  sources: string[];
  /** The date of the sentence's tranche, when it states one ("September 2023: ... $4 billion"). */
  dated?: string;
  /** The catalog tranche (its date) a tranche amount was compared with, when one alone. */
  tranche?: string;
  /** A plural scale word ("billions"): too vague to reconcile or claim. */
  vague?: boolean;
  /** Derived here from other claims (an implied price), not stated. */
  derived?: boolean;
}

/** A term that reports give different values for. */
export interface Conflict {
  about: string;
  label: string;
  values: Pick<ReadClaim, "file" | "value" | "unit" | "kind" | "hedge" | "text" | "sentence">[];
}

/** One row of the reconciliation table: what each report says of a term. */
export interface TermRow {
  about: string;
  label: string;
  /** The value each report gives, by file; absent where a report is silent. */
  byFile: Record<string, string[]>;
  agree: boolean;
}

/** A report as read. */
export interface ReadFile {
  file: string;
  format: ReportFormat;
  sentences: number;
  claims: number;
  /** The deal the report is about (the catalog deal, when known). */
  deal?: string;
  parties: string[];
  /** The catalog chips it names. */
  chips: string[];
  /** What a person should know: no quantities found, a date inferred. */
  notes: string[];
}

/** The JSON of `gigawatt read` (schema gigawatt/read@1). */
export interface ReadResult {
  schema: "gigawatt/read@1";
  files: ReadFile[];
  claims: ReadClaim[];
  conflicts: Conflict[];
  terms: TermRow[];
  /** A draft scenario: the reports' terms as sourced alternatives and their claims (YAML). */
  scenario: string;
  /** Every source a check cites. */
  sources: Record<string, Source>;
}
