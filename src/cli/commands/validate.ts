import type { Command } from "commander";
import * as serving from "./validate-serving.js";
import * as training from "./validate-training.js";

/** `gigawatt validate training|serving`: predictions against published measurements. */
export function register(program: Command): void {
  const cmd = program
    .command("validate")
    .description("compare the models' predictions with published measurements");
  training.register(cmd);
  serving.register(cmd);
}
