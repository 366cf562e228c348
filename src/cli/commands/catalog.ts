import type { Command } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { dealsCatalog } from "../../catalog/deals.js";
import { chipsReport, dealsReport, modelsReport, showReport, systemsReport } from "../../report/catalog.js";
import type { Format } from "../../report/document.js";
import { print, withFormat } from "../common.js";

/** `gigawatt catalog chips|systems|models|show ID`. */
export function register(program: Command): void {
  const cmd = program
    .command("catalog")
    .description("list the sourced catalog: chips, systems, LLM architectures, deals");
  const lists = {
    chips: () => chipsReport(catalog()),
    systems: () => systemsReport(catalog()),
    models: () => modelsReport(catalog()),
    deals: () => dealsReport(dealsCatalog()),
  } as const;
  for (const [name, report] of Object.entries(lists)) {
    withFormat(cmd.command(name).description(`list the catalog's ${name}`)).action(
      (opts: { format: Format }) => print(report(), opts.format),
    );
  }
  withFormat(
    cmd
      .command("show")
      .argument(
        "<id>",
        "id or alias of a chip, system, model or deal (e.g. trn2, p5.48xlarge, llama-3.1-405b, amazon-anthropic)",
      )
      .description("show one entry with every value's sources and alternatives"),
  ).action((id: string, opts: { format: Format }) =>
    print(showReport(catalog(), id, dealsCatalog()), opts.format),
  );
}
