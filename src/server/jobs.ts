/**
 * The API's work, as jobs a pool worker runs (src/server/worker.ts): parsing a body, evaluating,
 * searching and rendering, off the event loop. A job's answer is data (status, type, body), a
 * user's mistake included; only an internal fault is reported as one.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { InputError } from "../errors.js";
import { capacityAnswer } from "../node/answers/capacity.js";
import { dealAnswer } from "../node/answers/deal.js";
import { readAnswer } from "../node/answers/read.js";
import { serveAnswer } from "../node/answers/serve.js";
import { solveAnswer } from "../node/answers/solve.js";
import { trainAnswer } from "../node/answers/train.js";
import { defaultScenarioPath } from "../node/files.js";
import { chipsReport, dealsReport, modelsReport, showReport, systemsReport } from "../report/catalog.js";
import { type Doc, FORMATS, type Format, render } from "../report/document.js";
import { runDoc, runHtml } from "../report/run.js";
import {
  body,
  CapacityRequest,
  DealRequest,
  inEngine,
  query,
  ReadRequest,
  RunRequest,
  readRequest,
  ServeRequest,
  SolveRequest,
  TrainRequest,
} from "../requests/index.js";
import { checkScenario } from "../run/check.js";
import { runScenario } from "../run/run.js";

/** One request's work. `query` holds the URL's parameters; `body` the request's text. */
export interface ApiJob {
  route: "catalog" | "show" | "train" | "serve" | "capacity" | "deal" | "solve" | "read" | "run" | "check";
  /** The list of /v1/catalog/:list, or the id of /v1/catalog/show/:id. */
  name?: string;
  query: Record<string, string>;
  body?: string;
  /** The body's media type, for a scenario's file name. */
  type?: string;
}

/** Limits the jobs apply. */
export interface JobLimits {
  maxSamples: number;
  /** Largest answer, bytes. */
  maxAnswerBytes: number;
}

/** A job's answer: an HTTP status, media type and body; `fault` marks an internal error. */
export interface ApiAnswer {
  status: number;
  type: string;
  body: string;
  fault?: string;
}

const TYPES: Record<Format | "html", string> = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
};

const LISTS = new Map<string, () => Doc>([
  ["chips", () => chipsReport(catalog())],
  ["systems", () => systemsReport(catalog())],
  ["models", () => modelsReport(catalog())],
  ["deals", () => dealsReport(dealsCatalog())],
]);

/** The error answer: `{"error", "location", "hint"}`. */
export function errorAnswer(
  status: number,
  e: { message: string; location?: string; hint?: string },
): ApiAnswer {
  const json = { error: e.message, location: e.location ?? null, hint: e.hint ?? null };
  return { status, type: TYPES.json, body: `${JSON.stringify(json, null, 2)}\n` };
}

/** A 404 for an unknown catalog id, with did-you-mean. */
class NotFound extends InputError {}

function format(job: ApiJob, extra: string[] = []): Format | "html" {
  const f = Object.hasOwn(job.query, "format") ? job.query.format! : "json";
  if (!(FORMATS as string[]).includes(f) && !extra.includes(f))
    throw new InputError(`unknown format "${f}"`, {
      location: "?format",
      hint: [...FORMATS, ...extra].join(", "),
    });
  return f as Format | "html";
}

/** Parses a JSON body; a syntax error is the user's, located by line and column. */
function parseJson(text: string | undefined): unknown {
  if (!text || text.trim() === "")
    throw new InputError("the body is empty", { location: "body", hint: "send a JSON object" });
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON is YAML: the YAML parser says where (Node's JSON messages do not always).
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const pos = doc.errors[0]?.pos[0];
    const at = pos !== undefined ? lines.linePos(pos) : undefined;
    throw new InputError(`invalid JSON: ${(e as Error).message.split("\n")[0]}`, {
      location: at ? `body:${at.line}:${at.col}` : "body",
      hint: 'send a JSON object like {"model": "llama-3.1-70b"}',
    });
  }
}

const DEFAULT_FILE = basename(defaultScenarioPath());
let defaultText: string | undefined;

