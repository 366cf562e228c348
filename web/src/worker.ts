/**
 * The engine in a Web Worker: runs scenarios (the same pipeline as `gigawatt run` and the API),
 * lists the catalog. The page stays responsive; a new run replaces the worker.
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
import { checkScenario, runHtml, runScenario } from "../../src/server/pipeline.js";
import type { Reply, Request } from "./messages.js";

const scope = self as unknown as {
  postMessage(m: Reply): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
};
const send = (m: Reply) => scope.postMessage(m);

const LISTS = {
  chips: () => chipsReport(catalog()),
  systems: () => systemsReport(catalog()),
  models: () => modelsReport(catalog()),
  deals: () => dealsReport(dealsCatalog()),
};

const docReply = (id: number, d: Doc): Reply => ({ type: "doc", id, title: d.title, blocks: d.blocks });

async function handle(m: Request): Promise<void> {
  try {
    if (m.type === "catalog") return send(docReply(m.id, LISTS[m.list]()));
    if (m.type === "show") return send(docReply(m.id, showReport(catalog(), m.name, dealsCatalog())));
    const t0 = performance.now();
    const problems = checkScenario(m.text, "scenario.yaml");
    if (problems.length > 0) return send({ type: "problems", id: m.id, problems });
    const run = await runScenario(m.text, {
      file: "scenario.yaml",
      samples: m.samples,
      seed: m.seed,
      blockSamples: 100,
      onProgress: (done, total) => send({ type: "progress", id: m.id, done, total }),
    });
    const html = runHtml(run);
    send({
      type: "report",
      id: m.id,
      html,
      samples: run.monteCarlo?.samples ?? 0,
      seed: run.monteCarlo?.seed,
      name: run.scenario.name,
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

scope.onmessage = (e) => void handle(e.data);
