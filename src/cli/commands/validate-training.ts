import type { Command } from "commander";

/** `gigawatt validate training`: not built yet. */
export function register(_validate: Command): void {}