/** The default scenario (shipped in scenarios/), for requests that name no scenario. */
function defaultScenarioText(): string {
  defaultText ??= readFileSync(defaultScenarioPath(), "utf8");
  return defaultText;
}

/** The file name a scenario body's error locations use. */
function scenarioFile(job: ApiJob): string {
  const named = job.query.file;
  if (named && /^[\w.-]{1,100}$/.test(named)) return named;
  return /json/.test(job.type ?? "") ? "scenario.json" : "scenario.yaml";
}

function scenarioText(job: ApiJob): string {
  if (!job.body || job.body.trim() === "")
    throw new InputError("the body is empty", { location: "body", hint: "send a scenario's YAML or JSON" });
  return job.body;
}

async function answer(job: ApiJob, limits: JobLimits): Promise<Doc | { json: unknown } | { html: string }> {
  switch (job.route) {
    case "catalog":
      return LISTS.get(job.name!)!();
    case "show":
      try {
        return showReport(catalog(), job.name!, dealsCatalog());
      } catch (e) {
        if (e instanceof InputError)
          throw new NotFound(e.message, { location: `/v1/catalog/show/${job.name}`, hint: e.hint });
        throw e;
      }
    case "train":
      return trainAnswer(readRequest(TrainRequest, parseJson(job.body), body), body, { threads: 1 });
    case "serve":
      return serveAnswer(readRequest(ServeRequest, parseJson(job.body), body), body);
    case "capacity":
      return capacityAnswer(readRequest(CapacityRequest, parseJson(job.body), body), body);
    case "deal":
      return dealAnswer(readRequest(DealRequest, parseJson(job.body), body), body);
    case "solve": {
      const r = readRequest(SolveRequest, parseJson(job.body), body);
      return solveAnswer(
        r,
        body,
        r.scenario ?? defaultScenarioText(),
        r.scenario ? "scenario.yaml" : DEFAULT_FILE,
      );
    }
    case "read":
      return readAnswer(readRequest(ReadRequest, parseJson(job.body), body));
    case "run": {
      const { format: _, file: __, ...fields } = job.query;
      const request = readRequest(RunRequest, fields, query);
      const text = scenarioText(job);
      const run = await inEngine(
        () =>
          runScenario(text, {
            file: scenarioFile(job),
            maxSamples: limits.maxSamples,
            ...request,
          }),
        query,
      );
      return job.query.format === "html" ? { html: runHtml(run) } : runDoc(run);
    }
    case "check": {
      const file = scenarioFile(job);
      const problems = checkScenario(job.body ?? "", file);
      return { json: { schema: "gigawatt/check@1", file, ok: problems.length === 0, problems } };
    }
  }
}

/** Runs a job: its answer, a user's mistake as a 4xx, or an internal fault as a 500. */
export async function runJob(job: ApiJob, limits: JobLimits): Promise<ApiAnswer> {
  try {
    const f = format(job, job.route === "run" ? ["html"] : []);
    const a = await answer(job, limits);
    const out: ApiAnswer =
      "html" in a
        ? { status: 200, type: TYPES.html, body: a.html }
        : "json" in a
          ? { status: 200, type: TYPES.json, body: `${JSON.stringify(a.json, null, 2)}\n` }
          : { status: 200, type: TYPES[f], body: render(a, f as Format) };
    if (Buffer.byteLength(out.body) > limits.maxAnswerBytes)
      return errorAnswer(400, {
        message: `the answer is ${(Buffer.byteLength(out.body) / 2 ** 20).toFixed(1)} MiB, above the ${(limits.maxAnswerBytes / 2 ** 20).toFixed(0)} MiB this service sends`,
        location: "body",
        hint: "ask for less (fewer chip counts or systems, a smaller scenario), or run it with the CLI",
      });
    return out;
  } catch (e) {
    if (e instanceof NotFound) return errorAnswer(404, e);
    if (e instanceof InputError) return errorAnswer(400, e);
    const err = e instanceof Error ? e : new Error(String(e));
    const short = err.message.split("\n")[0]!.slice(0, 200);
    return {
      ...errorAnswer(500, {
        message: `internal error: ${short}`,
        hint: "this is a bug in gigawatt; please report it with the request",
      }),
      fault: err.message,
    };
  }
}
