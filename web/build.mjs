/**
 * Builds the web app into one self-contained file, web/dist/index.html: the page, its script and
 * the engine's worker (as a string, started from a Blob URL, so it also works from file://) all
 * inlined, with the default scenario embedded. No network at run time.
 *
 *   node web/build.mjs [--out DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/** Inline script text must not close its <script> element or open an HTML comment. */
function inlineSafe(js) {
  return js.replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
}

async function bundle(entry, define = {}) {
  const r = await build({
    entryPoints: [join(here, "src", entry)],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    loader: { ".yaml": "text" },
    define,
    logLevel: "silent",
  });
  return r.outputFiles[0].text;
}

/**
 * Builds the app; returns the page's path and sizes in bytes.
 * @param {{ outDir?: string }} [opts]
 */
export async function buildWeb(opts = {}) {
  const outDir = resolve(opts.outDir ?? join(here, "dist"));
  const worker = await bundle("worker.ts");
  const app = await bundle("main.ts", { WORKER_SOURCE: JSON.stringify(worker) });
  const version = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8")).version;
  const template = readFileSync(join(here, "index.html"), "utf8");
  const html = template.replace("__VERSION__", version).replace("__APP__", () => inlineSafe(app));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, "index.html");
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html), workerBytes: Buffer.byteLength(worker) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--out");
  const r = await buildWeb({ outDir: i > 0 ? process.argv[i + 1] : undefined });
  const kb = (n) => `${Math.round(n / 1024)} KiB`;
  process.stderr.write(`web: wrote ${r.file} (${kb(r.bytes)}, engine worker ${kb(r.workerBytes)})\n`);
}
