/** `gigawatt serve`: the serving planner (estimate, search, curve, compare, simulate). */
import type { Command } from "commander";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import {
  compareReport,
  curveReport,
  estimateReport,
  searchReport,
  simulationReport,
} from "../../report/serve.js";
import { estimateServing, type ServingEstimate } from "../../serve/estimate.js";
import type { ServingOptions } from "../../serve/options.js";
import { parseLength, pricedSystem, targetsText, tpInChips, unmetTargets } from "../../serve/requests.js";
import { compareServing, searchServing, servingCurve } from "../../serve/search.js";
import { simulateServing, type TraceRequest } from "../../serve/simulate.js";
import { parseQuantity, type QuantityKind } from "../../units/quantity.js";
import { positiveInt, print, withFormat } from "../common.js";

interface Flags {
  model: string;
  system?: string;
  chips?: number;
  tp?: number;
  pp?: number;
  ep?: number;
  weights?: string;
  activations?: string;
  kvCache?: string;
  input: string;
  output: string;
  batch?: number;
  concurrency?: number;
  rate?: string;
  sloTtft?: string;
  sloTpot?: string;
  sloPercentile?: "p50" | "p90" | "p99";
  search?: boolean;
  curve?: boolean;
  compare?: string;
  simulate?: boolean;
  duration?: string;
  seed?: number;
  trace?: string;
  price?: string;
  format: Format;
}

function quantity(text: string, kind: QuantityKind, flag: string): number {
  try {
    return parseQuantity(text, kind).value;
  } catch (e) {
    if (e instanceof InputError) throw e.at(flag);
    throw e;
  }
}

/** "2048", "2k", or a range "1000..3000" (uniform). */
function rate(text: string): number {
  const v = Number(text.replace(/\/s$/, "").trim());
  const n = Number.isFinite(v) ? v : quantity(text.replace(/\/s$/, ""), "count", "--rate");
  if (!(n > 0))
    throw new InputError(`expected requests per second above 0, got "${text}"`, {
      location: "--rate",
      hint: "e.g. 5",
    });
  return n;
}

/** Reads a trace: CSV (arrival_s,input,output with an optional header) or JSON lines. */
export function readTrace(path: string): TraceRequest[] {
  const text = readText(path);
  const out: TraceRequest[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const where = `${path}:${i + 1}`;
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return;
    if (t.startsWith("{")) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(t) as Record<string, unknown>;
      } catch {
        throw new InputError("not valid JSON", {
          location: where,
          hint: 'one object per line: {"arrival": 0.5, "input": 512, "output": 128}',
        });
      }
      const arrivalS = Number(o.arrival ?? o.arrival_s ?? o.timestamp ?? o.time);
      const input = Number(o.input ?? o.input_tokens ?? o.prompt_tokens);
      const output = Number(o.output ?? o.output_tokens ?? o.completion_tokens);
      if (![arrivalS, input, output].every(Number.isFinite)) {
        throw new InputError("needs arrival, input and output numbers", {
          location: where,
          hint: 'e.g. {"arrival": 0.5, "input": 512, "output": 128}',
        });
      }
      out.push({ arrivalS, input, output });
      return;
    }
    const cells = t.split(",").map((c) => c.trim());
    if (out.length === 0 && cells.some((c) => c !== "" && Number.isNaN(Number(c)))) return; // header
    const [a, b, c] = cells.map(Number);
    if (cells.length < 3 || ![a, b, c].every((x) => Number.isFinite(x))) {
      throw new InputError("expected arrival_s,input_tokens,output_tokens", {
        location: where,
        hint: "e.g. 0.25,512,128",
      });
    }
    out.push({ arrivalS: a!, input: b!, output: c! });
  });
  if (out.length === 0)
    throw new InputError("the trace has no requests", { location: path, hint: "one request per line" });
  return out;
}

