import type { Command } from "commander";

/** `gigawatt deal`: not built yet. */
export function register(_program: Command): void {}
