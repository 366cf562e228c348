/** A read request's report, as `gigawatt read` and POST /v1/read answer it. */
import { readReports } from "../../read/index.js";
import type { Doc } from "../../report/document.js";
import { readReport } from "../../report/read.js";
import type { ReadRequest } from "../../requests/index.js";

/** The report for a read request; a bad report is an InputError located at its name. */
export function readAnswer(r: ReadRequest): Doc {
  const reports = r.reports?.map((x) => ({ file: x.name, text: x.text })) ?? [
    { file: "report", text: r.text! },
  ];
  return readReport(readReports(reports, { date: r.date }));
}
