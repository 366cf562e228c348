import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import { loadScenario } from "../../scenario/load.js";
import { scenarioJsonSchema } from "../../scenario/schema.js";

/** `gigawatt check FILE...` and `gigawatt schema`. */
export function register(program: Command): void {
  program
    .command("check")
    .description("check scenario files: every problem on its own line as FILE:LINE:COL: message (hint)")
    .argument("<files...>", "scenario YAML files")
    .action((files: string[]) => {
      let problems = 0;
      for (const file of files) {
        const r = loadScenario(readText(file), file);
        if (r.ok) {
          process.stdout.write(`${file}: ok\n`);
          continue;
        }
        problems += r.errors.length;
        for (const e of r.errors) process.stderr.write(`${e.toLine()}\n`);
      }
      if (problems > 0) {
        throw new InputError(`${problems} problem${problems > 1 ? "s" : ""} found`, {
          hint: "fix the lines above",
        });
      }
    });
  program
    .command("schema")
    .description("print the scenario file's JSON Schema (for editor completion)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
