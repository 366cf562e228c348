/** Reading news reports of compute deals: claims, checks, reconciliation and a draft scenario. */
export type { Hedge } from "./hedge.js";
export type { Mention, MentionKind } from "./mentions.js";
export { REPORT_DATE, type ReadOptions, type ReportInput, readReports } from "./read.js";
export { showValue, termLabel } from "./reconcile.js";
export { MAX_REPORT_CHARS, type ReportFormat } from "./text.js";
export type { Conflict, ReadClaim, ReadFile, ReadResult, StatedValue, TermRow } from "./types.js";
