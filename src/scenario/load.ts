/**
 * Reading scenario files: YAML parsed with positions, validated by the schema, every problem
 * reported as `FILE:LINE:COL: message (hint)`.
 */
import { closest, distance } from "fastest-levenshtein";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics } from "../catalog/economics.js";
import { InputError } from "../errors.js";
import { LIMITS } from "../units/limits.js";
import { Scenario } from "./schema.js";

/**
 * The result of checking a scenario: the scenario, with `locate` placing a field path of it
 * ("capacity.mix[1].share") at FILE:LINE:COL, or every problem found.
 */
export type LoadResult =
  | { ok: true; scenario: Scenario; locate: (path: string) => string }
  | { ok: false; errors: InputError[] };

type Path = readonly PropertyKey[];

/** The node at `path`, or the deepest existing ancestor (for a missing field). */
function nodeAt(root: Node | null, path: Path): Node | null {
  let node = root;
  for (const key of path) {
    if (!node) return null;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      // A key that is not allowed is best pointed at by its key.
      next = pair ? (pair.value ?? pair.key) : undefined;
      if (pair && typeof key === "string" && pair.value === null) next = pair.key;
    } else if (isSeq(node)) next = node.items[Number(key)];
    if (!next) return node;
    node = next as Node;
  }
  return node;
}

function keyNode(root: Node | null, path: Path, key: string): Node | null {
  const parent = nodeAt(root, path);
  if (!isMap(parent)) return parent;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as Node | undefined) ?? parent;
}

/** The schema at `path` inside `schema`, through optional, default and pipe wrappers. */
function schemaAt(schema: z.core.$ZodType, path: Path): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = schema;
  const unwrap = () => {
    for (let i = 0; i < 10 && s; i++) {
      const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
      if (def.innerType) s = def.innerType;
      else if (def.type === "pipe" && def.in) s = def.in;
      else break;
    }
  };
  unwrap();
  for (const key of path) {
    const def = s?._zod.def as
      | { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType }
      | undefined;
    if (def?.type === "object" && def.shape) s = def.shape[String(key)];
    else if (def?.type === "array") s = def.element;
    else return undefined;
    unwrap();
  }
  return s;
}

/** The fields an object in the schema allows. */
function allowedKeys(schema: z.core.$ZodType, path: Path): string[] {
  const def = schemaAt(schema, path)?._zod.def as
    | { type: string; shape?: Record<string, unknown> }
    | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** The description of the field at `path` (what it is, with an example), if the schema has one. */
export function fieldHelp(schema: z.core.$ZodType, path: Path): string | undefined {
  if (path.length === 0) return undefined;
  const parent = schemaAt(schema, path.slice(0, -1))?._zod.def as
    | { type: string; shape?: Record<string, z.ZodType> }
    | undefined;
  return parent?.type === "object" ? parent.shape?.[String(path.at(-1))]?.description : undefined;
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/**
 * A zod issue in words: message, hint, and for an unknown field its name. Shared by scenario files
 * and requests (src/requests), whose `schema` gives the allowed fields and each field's help.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  schema: z.core.$ZodType = Scenario,
): { message: string; hint?: string; key?: string } {
  const hint = (issue as { params?: { hint?: string } }).params?.hint;
  const field = issue.path.length ? String(issue.path.at(-1)) : "scenario";
  if (issue.code !== "unrecognized_keys" && issue.path.length && valueAt(data, issue.path) === undefined) {
    return {
      message: `missing required field "${field}"`,
      hint: fieldHelp(schema, issue.path) ?? `add ${field}: ...`,
    };
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0]!;
      const allowed = allowedKeys(schema, issue.path);
      const near = allowed.length ? closest(key, allowed) : undefined;
      const list = allowed.length ? `allowed: ${allowed.join(", ")}` : "see `gigawatt schema`";
      const hint =
        near !== undefined && distance(near, key) <= Math.max(2, key.length / 3)
          ? `did you mean "${near}"? ${list}`
          : list;
      return { message: `unknown field "${key}"`, hint, key };
    }
    case "invalid_type":
      return {
        message: `"${field}" should be ${issue.expected === "string" ? "text" : `a ${issue.expected}`}`,
        hint: hint ?? "see `gigawatt schema`",
      };
    case "invalid_union":
      return { message: `"${field}" is not valid here`, hint: hint ?? "see `gigawatt schema`" };
    case "invalid_value":
      return {
        message: `"${field}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      };
    default:
      return { message: issue.message, hint };
  }
}

/** Parses and validates scenario text; `file` names it in error locations. */
export function loadScenario(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map(
        (e) =>
          new InputError(`invalid YAML: ${e.message.split("\n")[0]}`, {
            location: at(e.pos[0]),
            hint: "check indentation, colons and quotes",
          }),
      ),
    };
  }
  let data: unknown;
  try {
    // yaml refuses alias bombs (more than 100 aliases resolved) with a ReferenceError.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return {
      ok: false,
      errors: [
        new InputError("too many aliases (*name) are resolved", {
          location: at(0),
          hint: "write the values out",
        }),
      ],
    };
  }
  const big = oversized(data);
  if (big)
    return {
      ok: false,
      errors: [
        new InputError(big.message, {
          location: at(nodeAt(doc.contents, big.path)?.range?.[0] ?? 0),
          hint: big.hint,
        }),
      ],
    };
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      errors: [
        new InputError("a scenario is a YAML mapping of sections", {
          location: at(0),
          hint: "start with `name: ...`",
        }),
      ],
    };
  }
  const result = Scenario.safeParse(data);
  if (result.success) {
    const unknown = unknownSources(doc.contents, result.data, at);
    const locate = (path: string) => at(nodeAt(doc.contents, fieldPath(path))?.range?.[0] ?? 0);
    return unknown.length ? { ok: false, errors: unknown } : { ok: true, scenario: result.data, locate };
  }
  const errors = result.error.issues.map((issue) => {
    const d = describeIssue(issue, data);
    const node = d.key ? keyNode(doc.contents, issue.path, d.key) : nodeAt(doc.contents, issue.path);
    const where = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    return new InputError(`${d.message}${d.key ? "" : where}`, {
      location: at(node?.range?.[0] ?? 0),
      hint: d.hint,
    });
  });
  errors.sort((a, b) => compareLocations(a.location ?? "", b.location ?? ""));
  return { ok: false, errors };
}

