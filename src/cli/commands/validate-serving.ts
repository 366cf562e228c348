import type { Command } from "commander";

/** `gigawatt validate serving`: not built yet. */
export function register(_validate: Command): void {}
