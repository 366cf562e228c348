import { describe, expect, it } from "vitest";
import type { z } from "zod";
import chips from "../../data/catalog/chips.json" with { type: "json" };
import equivalents from "../../data/catalog/equivalents.json" with { type: "json" };
import models from "../../data/catalog/models.json" with { type: "json" };
import systems from "../../data/catalog/systems.json" with { type: "json" };
import { EquivalentsFile } from "../../src/catalog/equivalents.js";
import { ChipsFile, ModelsFile, SystemsFile } from "../../src/catalog/schema.js";

/** Every `sources: [...]` id anywhere in a parsed file. */
function citedIds(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const n of node) citedIds(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "sources" && Array.isArray(v)) for (const s of v) out.add(String(s));
      else citedIds(v, out);
    }
  }
  return out;
}

const files: [string, z.ZodType, unknown][] = [
  ["chips.json", ChipsFile, chips],
  ["systems.json", SystemsFile, systems],
  ["models.json", ModelsFile, models],
  ["equivalents.json", EquivalentsFile, equivalents],
];

describe.each(files)("data/catalog/%s", (_name, schema, raw) => {
  it("matches its schema", () => {
    const result = schema.safeParse(raw);
    if (!result.success)
      throw new Error(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  });
  it("cites only sources it defines", () => {
    const defined = new Set(Object.keys((raw as { sources: object }).sources));
    const { sources: _s, ...body } = raw as Record<string, unknown>;
    const missing = [...citedIds(body)].filter((id) => !defined.has(id));
    expect(missing).toEqual([]);
  });
});
