/**
 * CLI flags made from a request schema (src/requests): one `--kebab-case` flag per field, its help
 * the field's description; a boolean field is a switch. What the flags give is read back through
 * the same schema, so the CLI, the HTTP API and the schema never disagree on a field.
 */
import type { Command } from "commander";
import type { z } from "zod";
import { type Front, flags, kebab, readRequest } from "../requests/read.js";

type Shape = Record<string, z.ZodType>;

function shapeOf(schema: z.ZodType): Shape {
  return (schema as unknown as { shape: Shape }).shape;
}

/** Whether a field is true/false (through optional and default wrappers). */
function isSwitch(field: z.ZodType): boolean {
  let s = field as unknown as { _zod: { def: { type: string; innerType?: unknown } } };
  while (s._zod.def.innerType) s = s._zod.def.innerType as typeof s;
  return s._zod.def.type === "boolean";
}

/** Adds a flag for every field of `schema` but those in `skip` (given as arguments instead). */
export function requestFlags(cmd: Command, schema: z.ZodType, skip: readonly string[] = []): Command {
  for (const [field, s] of Object.entries(shapeOf(schema))) {
    if (skip.includes(field)) continue;
    cmd.option(isSwitch(s) ? `--${kebab(field)}` : `--${kebab(field)} <value>`, s.description ?? field);
  }
  return cmd;
}

/**
 * Reads the request from a command's parsed flags (fields of other flags, such as --format, are
 * left out) and `args` (fields given as arguments, named in `positional` for error locations).
 */
export function readFlags<S extends z.ZodType>(
  schema: S,
  given: Record<string, unknown>,
  args: Record<string, unknown> = {},
  positional: Record<string, string> = {},
): { request: z.output<S>; front: Front } {
  const fields = Object.keys(shapeOf(schema));
  const raw = Object.fromEntries(
    Object.entries({ ...given, ...args }).filter(([k, v]) => fields.includes(k) && v !== undefined),
  );
  const front = flags(positional);
  return { request: readRequest(schema, raw, front), front };
}
