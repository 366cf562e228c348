/** Reading and writing the user's files (Node only): a missing or unreadable file is the user's mistake, not a fault. */
import { readFileSync, writeFileSync } from "node:fs";
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
