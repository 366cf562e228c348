/**
 * The web app's page: a scenario editor, a Run button that evaluates the scenario in a Web Worker
 * (the same engine as the CLI, bundled), the self-contained HTML report in an iframe, problems as
 * FILE:LINE:COL lines, and a catalog browser. Everything is inlined: no network, ever.
 */
import DEFAULT_SCENARIO from "../../scenarios/amazon-anthropic-2026.yaml";
import type { Block, CatalogList, Problem, Reply, Request } from "./messages.js";

/** The worker's bundled source, inlined at build time (see web/build.mjs). */
declare const WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const editor = $<HTMLTextAreaElement>("scenario");
const samplesInput = $<HTMLInputElement>("samples");
const seedInput = $<HTMLInputElement>("seed");
const runButton = $<HTMLButtonElement>("run");
const statusLine = $<HTMLSpanElement>("status");
const bar = $<HTMLProgressElement>("progress");
const problemList = $<HTMLUListElement>("problems");
const frame = $<HTMLIFrameElement>("report");
const download = $<HTMLAnchorElement>("download");
const catalogOut = $<HTMLDivElement>("catalog-out");

const MAX_SAMPLES = 100_000;

/** A request without its id (Omit over each member of the union). */
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never;

let worker: Worker | undefined;
let workerUrl: string | undefined;
let nextId = 1;
const pending = new Map<number, (r: Reply) => void>();

/** Helper workers that share Monte Carlo samples with the engine's worker; kept between runs. */
const helpers: Worker[] = [];

function newWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  return new Worker(workerUrl);
}

/** Connects `count` helpers to the engine's worker, one MessagePort each. */
function lendHelpers(w: Worker, id: number, count: number): void {
  while (helpers.length < count) helpers.push(newWorker());
  const ports = helpers.slice(0, count).map((h) => {
    const channel = new MessageChannel();
    h.postMessage({ type: "connect" }, [channel.port1]);
    return channel.port2;
  });
  w.postMessage({ type: "helper-ports", id, ports } satisfies Request, ports);
}

function startWorker(): Worker {
  const w = newWorker();
  w.onmessage = (e: MessageEvent<Reply>) => {
    if (e.data.type === "need-helpers") lendHelpers(w, e.data.id, e.data.count);
    else pending.get(e.data.id)?.(e.data);
  };
  w.onerror = (e) => {
    for (const [id, cb] of pending) cb({ type: "fault", id, message: e.message || "the engine stopped" });
  };
  return w;
}

/** Sends a request; `onReply` sees every reply to it (progress, then the answer). */
function ask(req: RequestBody, onReply: (r: Reply) => void): number {
  worker ??= startWorker();
  const id = nextId++;
  pending.set(id, (r) => {
    if (r.type !== "progress") pending.delete(id);
    onReply(r);
  });
  worker.postMessage({ ...req, id } as Request);
  return id;
}

function showProblems(problems: Problem[]): void {
  problemList.replaceChildren(
    ...problems.map((p) => {
      const li = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = p.location ? `${p.location}:` : "";
      li.append(where, ` ${p.message}${p.hint ? ` (${p.hint})` : ""}`);
      return li;
    }),
  );
  problemList.hidden = problems.length === 0;
}

/** A whole number from a field, undefined when empty; a mistake is shown as a problem. */
function wholeField(
  input: HTMLInputElement,
  name: string,
  min: number,
  max: number,
): number | undefined | null {
  const t = input.value.trim();
  if (t === "") return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n < min || n > max) {
    showProblems([
      {
        location: name,
        message: `expected a whole number from ${min} to ${max.toLocaleString("en-US")}, got "${t}"`,
      },
    ]);
    input.focus();
    return null;
  }
  return n;
}

let running: number | undefined;

