/** What every command shares: the --format option, printing, whole-number flags. */
import { type Command, Option } from "commander";
import { InputError } from "../errors.js";
import { type Doc, FORMATS, type Format, render } from "../report/document.js";

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

/** Parses a whole positive number from a flag. */
export function positiveInt(flag: string) {
  return (text: string): number => {
    const n = Number(text.replace(/[,_]/g, "").replace(/k$/i, "000"));
    if (!Number.isInteger(n) || n <= 0) {
      throw new InputError(`expected a whole number above 0, got "${text}"`, {
        location: flag,
        hint: "e.g. 8",
      });
    }
    return n;
  };
}
