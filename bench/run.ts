/**
 * `npm run bench`: runs every `bench/*.bench.ts` (compiled to dist/bench) in turn. Each exports
 * a default async function that prints its own figures. Pass names to run only some:
 * `npm run bench -- train`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  console.log(`\n== ${f.replace(/\.bench\.js$/, "")} ==`);
  const mod = (await import(join(here, f))) as { default: () => Promise<void> };
  await mod.default();
}
