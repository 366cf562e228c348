import type { Command } from "commander";

/** `gigawatt run`: not built yet. */
export function register(_program: Command): void {}
