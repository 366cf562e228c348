/**
 * The engine in a Web Worker: runs scenarios (the same pipeline as `gigawatt run` and the API),
 * lists the catalog. The page stays responsive; a new run replaces the worker.
 *
 * A run's Monte Carlo is shared with helper workers (started by the page from this same script,
 * and connected to this one by MessagePorts) when the machine has cores to spare: this worker and
 * each helper take blocks of samples from one queue. Samples draw from streams seeded by (seed, index), so the result is the
 * same bit for bit however the blocks are shared, and the same as the CLI's.
 */
import { catalog } from "../../src/catalog/catalog.js";
import { dealsCatalog } from "../../src/catalog/deals.js";
import { InputError } from "../../src/errors.js";
import {
  chipsReport,
  dealsReport,
  modelsReport,
  showReport,
  systemsReport,
} from "../../src/report/catalog.js";
import type { Doc } from "../../src/report/document.js";
import { runHtml } from "../../src/report/run.js";
import { checkScenario } from "../../src/run/check.js";
import { runScenario, type SampleJob } from "../../src/run/run.js";
import { scenarioEvaluator } from "../../src/scenario/evaluate.js";
import { runSampleBlock, type SampleBlock } from "../../src/uncertainty/monte-carlo.js";
import type { HelperReply, HelperRequest, Reply, Request } from "./messages.js";

const scope = self as unknown as {
  postMessage(m: Reply | HelperReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<Request | { type: "connect" }>) => void) | null;
  navigator: { hardwareConcurrency?: number };
};
const send = (m: Reply) => scope.postMessage(m);

/** Samples per block handed out: about 0.1 s of work. */
const BLOCK = 100;
/** Below this many samples, helpers cost more to start than they save. */
const MIN_SHARED = 600;

const LISTS = {
  chips: () => chipsReport(catalog()),
  systems: () => systemsReport(catalog()),
  models: () => modelsReport(catalog()),
  deals: () => dealsReport(dealsCatalog()),
};

const docReply = (id: number, d: Doc): Reply => ({ type: "doc", id, title: d.title, blocks: d.blocks });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** Ports to helpers, when the page answers a "need-helpers" request. */
const portWaiters = new Map<number, (ports: MessagePort[]) => void>();

/** Runs a job's samples here and on helper workers, taking blocks from one queue. */
async function shareBlocks(
  id: number,
  job: SampleJob,
  onProgress: (done: number) => void,
  onStart: (workers: number) => void,
): Promise<SampleBlock[]> {
  const queue: [number, number][] = [];
  for (let s = 0; s < job.samples; s += BLOCK) queue.push([s, Math.min(BLOCK, job.samples - s)]);
  const blocks: SampleBlock[] = [];
  let done = 0;
  const finished = (b: SampleBlock) => {
    blocks.push(b);
    done += b.count;
    onProgress(done);
  };
  const cores = scope.navigator.hardwareConcurrency ?? 1;
  const wanted = job.samples >= MIN_SHARED ? Math.max(0, Math.min(cores - 1, 3)) : 0;
  const ports =
    wanted > 0
      ? await new Promise<MessagePort[]>((resolve) => {
          portWaiters.set(id, resolve);
          send({ type: "need-helpers", id, count: wanted });
        })
      : [];
  for (const port of ports) {
    let inFlight: [number, number] | undefined;
    const feed = () => {
      inFlight = queue.shift();
      if (inFlight)
        port.postMessage({ type: "block", start: inFlight[0], count: inFlight[1] } satisfies HelperRequest);
    };
    port.onmessage = (e: MessageEvent<HelperReply>) => {
      if (e.data.type === "block-done") {
        finished(e.data.block);
        feed();
      } else {
        if (inFlight) queue.unshift(inFlight); // this worker takes it back
        inFlight = undefined;
        port.close();
      }
    };
    const { scenario, strategy, inputs, seed } = job;
    port.postMessage({ type: "helper", scenario, strategy, inputs, seed } satisfies HelperRequest);
    feed();
  }
  onStart(ports.length + 1);
  // This worker takes blocks too, letting helpers' messages through in between.
  while (done < job.samples) {
    const b = queue.shift();
    if (b) finished(job.run(b[0], b[1]));
    await tick();
  }
  for (const port of ports) port.close();
  return blocks;
}

/** A helper: builds the evaluation once per run, then runs the blocks the lead sends. */
function helper(port: MessagePort): void {
  let run: ((start: number, count: number) => SampleBlock) | undefined;
  port.onmessage = (e: MessageEvent<HelperRequest>) => {
    const m = e.data;
    try {
      if (m.type === "helper") {
        const evaluate = scenarioEvaluator({ scenario: m.scenario, strategy: m.strategy });
        run = (start, count) => runSampleBlock({ inputs: m.inputs, evaluate, seed: m.seed, start, count });
        return;
      }
      const block = run!(m.start, m.count);
      const buffers = [...block.inputColumns, ...block.outputColumns].map((c) => c.buffer as ArrayBuffer);
      port.postMessage({ type: "block-done", block } satisfies HelperReply, buffers);
    } catch (err) {
      port.postMessage({
        type: "helper-error",
        message: err instanceof Error ? err.message : String(err),
      } satisfies HelperReply);
    }
  };
}

async function handle(m: Exclude<Request, { type: "helper-ports" }>): Promise<void> {
  try {
    if (m.type === "catalog") return send(docReply(m.id, LISTS[m.list]()));
    if (m.type === "show") return send(docReply(m.id, showReport(catalog(), m.name, dealsCatalog())));
    const t0 = performance.now();
    // Every problem of the schema at once; the run itself reports the chain's first.
    const problems = checkScenario(m.text, "scenario.yaml", { chain: false });
    if (problems.length > 0) return send({ type: "problems", id: m.id, problems });
    let workers = 1;
    const run = await runScenario(m.text, {
      file: "scenario.yaml",
      samples: m.samples,
      seed: m.seed,
      runBlocks: (job) =>
        shareBlocks(
          m.id,
          job,
          (done) => send({ type: "progress", id: m.id, done, total: job.samples }),
          (n) => {
            workers = n;
          },
        ),
    });
    const html = runHtml(run);
    send({
      type: "report",
      id: m.id,
      html,
      samples: run.monteCarlo?.samples ?? 0,
      seed: run.monteCarlo?.seed,
      name: run.scenario.name,
      workers,
      engineMs: performance.now() - t0,
    });
  } catch (e) {
    if (e instanceof InputError)
      send({
        type: "problems",
        id: m.id,
        problems: [{ location: e.location, message: e.message, hint: e.hint }],
      });
    else send({ type: "fault", id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (e: MessageEvent<Request | { type: "connect" }>) => {
  const m = e.data;
  if (m.type === "connect") helper(e.ports[0]!);
  else if (m.type === "helper-ports") portWaiters.get(m.id)?.(m.ports);
  else void handle(m);
};
