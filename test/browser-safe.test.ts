/** DESIGN: everything outside src/node, src/cli and src/server is browser-safe and deterministic. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));
const NODE_ONLY = ["node", "cli", "server"];

function engineFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return NODE_ONLY.includes(e.name) ? [] : engineFiles(p);
    // Generated files embed third-party code that runs in the page, not in the engine.
    return e.name.endsWith(".ts") && !e.name.endsWith(".generated.ts") ? [p] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/from "node:/, "a node: import"],
  [/\bprocess\./, "process"],
  [/Math\.random\(/, "global randomness"],
  [/Date\.now\(|new Date\(\)/, "the clock"],
  [/from "(\.\.\/)+(cli|node|server)\//, "an import from a Node-only folder"],
];

describe("the engine", () => {
  const files = engineFiles(src);
  it("has files to check", () => expect(files.length).toBeGreaterThan(30));
  it.each(files.map((f) => [relative(src, f), f]))("%s is browser-safe", (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const [re, what] of forbidden) expect(re.test(text), `uses ${what}`).toBe(false);
  });
});
