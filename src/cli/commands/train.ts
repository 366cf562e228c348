import type { Command } from "commander";

/** `gigawatt train`: not built yet. */
export function register(_program: Command): void {}
