import type { Command } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { chipsReport, modelsReport, showReport, systemsReport } from "../../report/catalog.js";
import type { Format } from "../../report/document.js";
import { print, withFormat } from "../common.js";

/** `gigawatt catalog chips|systems|models|show ID`. */
export function register(program: Command): void {
  const cmd = program
    .command("catalog")
    .description("list the sourced catalog: chips, systems, LLM architectures");
  const lists = { chips: chipsReport, systems: systemsReport, models: modelsReport } as const;
  for (const [name, report] of Object.entries(lists)) {
    withFormat(cmd.command(name).description(`list the catalog's ${name}`)).action(
      (opts: { format: Format }) => print(report(catalog()), opts.format),
    );
  }
  withFormat(
    cmd
      .command("show")
      .argument("<id>", "id or alias of a chip, system or model (e.g. trn2, p5.48xlarge, llama-3.1-405b)")
      .description("show one entry with every value's sources and alternatives"),
  ).action((id: string, opts: { format: Format }) => print(showReport(catalog(), id), opts.format));
}