function run(f: Flags): void {
  const cat = catalog();
  const model = cat.model(f.model, "--model");
  const first = f.system ?? f.compare?.split(",")[0]?.trim();
  if (!first) {
    throw new InputError("which system?", {
      location: "--system",
      hint: "e.g. --system p5.48xlarge, or --compare h200,trainium2",
    });
  }
  const sys = pricedSystem(first, f.system ? "--system" : "--compare");
  const notes: string[] = [];
  const neuron = f.tp === undefined ? undefined : tpInChips(f.tp, f.pp, f.chips, sys);
  if (neuron?.note) notes.push(neuron.note.replace(/^tp /, "--tp "));
  const tp = neuron?.tp;
  const o: ServingOptions = {
    model,
    system: sys,
    chips: f.chips,
    weights: f.weights,
    activations: f.activations,
    kvCache: f.kvCache,
    input: parseLength(f.input, "--input"),
    output: parseLength(f.output, "--output"),
    batch: f.batch,
    concurrency: f.concurrency,
    rate: f.rate !== undefined ? rate(f.rate) : undefined,
    layout: { tp, pp: f.pp, ep: f.ep },
    targets: {
      ttftS: f.sloTtft !== undefined ? quantity(f.sloTtft, "time", "--slo-ttft") : undefined,
      tpotS: f.sloTpot !== undefined ? quantity(f.sloTpot, "time", "--slo-tpot") : undefined,
      percentile: f.sloPercentile,
    },
    priceUsdPerChipHour: f.price !== undefined ? quantity(f.price, "moneyRate", "--price") * 3600 : undefined,
  };
  if (f.compare) {
    const systems = [
      sys,
      ...f.compare
        .split(",")
        .filter((x) => x.trim())
        .map((n) => pricedSystem(n.trim(), "--compare")),
    ];
    const unique = systems.filter((s, i) => systems.findIndex((x) => x.id === s.id) === i);
    const rows = compareServing(
      { ...o, chips: f.chips, layout: undefined, batch: undefined, concurrency: undefined, rate: undefined },
      unique,
    );
    print(compareReport(rows, targetsText(o)), f.format);
    return;
  }
  if (f.simulate) {
    const trace = f.trace ? readTrace(f.trace) : undefined;
    if (!trace && o.rate === undefined)
      throw new InputError("--simulate needs --rate or --trace", {
        location: "--simulate",
        hint: "e.g. --rate 5",
      });
    const sim = simulateServing({
      ...o,
      trace,
      durationS: f.duration !== undefined ? quantity(f.duration, "time", "--duration") : undefined,
      seed: f.seed,
    });
    let steady: ServingEstimate | undefined;
    try {
      steady = trace ? undefined : estimateServing(o);
    } catch {
      steady = undefined; // over capacity: the simulation shows the queue
    }
    const doc = simulationReport(sim, steady, o.targets);
    print(doc, f.format);
    return;
  }
  if (f.search) {
    const s = searchServing({ ...o, batch: undefined, concurrency: undefined, rate: undefined });
    if (!s.best)
      throw unmetTargets(s, o.chips ?? sys.chipsPerNode, sys, { ttft: "--slo-ttft", tpot: "--slo-tpot" });
    print(searchReport(s, targetsText(o)), f.format);
    return;
  }
  const e = estimateServing(o);
  e.notes.unshift(...notes);
  if (f.curve) {
    print(curveReport(servingCurve(o), e), f.format);
    return;
  }
  print(estimateReport(e), f.format);
}

/** `gigawatt serve`. */
export function register(program: Command): void {
  const cmd = program
    .command("serve")
    .description(
      "plan LLM serving: TTFT, TPOT, throughput, cost per token, best layout under latency targets",
    )
    .requiredOption("--model <id>", "catalog model, e.g. llama-3.1-70b")
    .option("--system <name>", "catalog system or chip, e.g. p5.48xlarge, inf2.48xlarge or h200")
    .option("--chips <n>", "chips in use (default: one node)", positiveInt("--chips"))
    .option("--tp <n>", "tensor-parallel degree (Neuron: NeuronCores are accepted)", positiveInt("--tp"))
    .option("--pp <n>", "pipeline stages", positiveInt("--pp"))
    .option("--ep <n>", "expert-parallel degree (MoE)", positiveInt("--ep"))
    .option("--weights <precision>", "weight precision: bf16, fp16, fp8, int8, fp4")
    .option("--activations <precision>", "activation (compute) precision")
    .option("--kv-cache <precision>", "KV cache precision")
    .requiredOption("--input <tokens>", "prompt tokens per request, or a range LOW..HIGH")
    .requiredOption("--output <tokens>", "output tokens per request, or a range LOW..HIGH")
    .option("--batch <n>", "sequences per replica", positiveInt("--batch"))
    .option("--concurrency <n>", "requests in flight over the system", positiveInt("--concurrency"))
    .option("--rate <req/s>", "requests per second offered to the system")
    .option("--slo-ttft <time>", "time-to-first-token target, e.g. 2s")
    .option("--slo-tpot <time>", "time-per-output-token target, e.g. 100ms")
    .option("--slo-percentile <p>", "percentile of the targets: p50, p90 or p99")
    .option("--search", "find the best layout and batch under the targets")
    .option("--curve", "throughput against latency over batch sizes")
    .option("--compare <list>", "compare with other systems or chips, e.g. h200,trainium2,inferentia2")
    .option("--simulate", "discrete-event simulation (needs --rate or --trace)")
    .option("--duration <time>", "simulated time of arrivals, e.g. 10min (default 10 min)")
    .option("--seed <n>", "simulation seed", positiveInt("--seed"))
    .option("--trace <file>", "arrivals to replay: CSV arrival_s,input,output or JSON lines")
    .option("--price <$/h>", "price per chip-hour, e.g. $2.50/h");
  withFormat(cmd).action((f: Flags) => {
    if (f.sloPercentile !== undefined && !["p50", "p90", "p99"].includes(f.sloPercentile)) {
      throw new InputError(`unknown percentile "${f.sloPercentile}"`, {
        location: "--slo-percentile",
        hint: "p50, p90 or p99",
      });
    }
    run(f);
  });
}
