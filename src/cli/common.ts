/** What every command shares: the --format option, printing, whole-number flags. */
import { type Command, Option } from "commander";
import { z } from "zod";
import { type Doc, FORMATS, type Format, render } from "../report/document.js";
import { whole } from "../requests/fields.js";
import { readRequest } from "../requests/read.js";

/** Adds `--format text|json|csv|md` to a command. */
export function withFormat(cmd: Command): Command {
  return cmd.addOption(
    new Option("--format <format>", "output format").choices(FORMATS as string[]).default("text"),
  );
}

/** Prints a report in the chosen format. */
export function print(doc: Doc, format: Format = "text"): void {
  process.stdout.write(render(doc, format));
}

/** A flag's whole number above 0 ("8", "16k"), read as request fields are (src/requests). */
export function positiveInt(flag: string) {
  const schema = z.strictObject({ [flag]: whole() });
  return (text: string): number =>
    readRequest(schema, { [flag]: text }, { at: () => flag, name: () => flag })[flag]!;
}
