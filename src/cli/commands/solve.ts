/** `gigawatt solve [FILE] --vary INPUT --target OUTPUT=VALUE [--between LOW,HIGH]`. */
import type { Command } from "commander";
import { solveAnswer } from "../../node/answers/solve.js";
import { defaultScenarioPath, readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { SolveRequest } from "../../requests/index.js";
import { print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

export function register(program: Command): void {
  withFormat(
    requestFlags(
      program
        .command("solve")
        .argument("[file]", "scenario YAML (default: the Amazon-Anthropic 2026 scenario)")
        .description(
          "the value of one input that makes an output hit a target through the whole chain: the price per GW-year at which the provider breaks even, the commitment a capacity implies, the chips that train a model in 90 days",
        ),
      SolveRequest,
      ["scenario"],
    ),
  ).action((file: string | undefined, f: Record<string, unknown> & { format: Format }) => {
    const path = file ?? defaultScenarioPath();
    const { request, front } = readFlags(SolveRequest, f);
    print(solveAnswer(request, front, readText(path), path), f.format);
  });
}