function run(): void {
  const samples = wholeField(samplesInput, "samples", 0, MAX_SAMPLES);
  if (samples === null) return;
  const seed = wholeField(seedInput, "seed", -(2 ** 31), 2 ** 31 - 1);
  if (seed === null) return;
  // A run still going is abandoned: its worker is replaced.
  if (running !== undefined && worker) {
    worker.terminate();
    worker = undefined;
    pending.clear();
  }
  showProblems([]);
  const t0 = performance.now();
  statusLine.textContent = "Evaluating the scenario\u2026";
  bar.hidden = false;
  bar.removeAttribute("value");
  runButton.textContent = "Run again";
  frame.classList.add("stale");
  const id = ask({ type: "run", text: editor.value, samples, seed }, (r) => {
    if (r.type === "progress") {
      bar.max = r.total;
      bar.value = r.done;
      statusLine.textContent = `Monte Carlo: ${r.done.toLocaleString("en-US")} of ${r.total.toLocaleString("en-US")} samples`;
      return;
    }
    running = undefined;
    bar.hidden = true;
    frame.classList.remove("stale");
    runButton.textContent = "Run";
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.type === "report") {
      frame.srcdoc = r.html;
      if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([r.html], { type: "text/html" }));
      download.hidden = false;
      const on = r.workers > 1 ? ` on ${r.workers} workers` : "";
      const mc =
        r.samples > 0 ? `${r.samples.toLocaleString("en-US")} samples, seed ${r.seed}${on}` : "nominal only";
      statusLine.textContent = `${r.name}: ${mc}, ${secs} s`;
      document.body.dataset.ran = String(performance.now() - t0);
    } else if (r.type === "problems") {
      showProblems(r.problems);
      statusLine.textContent = `${r.problems.length} problem${r.problems.length > 1 ? "s" : ""} in the scenario`;
    } else if (r.type === "fault") {
      showProblems([{ location: "internal error", message: r.message, hint: "this is a bug in gigawatt" }]);
      statusLine.textContent = "The engine failed";
    }
  });
  running = id;
}

/** Grows the report's frame to its content, so the page scrolls rather than the frame. */
function fitFrame(): void {
  try {
    const doc = frame.contentDocument;
    if (!doc) return;
    const resize = () => {
      frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
    };
    resize();
    new ResizeObserver(resize).observe(doc.documentElement);
  } catch {
    // Not reachable from here: the frame keeps its own scroll bar.
  }
}

// ---- Catalog browser: the engine's report blocks as HTML tables.

function blockElement(b: Block): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "block";
  if (b.title) {
    const h = document.createElement("h3");
    h.textContent = b.title;
    wrap.append(h);
  }
  if (b.kind === "text") {
    const p = document.createElement("pre");
    p.textContent = b.text;
    wrap.append(p);
    return wrap;
  }
  const table = document.createElement("table");
  if (b.kind === "kv") {
    for (const [k, v] of b.items) {
      const tr = table.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = k;
      tr.append(th);
      tr.insertCell().textContent = v;
    }
  } else {
    const head = table.createTHead().insertRow();
    for (const c of b.columns) {
      const th = document.createElement("th");
      th.textContent = c.label;
      head.append(th);
    }
    const body = table.createTBody();
    for (const r of b.rows) {
      const tr = body.insertRow();
      for (const c of b.columns) {
        const v = r[c.key];
        const td = tr.insertCell();
        td.textContent = v === null || v === undefined ? "" : String(v);
        if (typeof v === "number" || c.align === "right") td.className = "num";
      }
    }
  }
  const scroll = document.createElement("div");
  scroll.className = "table-scroll";
  scroll.append(table);
  wrap.append(scroll);
  if (b.kind === "table" && b.note) {
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = b.note;
    wrap.append(note);
  }
  return wrap;
}

function showCatalog(req: { type: "catalog"; list: CatalogList } | { type: "show"; name: string }): void {
  catalogOut.textContent = "Loading\u2026";
  ask(req, (r) => {
    if (r.type === "doc") {
      const h = document.createElement("h3");
      h.className = "doc-title";
      h.textContent = r.title;
      catalogOut.replaceChildren(h, ...r.blocks.map(blockElement));
    } else if (r.type === "problems") {
      const p = r.problems[0]!;
      catalogOut.textContent = `${p.message}${p.hint ? ` (${p.hint})` : ""}`;
    } else if (r.type === "fault") catalogOut.textContent = `internal error: ${r.message}`;
  });
}

// ---- Wiring.

editor.value = DEFAULT_SCENARIO;
runButton.addEventListener("click", run);
$<HTMLButtonElement>("reset").addEventListener("click", () => {
  editor.value = DEFAULT_SCENARIO;
  showProblems([]);
});
editor.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
  }
});
frame.addEventListener("load", fitFrame);
for (const b of document.querySelectorAll<HTMLButtonElement>("[data-list]"))
  b.addEventListener("click", () => showCatalog({ type: "catalog", list: b.dataset.list as CatalogList }));
$<HTMLFormElement>("show-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const name = $<HTMLInputElement>("show-id").value.trim();
  if (name) showCatalog({ type: "show", name });
});
