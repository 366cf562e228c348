/** `gigawatt read FILE... [--format text|json|csv|md|yaml] [--date YYYY-MM]`. */
import { statSync } from "node:fs";
import { type Command, Option } from "commander";
import { InputError } from "../../errors.js";
import { readAnswer } from "../../node/answers/read.js";
import { readText } from "../../node/files.js";
import { MAX_REPORT_CHARS } from "../../read/index.js";
import { FORMATS, type Format } from "../../report/document.js";
import { ReadRequest } from "../../requests/index.js";
import { print } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

/** A UTF-8 character takes at most 4 bytes: a file over this cannot be under the character bound. */
const MAX_BYTES = 4 * MAX_REPORT_CHARS;

/** A report file's text, refused before it is read when it is too large to be a report. */
function readReportFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return readText(path); // its own error: no such file, a directory
  }
  if (size > MAX_BYTES)
    throw new InputError(`the file is ${size.toLocaleString("en-US")} bytes, too large for a report`, {
      location: path,
      hint: `a report is at most ${MAX_REPORT_CHARS.toLocaleString("en-US")} characters; give the article's text only`,
    });
  return readText(path);
}

export function register(program: Command): void {
  requestFlags(
    program
      .command("read")
      .argument("<files...>", "news reports: plain text, Markdown or HTML")
      .description(
        "read deal reports: every quantity they state, what it is about and whether it holds; where reports disagree; a draft scenario (--format yaml)",
      ),
    ReadRequest,
    ["text", "reports"],
  )
    .addOption(
      new Option("--format <format>", "output format (yaml: the draft scenario)")
        .choices([...FORMATS, "yaml"])
        .default("text"),
    )
    .action((files: string[], f: Record<string, unknown> & { format: Format | "yaml" }) => {
      const reports = files.map((name) => ({ name, text: readReportFile(name) }));
      const { request } = readFlags(ReadRequest, f, { reports }, { reports: "FILE" });
      const doc = readAnswer(request);
      if (f.format === "yaml") process.stdout.write((doc.data as { scenario: string }).scenario);
      else print(doc, f.format);
    });
}
