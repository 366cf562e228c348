/**
 * The `gigawatt` command. A user's mistake prints one line, `gigawatt: where: what (hint)`, and
 * exits with code 2; an internal fault exits with code 1.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import * as apiCommand from "./commands/api.js";
import * as capacityCommand from "./commands/capacity.js";
import * as catalogCommand from "./commands/catalog.js";
import * as checkCommand from "./commands/check.js";
import * as dealCommand from "./commands/deal.js";
import * as readCommand from "./commands/read.js";
import * as runCommand from "./commands/run.js";
import * as serveCommand from "./commands/serve.js";
import * as solveCommand from "./commands/solve.js";
import * as trainCommand from "./commands/train.js";
import * as validateCommand from "./commands/validate.js";

function program(): Command {
  const p = new Command("gigawatt")
    .description(
      "An open planner for AI compute: dollars -> gigawatts -> accelerators -> LLM training and serving -> cash flows",
    )
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  const commands = [
    runCommand,
    catalogCommand,
    trainCommand,
    serveCommand,
    capacityCommand,
    dealCommand,
    solveCommand,
    readCommand,
    validateCommand,
    checkCommand,
    apiCommand,
  ];
  for (const c of commands) c.register(p);
  // Every subcommand shares the error handling and rejects stray arguments.
  const apply = (c: Command) => {
    c.exitOverride()
      .configureOutput({ outputError: () => {} })
      .showSuggestionAfterError(true);
    c.commands.forEach(apply);
  };
  p.commands.forEach(apply);
  return p;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const p = program();
    const [first, topic] = argv;
    if (first === "help" && topic !== undefined && !p.commands.some((c) => c.name() === topic))
      throw new InputError(`unknown command "${topic}"`, {
        hint: `commands: ${p.commands.map((c) => c.name()).join(", ")}`,
      });
    await p.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      // Usage printed because no (sub)command was named: not what was asked for.
      if (e.code === "commander.help") return argv[0] === "help" ? 0 : 2;
      const message = e.message.replace(/^error: /, "").replace(/\n+/g, " ");
      process.stderr.write(`gigawatt: ${message} (see gigawatt --help)\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`gigawatt: ${e.toLine()}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`gigawatt: internal error: ${err.message}\n`);
    if (process.env.GIGAWATT_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