/** "capacity.mix[1].share" -> ["capacity", "mix", 1, "share"]. */
export function fieldPath(path: string): Path {
  return path
    .split(/\.|(?=\[)/)
    .filter((k) => k !== "")
    .map((k) => (/^\[\d+\]$/.test(k) ? Number(k.slice(1, -1)) : k));
}

/** Most values (mapping entries, list items, scalars) a scenario may hold. */
const MAX_NODES = 100_000;

/** The first string past LIMITS.text, or a scenario with too many values, or undefined. */
function oversized(data: unknown): { message: string; hint: string; path: Path } | undefined {
  let nodes = 0;
  const walk = (
    v: unknown,
    path: PropertyKey[],
  ): { message: string; hint: string; path: Path } | undefined => {
    if (++nodes > MAX_NODES)
      return {
        message: `more than ${MAX_NODES.toLocaleString("en-US")} values`,
        hint: "a scenario is a page of YAML, not a data set",
        path,
      };
    if (typeof v === "string" && v.length > LIMITS.text.max)
      return {
        message: `a text of ${v.length.toLocaleString("en-US")} characters`,
        hint: `at most ${LIMITS.text.max.toLocaleString("en-US")}: ${LIMITS.text.why}`,
        path,
      };
    if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        const found = walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
        if (found) return found;
      }
    return undefined;
  };
  return walk(data, []);
}

/** Every source id cited in the file must be the scenario's own or the catalog's. */
function unknownSources(root: Node | null, scenario: Scenario, at: (offset: number) => string): InputError[] {
  const known = new Set([
    ...Object.keys(scenario.sources),
    ...catalog().sources.keys(),
    ...dealsCatalog().sources.keys(),
    ...economics().sources.keys(),
  ]);
  const errors: InputError[] = [];
  visit(root, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "sources" || !isSeq(pair.value)) return;
      for (const item of pair.value.items) {
        if (isScalar(item) && !known.has(String(item.value))) {
          errors.push(
            new InputError(`unknown source "${item.value}"`, {
              location: at(item.range?.[0] ?? 0),
              hint: "define it under sources: (title, address, date) or cite a catalog source id",
            }),
          );
        }
      }
    },
  });
  return errors;
}

function compareLocations(a: string, b: string): number {
  const pa = a.split(":").slice(-2).map(Number);
  const pb = b.split(":").slice(-2).map(Number);
  return pa[0]! - pb[0]! || pa[1]! - pb[1]!;
}

/** Parses scenario text or throws the first problem as an InputError. */
export function parseScenario(text: string, file: string): Scenario {
  const r = loadScenario(text, file);
  if (!r.ok) throw r.errors[0]!;
  return r.scenario;
}
