import type { Command } from "commander";

/** `gigawatt capacity`: not built yet. */
export function register(_program: Command): void {}
