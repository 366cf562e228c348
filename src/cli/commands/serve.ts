import type { Command } from "commander";

/** `gigawatt serve`: not built yet. */
export function register(_program: Command): void {}
