/**
 * The read request (`gigawatt read FILE...`, POST /v1/read): one report's text, or several named
 * reports to reconcile, and the date of the reports for months written without a year.
 */
import { z } from "zod";
import { MAX_REPORT_CHARS, REPORT_DATE } from "../read/index.js";

const report = z
  .string()
  .max(
    MAX_REPORT_CHARS,
    `longer than ${MAX_REPORT_CHARS.toLocaleString("en-US")} characters (a long article is 30-60 kB)`,
  );

/** Most reports one request reconciles. */
export const MAX_REPORTS = 50;

export const ReadRequest = z
  .strictObject({
    text: report.optional().describe("a report's text: plain, Markdown or HTML"),
    reports: z
      .array(z.strictObject({ name: z.string().min(1).max(200), text: report }))
      .min(1)
      .max(MAX_REPORTS, `more than ${MAX_REPORTS} reports (read them in groups)`)
      .optional()
      .describe("several reports to reconcile, each {name, text}"),
    date: z
      .string()
      .regex(REPORT_DATE, "a date is written YYYY or YYYY-MM")
      .optional()
      .describe("the reports' date (YYYY or YYYY-MM), for months written without a year"),
  })
  .superRefine((r, ctx) => {
    if ((r.text === undefined) === (r.reports === undefined))
      ctx.addIssue({
        code: "custom",
        path: [r.text === undefined ? "text" : "reports"],
        message: r.text === undefined ? "which report?" : "give {text} or {reports}, not both",
        params: { hint: "one report as {text}, or several as {reports: [{name, text}]}" },
      });
  });
export type ReadRequest = z.output<typeof ReadRequest>;
