/**
 * Reading a request and placing its errors: a front end (CLI flags, an HTTP body or query)
 * hands the raw fields to a command's schema and says where each field is written; every mistake,
 * the schema's or the engine's, becomes one InputError at that place.
 */
import type { z } from "zod";
import { InputError } from "../errors.js";
import { describeIssue } from "../scenario/load.js";

/** A path to a field: ["mix", 1, "share"]. */
export type Path = readonly PropertyKey[];

/** Where a front end writes a request's fields. */
export interface Front {
  /** The location of the field at `path`: "--batch-seqs", "body.mix[1].share", "?samples". */
  at(path: Path): string;
  /** A field as a person names it in this front end, for messages: "--batch-seqs" or "batchSeqs". */
  name(field: string): string;
}

/** batchSeqs -> batch-seqs. */
export function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function tail(path: Path): string {
  return path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
}

/** Fields as CLI flags (`--batch-seqs`); `positional` names the fields given as arguments ("DEAL"). */
export function flags(positional: Record<string, string> = {}): Front {
  const name = (field: string) => positional[field] ?? `--${kebab(field)}`;
  return { name, at: (path) => `${name(String(path[0] ?? ""))}${tail(path.slice(1))}` };
}

/** Fields of a JSON body (`body.batchSeqs`). */
export const body: Front = {
  name: (field) => `"${field}"`,
  at: (path) => `body${tail(path)}`,
};

/** Fields of a URL query (`?samples`). */
export const query: Front = {
  name: (field) => `?${field}`,
  at: (path) => `?${String(path[0] ?? "")}`,
};

/** Writes `{field}` in a message the way the front end names it. */
function named(text: string | undefined, front: Front): string | undefined {
  return text?.replace(/\{(\w+)\}/g, (_m, f: string) => front.name(f));
}

/**
 * Parses raw fields with a command's schema; the first mistake is an InputError at its field.
 * Messages and hints may name other fields as `{field}` (see `conflict`).
 */
export function readRequest<S extends z.ZodType>(schema: S, raw: unknown, front: Front): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const d = describeIssue(issue, raw, schema);
  const path = d.key ? [...issue.path, d.key] : issue.path;
  // A message about the whole request ("give one of ...") names its own fields.
  const where = path.length ? front.at(path) : front.at([]);
  return fail(named(d.message, front)!, where, named(d.hint, front));
}

function fail(message: string, location: string, hint?: string): never {
  throw new InputError(message, { location, hint });
}

/**
 * How engine options are named in the request, where the names differ (averageLoad -> load); an
 * option named "" is a prefix the engine puts before the options (a deal's "deal.").
 */
export type EngineNames = Record<string, string>;

/** Engine option paths ("mix[1].share", "strategy.tp") as paths. */
function enginePath(location: string): Path | undefined {
  if (!/^[A-Za-z][\w]*(\.[A-Za-z]\w*|\[\d+\])*$/.test(location)) return undefined;
  return location.split(/\.|(?=\[)/).map((k) => (k.startsWith("[") ? Number(k.slice(1, -1)) : k));
}

/**
 * Runs engine work for a request; an InputError located at an engine option ("averageLoad",
 * "strategy.tp", "mix[1].share") is placed at the request field that sets it. Engine options
 * nested under `strategy` are top-level request fields.
 */
export async function inEngine<T>(
  f: () => T | Promise<T>,
  front: Front,
  names: EngineNames = {},
): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw placed(e, front, names);
  }
}

/** The same as `inEngine`, for work that is not a promise. */
export function inEngineSync<T>(f: () => T, front: Front, names: EngineNames = {}): T {
  try {
    return f();
  } catch (e) {
    throw placed(e, front, names);
  }
}

function placed(e: unknown, front: Front, names: EngineNames): unknown {
  if (!(e instanceof InputError) || !e.location) return e;
  const path = enginePath(e.location);
  if (!path) return e;
  let p = path;
  while (p.length > 1 && (p[0] === "strategy" || names[String(p[0])] === "")) p = p.slice(1);
  const [head, ...rest] = p;
  const field = names[String(head)] || String(head);
  return new InputError(named(e.message, front)!, {
    location: front.at([field, ...rest]),
    hint: named(e.hint, front),
  });
}

/** Refuses two fields given together, at the second: "give {batch} or {batchSeqs}, not both". */
export function conflict(ctx: z.RefinementCtx, given: Record<string, unknown>, a: string, b: string): void {
  if (given[a] === undefined || given[b] === undefined) return;
  ctx.addIssue({
    code: "custom",
    path: [b],
    message: `does not go with {${a}}`,
    params: { hint: `give {${a}} or {${b}}, not both` },
  });
}
