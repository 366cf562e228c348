/**
 * POST /v1/serve: the body mirrors `gigawatt serve`'s flags (camelCase): an estimate, or with
 * `search`, `curve`, `compare` or `simulate` the same reports as the CLI. Replaying a trace file
 * is the CLI's alone.
 */
import { catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import type { Doc } from "../report/document.js";
import {
  compareReport,
  curveReport,
  estimateReport,
  searchReport,
  simulationReport,
} from "../report/serve.js";
import { estimateServing, type ServingEstimate } from "../serve/estimate.js";
import type { Length, ServingOptions } from "../serve/options.js";
import { parseLength, pricedSystem, targetsText, tpInChips, unmetTargets } from "../serve/requests.js";
import { compareServing, searchServing, servingCurve } from "../serve/search.js";
import { simulateServing } from "../serve/simulate.js";
import { Fields } from "./fields.js";
import { inBody } from "./relocate.js";

const FIELDS = [
  "model",
  "system",
  "chips",
  "tp",
  "pp",
  "ep",
  "weights",
  "activations",
  "kvCache",
  "input",
  "output",
  "batch",
  "concurrency",
  "rate",
  "sloTtft",
  "sloTpot",
  "sloPercentile",
  "search",
  "curve",
  "compare",
  "simulate",
  "duration",
  "seed",
  "price",
] as const;

/** "2048", "2k", or a range "1000..3000" (uniform), as the CLI reads --input and --output. */
function length(f: Fields, name: "input" | "output"): Length {
  const text = f.text(name, { required: true, hint: "tokens per request, e.g. 2048, or a range 1000..3000" });
  return parseLength(text, f.where(name));
}

/** The serving report for a request body. */
export async function serveDoc(body: unknown): Promise<Doc> {
  const f = new Fields(body, FIELDS);
  const cat = catalog();
  const model = cat.model(f.text("model", { required: true, hint: "e.g. llama-3.1-70b" }), "body.model");
  const compare = f.list("compare", 'e.g. ["h200", "trainium2", "inferentia2"]');
  const named = f.text("system");
  const first = named ?? compare?.[0];
  if (!first)
    throw new InputError("which system?", {
      location: "body.system",
      hint: 'e.g. "system": "p5.48xlarge", or "compare": ["h200", "trainium2"]',
    });
  const sys = pricedSystem(first, named ? "body.system" : "body.compare");
  const chips = f.positiveInt("chips");
  const notes: string[] = [];
  const pp = f.positiveInt("pp");
  const given = f.positiveInt("tp");
  const neuron = given === undefined ? undefined : tpInChips(given, pp, chips, sys);
  if (neuron?.note) notes.push(neuron.note);
  const tp = neuron?.tp;
  const rateText = f.text("rate");
  let rate: number | undefined;
  if (rateText !== undefined) {
    const bare = rateText.replace(/\/s$/, "").trim();
    rate = Number.isFinite(Number(bare)) ? Number(bare) : f.quantity("rate", "count");
    if (!(rate !== undefined && rate > 0))
      throw new InputError(`expected requests per second above 0, got "${rateText}"`, {
        location: "body.rate",
        hint: "e.g. 5",
      });
  }
  const price = f.quantity("price", "moneyRate", "e.g. $2.50/h");
  const o: ServingOptions = {
    model,
    system: sys,
    chips,
    weights: f.text("weights"),
    activations: f.text("activations"),
    kvCache: f.text("kvCache"),
    input: length(f, "input"),
    output: length(f, "output"),
    batch: f.positiveInt("batch"),
    concurrency: f.positiveInt("concurrency"),
    rate,
    layout: { tp, pp, ep: f.positiveInt("ep") },
    targets: {
      ttftS: f.quantity("sloTtft", "time", "e.g. 2s"),
      tpotS: f.quantity("sloTpot", "time", "e.g. 100ms"),
      percentile: f.choice("sloPercentile", ["p50", "p90", "p99"] as const),
    },
    priceUsdPerChipHour: price !== undefined ? price * 3600 : undefined,
  };
  const map = { kvCache: "kvCache", layout: "tp" };
  const search = f.bool("search") ?? false;
  const curve = f.bool("curve") ?? false;
  const simulate = f.bool("simulate") ?? false;
  const durationS = f.quantity("duration", "time", "e.g. 10min");
  const seed = f.positiveInt("seed");
  if (compare) {
    const systems = [sys, ...compare.map((n) => pricedSystem(n, "body.compare"))];
    const unique = systems.filter((s, i) => systems.findIndex((x) => x.id === s.id) === i);
    const rows = await inBody(
      () =>
        compareServing(
          { ...o, layout: undefined, batch: undefined, concurrency: undefined, rate: undefined },
          unique,
        ),
      map,
    );
    return compareReport(rows, targetsText(o));
  }
  if (simulate) {
    if (o.rate === undefined)
      throw new InputError("simulate needs a rate", { location: "body.simulate", hint: 'e.g. "rate": 5' });
    const sim = await inBody(() => simulateServing({ ...o, durationS, seed }), map);
    let steady: ServingEstimate | undefined;
    try {
      steady = estimateServing(o);
    } catch {
      steady = undefined; // over capacity: the simulation shows the queue
    }
    return simulationReport(sim, steady, o.targets);
  }
  if (search) {
    const s = await inBody(
      () => searchServing({ ...o, batch: undefined, concurrency: undefined, rate: undefined }),
      map,
    );
    if (!s.best)
      throw unmetTargets(s, o.chips ?? sys.chipsPerNode, sys, { ttft: "body.sloTtft", tpot: "body.sloTpot" });
    return searchReport(s, targetsText(o));
  }
  const e = await inBody(() => estimateServing(o), map);
  e.notes.unshift(...notes);
  if (curve) return curveReport(await inBody(() => servingCurve(o), map), e);
  return estimateReport(e);
}
