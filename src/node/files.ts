/** Reading and writing the user's files (Node only): a missing or unreadable file is the user's mistake, not a fault. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";

/** Reads a text file; a missing or unreadable file is an InputError located at its path. */
export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code})`;
    throw new InputError(`${why}`, { location: path, hint: "check the path" });
  }
}

/** Writes a text file. */
export function writeText(path: string, text: string): void {
  writeFileSync(path, text);
}

/** The package root: the nearest folder above this file with a package.json (src/ or dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** The default scenario shipped with the package (the 2026 Amazon-Anthropic deal). */
export function defaultScenarioPath(): string {
  return join(packageRoot(), "scenarios", "amazon-anthropic-2026.yaml");
}
