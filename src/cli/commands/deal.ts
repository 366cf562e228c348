import { existsSync } from "node:fs";
import type { Command } from "commander";
import {
  catalogDeal,
  compareDeals,
  type Deal,
  type DealOptions,
  type DealResult,
  evaluateDeal,
} from "../../deal/index.js";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import { dealReport, dealsCompareReport } from "../../report/deal.js";
import type { Format } from "../../report/document.js";
import { evaluateScenario } from "../../scenario/evaluate.js";
import { parseScenario } from "../../scenario/load.js";
import { dealFromSection } from "../../scenario/sections/deal.js";
import { parseQuantity } from "../../units/quantity.js";
import { print, withFormat } from "../common.js";

function fraction(flag: string) {
  return (text: string) => {
    try {
      return parseQuantity(text, "fraction").value;
    } catch (e) {
      if (e instanceof InputError) throw e.at(flag);
      throw e;
    }
  };
}

interface Opts {
  format: Format;
  discountRate?: number;
  contingent?: boolean;
  trainingShare?: number;
  run?: string;
  model?: string;
}

function dealOptions(o: Opts): DealOptions {
  return {
    discountRate: o.discountRate,
    includeContingent: o.contingent,
    trainingShare: o.trainingShare,
    frontierRun: o.run,
    servedModel: o.model,
  };
}

/**
 * A catalog deal id, evaluated alone; or a scenario file with a deal: section, evaluated with
 * the rest of the scenario, so that what the compute buys comes from its training and serving
 * planners and the provider's cost from its capacity section.
 */
function dealResult(arg: string, o: Opts): DealResult {
  if (/\.ya?ml$/i.test(arg) || existsSync(arg)) {
    const s = parseScenario(readText(arg), arg);
    if (!s.deal)
      throw new InputError("the scenario has no deal: section", {
        location: arg,
        hint: "add deal: with id: or terms",
      });
    return evaluateScenario(s, { file: arg, deal: dealOptions(o) }).deal!;
  }
  return evaluateDeal(catalogDeal(arg, "DEAL"), { ...dealOptions(o), location: arg });
}

/** A deal's terms: a catalog deal id, or a scenario file's deal: section. */
function loadDeal(arg: string): Deal {
  if (/\.ya?ml$/i.test(arg) || existsSync(arg)) {
    const s = parseScenario(readText(arg), arg);
    if (!s.deal)
      throw new InputError("the scenario has no deal: section", {
        location: arg,
        hint: "add deal: with id: or terms",
      });
    return dealFromSection(s.deal, `${arg}: deal`);
  }
  return catalogDeal(arg, "DEAL");
}

function options(cmd: Command): Command {
  return withFormat(
    cmd
      .option(
        "--discount-rate <fraction>",
        "discount rate for NPV, e.g. 8% (default: the cost of capital)",
        fraction("--discount-rate"),
      )
      .option("--contingent", "count milestone tranches as paid")
      .option(
        "--training-share <fraction>",
        "share of the FLOP used for training (default 50%)",
        fraction("--training-share"),
      )
      .option(
        "--run <id>",
        "reference frontier run: grok-3, gpt-4.5, gpt-4o, llama-3.1-405b, claude-3.7-sonnet, gpt-4",
      )
      .option("--model <model>", "catalog model served (default llama-3.1-405b)"),
  );
}

/** `gigawatt deal ID|FILE` and `gigawatt deals compare ID ID ...`. */
export function register(program: Command): void {
  options(
    program
      .command("deal")
      .argument(
        "<deal>",
        "catalog deal id (amazon-anthropic, microsoft-openai, ...) or a scenario FILE with a deal: section",
      )
      .description(
        "a compute deal's cash flows per year: capacity, chips, FLOP, spend, provider margin, investor cash out and back, NPV, IRR",
      ),
  ).action((arg: string, o: Opts) => {
    print(dealReport(dealResult(arg, o)), o.format);
  });
  const deals = program.command("deals").description("compare compute deals");
  options(
    deals
      .command("compare")
      .argument("<deals...>", "catalog deal ids or scenario files")
      .description("deals side by side, with each alliance's committed GW and dollars"),
  ).action((args: string[], o: Opts) => {
    print(dealsCompareReport(compareDeals(args.map(loadDeal), dealOptions(o))), o.format);
  });
}
