/** `gigawatt check FILE...` and `gigawatt schema`. */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { checkScenario } from "../../run/check.js";
import { scenarioJsonSchema } from "../../scenario/schema.js";

/** `gigawatt check FILE...` and `gigawatt schema`. */
export function register(program: Command): void {
  program
    .command("check")
    .description(
      "check scenario files as `run` would, without its Monte Carlo: every problem as FILE:LINE:COL: message (hint)",
    )
    .argument("<files...>", "scenario YAML files")
    .option("--format <format>", "text, or json: {schema, files: [{file, ok, problems}]}", "text")
    .action((files: string[], o: { format: Format }) => {
      if (o.format !== "text" && o.format !== "json")
        throw new InputError(`check writes text or json, not "${o.format}"`, {
          location: "--format",
          hint: "text or json",
        });
      const results = files.map((file) => ({ file, problems: checkScenario(readText(file), file) }));
      const count = results.reduce((n, r) => n + r.problems.length, 0);
      if (o.format === "json") {
        const json = {
          schema: "gigawatt/check@1",
          files: results.map((r) => ({ ...r, ok: r.problems.length === 0 })),
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else
        for (const r of results) {
          if (r.problems.length === 0) process.stdout.write(`${r.file}: ok\n`);
          for (const p of r.problems) process.stderr.write(`${new InputError(p.message, p).toLine()}\n`);
        }
      if (count > 0)
        throw new InputError(`${count} problem${count > 1 ? "s" : ""} found`, {
          hint: o.format === "json" ? "see the JSON above" : "fix the lines above",
        });
    });
  program
    .command("schema")
    .description("print the scenario file's JSON Schema (for editor completion; JSON only)")
    .option("--format <format>", "json (the only format of a JSON Schema)", "json")
    .action((o: { format: string }) => {
      if (o.format !== "json")
        throw new InputError(`a JSON Schema is written as json, not "${o.format}"`, {
          location: "--format",
          hint: "json",
        });
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
