/**
 * DESIGN: data flows one way, down the chain. A module imports only from its own folder or from a
 * folder earlier in the chain; `units/` and `errors.ts` sit below everything, and `uncertainty/`
 * (which wraps any evaluation) may be imported from anywhere, as long as no cycle results.
 * Folders the chain names but the tree does not have yet (power/, calibration/, read/) are accepted
 * when they appear; a folder the chain does not name fails until it is placed here and in DESIGN.md.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The chain, earliest first; folders on one line are siblings and may not import each other. */
const CHAIN: string[][] = [
  ["units", "errors"],
  ["catalog"],
  ["llm"],
  ["power"],
  ["train", "serve"],
  ["calibration"],
  ["capacity"],
  ["deal"],
  ["uncertainty"],
  ["scenario"],
  ["read"],
  ["requests"],
  ["run"],
  ["report"],
  ["node"],
  // `gigawatt api` starts the server: the CLI sits above it.
  ["server"],
  ["cli", "web"],
  ["index"],
];
const RANK = new Map(CHAIN.flatMap((layer, i) => layer.map((name): [string, number] => [name, i])));
/** Importable from any layer (DESIGN: "uncertainty wraps any evaluation"). */
const ANYWHERE = new Set(["units", "errors", "uncertainty"]);
/** Node-only layers: the browser (web/) and the engine never import them. */
const NODE_ONLY = new Set(["node", "cli", "server"]);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "dist" ? [] : files(p);
    return /\.(ts|mts)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The chain member a file belongs to: its first folder under src/ (or "web"), or a root file's name. */
function member(file: string): string | undefined {
  const rel = relative(root, file).split(sep);
  if (rel[0] === "web") return "web";
  if (rel[0] !== "src") return undefined;
  // A root file ("errors.ts", imported as "errors.js") is its own member, without its extension.
  return rel.length === 2 ? rel[1]!.replace(/\.[jt]s$/, "") : rel[1];
}

/** Relative imports of a file (static, re-exports and dynamic), resolved to paths. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return specs.map((s) => resolve(dirname(file), s));
}

const sources = [...files(join(root, "src")), ...files(join(root, "web", "src"))];
const edges = sources.flatMap((file) =>
  imports(file)
    .map((target) => ({ file, from: member(file)!, to: member(target) }))
    .filter((e): e is { file: string; from: string; to: string } => e.to !== undefined && e.to !== e.from),
);

describe("the chain of DESIGN.md", () => {
  it("has imports to check", () => expect(edges.length).toBeGreaterThan(100));

  it("names every folder of src/", () => {
    const unknown = [...new Set(sources.map(member))].filter((m) => m !== undefined && !RANK.has(m));
    expect(unknown, "place new folders in CHAIN here and in DESIGN.md").toEqual([]);
  });

  it("is followed by every import", () => {
    const against = edges
      .filter((e) => !ANYWHERE.has(e.to) && !(RANK.get(e.to)! < RANK.get(e.from)!))
      .map((e) => `${relative(root, e.file)} imports ${e.to}/ (${e.to} comes after ${e.from})`);
    expect(against).toEqual([]);
  });

  it("keeps the Node-only layers out of the engine and the browser", () => {
    const leaks = edges
      .filter((e) => NODE_ONLY.has(e.to) && !NODE_ONLY.has(e.from) && e.from !== "index")
      .map((e) => `${relative(root, e.file)} imports ${e.to}/`);
    expect(leaks).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const next = new Map<string, Set<string>>();
    for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
    const cycles: string[] = [];
    const walk = (start: string, at: string, path: string[]) => {
      for (const n of next.get(at) ?? []) {
        if (n === start) cycles.push([...path, n].join(" -> "));
        else if (!path.includes(n)) walk(start, n, [...path, n]);
      }
    };
    for (const m of next.keys()) walk(m, m, [m]);
    expect(cycles).toEqual([]);
  });
});
