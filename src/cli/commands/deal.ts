/** `gigawatt deal ID|FILE` and `gigawatt deals compare ID|FILE ...`. */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { catalogDeal, type Deal } from "../../deal/index.js";
import { InputError } from "../../errors.js";
import { dealAnswer } from "../../node/answers/deal.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { DealRequest } from "../../requests/index.js";
import { parseScenario } from "../../scenario/load.js";
import { dealFromSection } from "../../scenario/sections/deal.js";
import { print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

type Flags = Record<string, unknown> & { format: Format };

const isFile = (arg: string) => /\.(ya?ml|json)$/i.test(arg) || existsSync(arg);

/** A deal's terms: a catalog deal id, or a scenario file's deal: section. */
function loadDeal(arg: string, location: string): Deal {
  if (!isFile(arg)) return catalogDeal(arg, location);
  const s = parseScenario(readText(arg), arg);
  if (!s.deal)
    throw new InputError("the scenario has no deal: section", {
      location: arg,
      hint: "add deal: with id: or terms",
    });
  const deal = dealFromSection(s.deal, `${arg}: deal`);
  // A deal written out in a scenario is known by its file.
  return deal.id === "scenario" ? { ...deal, id: arg } : deal;
}

/** The deal request's flags, without the fields given as arguments. */
function withDealFlags(cmd: Command): Command {
  return withFormat(requestFlags(cmd, DealRequest, ["deal", "scenario", "compare"]));
}

export function register(program: Command): void {
  withDealFlags(
    program
      .command("deal")
      .argument(
        "<deal>",
        "catalog deal id (amazon-anthropic, microsoft-openai, ...) or a scenario FILE with a deal: section",
      )
      .description(
        "a compute deal's cash flows per year: capacity, chips, FLOP, spend, provider margin, investor cash out and back, NPV, IRR",
      ),
  ).action((arg: string, f: Flags) => {
    // A scenario file's deal is evaluated with the rest of the scenario, so that what the compute
    // buys comes from its training and serving planners and the provider's cost from its capacity.
    const given = isFile(arg) ? { scenario: readText(arg) } : { deal: arg };
    const { request, front } = readFlags(DealRequest, f, given, { deal: "DEAL", scenario: arg });
    print(dealAnswer(request, front, { file: arg }), f.format);
  });
  const deals = program.command("deals").description("compare compute deals");
  withDealFlags(
    deals
      .command("compare")
      .argument("<deals...>", "catalog deal ids or scenario files")
      .description("deals side by side, with each alliance's committed GW and dollars"),
  ).action((args: string[], f: Flags) => {
    const { request, front } = readFlags(DealRequest, f, { compare: args }, { compare: "DEALS" });
    print(dealAnswer(request, front, { deal: loadDeal }), f.format);
  });
}
