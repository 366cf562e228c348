/**
 * gigawatt's HTTP API (Node only, node:http): the CLI's reports as JSON with the same schema tags.
 *
 *   GET  /v1/health
 *   GET  /v1/catalog/chips | systems | models | deals      GET /v1/catalog/show/:id
 *   POST /v1/train | /v1/serve | /v1/capacity | /v1/deal  (JSON bodies mirroring the CLI's flags)
 *   POST /v1/run    (scenario YAML or JSON; ?samples=N&seed=S&sensitivity=a,b&format=json|html|text|md|csv)
 *   POST /v1/check  (scenario text -> its problems, each with line and col)
 *
 * A user's mistake is a 400 (404 for an unknown route or catalog id, 405 for a wrong method, 413
 * for a body over the limit) with `{"error", "location", "hint"}`; an internal fault is a 500 with a
 * short message and no stack. Report endpoints take `?format=` like the CLI's `--format`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { LineCounter, parseDocument } from "yaml";
import { catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { InputError } from "../errors.js";
import { capacityAnswer } from "../node/answers/capacity.js";
import { dealAnswer } from "../node/answers/deal.js";
import { serveAnswer } from "../node/answers/serve.js";
import { trainAnswer } from "../node/answers/train.js";
import { defaultThreads } from "../node/train-parallel.js";
import { chipsReport, dealsReport, modelsReport, showReport, systemsReport } from "../report/catalog.js";
import { type Doc, FORMATS, type Format, render } from "../report/document.js";
import { runDoc, runHtml } from "../report/run.js";
import {
  body,
  CapacityRequest,
  DealRequest,
  inEngine,
  query,
  readRequest,
  ServeRequest,
  TrainRequest,
} from "../requests/index.js";
import { checkScenario } from "../run/check.js";
import { runScenario } from "../run/run.js";

export const VERSION = "0.1.0";

/** Limits and settings of the API. */
export interface ApiOptions {
  /** Largest request body, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Most Monte Carlo samples one /v1/run may ask for (default 20,000). */
  maxSamples?: number;
  /** Worker threads a training search may use (default: every core). */
  searchThreads?: number;
  /** Called on every internal fault (default: one line on stderr). */
  onFault?: (e: Error, req: IncomingMessage) => void;
}

/** An HTTP answer that is not a 200: status, message, where, hint. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly location?: string,
    readonly hint?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const CATALOG_LISTS: Record<string, () => Doc> = {
  chips: () => chipsReport(catalog()),
  systems: () => systemsReport(catalog()),
  models: () => modelsReport(catalog()),
  deals: () => dealsReport(dealsCatalog()),
};

type Handler = (req: IncomingMessage, url: URL, params: string[]) => Promise<Answer>;
type Answer = { doc: Doc } | { json: unknown } | { html: string };

const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** Reads the body as text, refusing more than `max` bytes. */
async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  const tooBig = () =>
    new HttpError(413, `the body is larger than ${max} bytes`, "body", "send a smaller scenario or request");
  if (Number.isFinite(declared) && declared > max) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooBig();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; a syntax error is the user's, located by line and column. */
function parseJson(text: string): unknown {
  if (text.trim() === "")
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

/** A whole number from the query, or undefined. */
function queryInt(url: URL, name: string, min: number): number | undefined {
  const t = url.searchParams.get(name);
  if (t === null || t === "") return undefined;
  const n = Number(t.replace(/[,_]/g, "").replace(/k$/i, "000"));
  if (!Number.isInteger(n) || n < min)
    throw new InputError(
      `expected a whole number${min > 0 ? " above 0" : min === 0 ? " of 0 or more" : ""}, got "${t}"`,
      {
        location: `?${name}`,
        hint: name === "seed" ? "e.g. 2026" : "e.g. 2000",
      },
    );
  return n;
}

function queryFormat(url: URL, extra: string[] = []): string {
  const f = url.searchParams.get("format") ?? "json";
  if (!(FORMATS as string[]).includes(f) && !extra.includes(f))
    throw new InputError(`unknown format "${f}"`, {
      location: "?format",
      hint: [...FORMATS, ...extra].join(", "),
    });
  return f;
}

/** The file name a scenario body's error locations use. */
function scenarioFile(req: IncomingMessage, url: URL): string {
  const named = url.searchParams.get("file");
  if (named && /^[\w.-]{1,100}$/.test(named)) return named;
  return /json/.test(req.headers["content-type"] ?? "") ? "scenario.json" : "scenario.yaml";
}

/** The API's request handler (for node:http's createServer, or mounting elsewhere). */
export function apiHandler(options: ApiOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxSamples = options.maxSamples ?? 20_000;
  const threads = options.searchThreads ?? defaultThreads();
  const onFault =
    options.onFault ??
    ((e: Error, req: IncomingMessage) =>
      process.stderr.write(`gigawatt api: internal error on ${req.method} ${req.url}: ${e.message}\n`));
  const json = async (req: IncomingMessage) => parseJson(await readBody(req, maxBody));

  const routes: [method: "GET" | "POST", pattern: RegExp, handler: Handler][] = [
    [
      "GET",
      /^\/v1\/health$/,
      async () => ({
        json: {
          schema: "gigawatt/health@1",
          status: "ok",
          version: VERSION,
          catalog: {
            chips: catalog().chips.entries.length,
            systems: catalog().systems.entries.length,
            models: catalog().models.entries.length,
            deals: dealsCatalog().deals.entries.length,
          },
          limits: { maxBodyBytes: maxBody, maxSamples },
        },
      }),
    ],
    [
      "GET",
      /^\/v1\/catalog\/(chips|systems|models|deals)$/,
      async (_req, _url, [list]) => ({ doc: CATALOG_LISTS[list!]!() }),
    ],
    [
      "GET",
      /^\/v1\/catalog\/show\/([^/]+)$/,
      async (_req, _url, [id]) => {
        const name = decodeURIComponent(id!);
        try {
          return { doc: showReport(catalog(), name, dealsCatalog()) };
        } catch (e) {
          if (e instanceof InputError)
            throw new HttpError(404, e.message, `/v1/catalog/show/${name}`, e.hint);
          throw e;
        }
      },
    ],
    [
      "POST",
      /^\/v1\/train$/,
      async (req) => ({
        doc: await trainAnswer(readRequest(TrainRequest, await json(req), body), body, { threads }),
      }),
    ],
    [
      "POST",
      /^\/v1\/serve$/,
      async (req) => ({ doc: serveAnswer(readRequest(ServeRequest, await json(req), body), body) }),
    ],
    [
      "POST",
      /^\/v1\/capacity$/,
      async (req) => ({ doc: capacityAnswer(readRequest(CapacityRequest, await json(req), body), body) }),
    ],
    [
      "POST",
      /^\/v1\/deal$/,
      async (req) => ({ doc: dealAnswer(readRequest(DealRequest, await json(req), body), body) }),
    ],
    [
      "POST",
      /^\/v1\/run$/,
      async (req, url) => {
        const format = queryFormat(url, ["html"]);
        const samples = queryInt(url, "samples", 0);
        const seed = queryInt(url, "seed", Number.MIN_SAFE_INTEGER);
        const wanted = url.searchParams.get("sensitivity");
        const text = await readBody(req, maxBody);
        if (text.trim() === "")
          throw new InputError("the body is empty", {
            location: "body",
            hint: "send a scenario's YAML or JSON",
          });
        const run = await inEngine(
          () =>
            runScenario(text, {
              file: scenarioFile(req, url),
              samples,
              seed,
              maxSamples,
              sensitivity: wanted
                ? wanted
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean)
                : undefined,
              pause: () => new Promise((r) => setImmediate(r)),
            }),
          query,
        );
        return format === "html" ? { html: runHtml(run) } : { doc: runDoc(run) };
      },
    ],
    [
      "POST",
      /^\/v1\/check$/,
      async (req, url) => {
        const file = scenarioFile(req, url);
        const problems = checkScenario(await readBody(req, maxBody), file);
        return { json: { schema: "gigawatt/check@1", file, ok: problems.length === 0, problems } };
      },
    ],
  ];

  const send = (res: ServerResponse, status: number, type: string, body: string, headers = {}) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
    res.end(body);
  };
  const sendError = (
    res: ServerResponse,
    status: number,
    e: { message: string; location?: string; hint?: string },
    headers = {},
  ) =>
    send(
      res,
      status,
      CONTENT_TYPES.json,
      `${JSON.stringify({ error: e.message, location: e.location ?? null, hint: e.hint ?? null }, null, 2)}\n`,
      headers,
    );

  return (req, res) => {
    const handle = async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const matching = routes.filter(([, re]) => re.test(url.pathname));
      if (matching.length === 0)
        throw new HttpError(
          404,
          `no such endpoint: ${url.pathname}`,
          url.pathname,
          "see GET /v1/health and the README's API section",
        );
      const route = matching.find(([m]) => m === req.method || (m === "GET" && req.method === "HEAD"));
      if (!route) {
        const allow = [...new Set(matching.map(([m]) => m))].join(", ");
        throw new HttpError(
          405,
          `${req.method} is not allowed on ${url.pathname}`,
          url.pathname,
          `use ${allow}`,
          {
            allow,
          },
        );
      }
      const format = route[0] === "GET" || url.pathname !== "/v1/run" ? queryFormat(url) : "json";
      const params = route[1].exec(url.pathname)!.slice(1);
      const answer = await route[2](req, url, params);
      if ("html" in answer) return send(res, 200, "text/html; charset=utf-8", answer.html);
      if ("json" in answer)
        return send(res, 200, CONTENT_TYPES.json, `${JSON.stringify(answer.json, null, 2)}\n`);
      const f = (url.pathname === "/v1/run" ? queryFormat(url, ["html"]) : format) as Format;
      return send(res, 200, CONTENT_TYPES[f], render(answer.doc, f));
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) return sendError(res, e.status, e, e.headers);
      if (e instanceof InputError) return sendError(res, 400, e);
      const err = e instanceof Error ? e : new Error(String(e));
      onFault(err, req);
      const short = err.message.split("\n")[0]!.slice(0, 200);
      sendError(res, 500, {
        message: `internal error: ${short}`,
        hint: "this is a bug in gigawatt; please report it with the request",
      });
    });
  };
}

/** A running API server. */
export interface ApiServer {
  server: Server;
  /** Its base address, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}

/** Starts the API on `host:port` (port 0: any free port). */
export function startApi(opts: ApiOptions & { port?: number; host?: string } = {}): Promise<ApiServer> {
  const server = createServer(apiHandler(opts));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8080, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      const a = server.address() as AddressInfo;
      const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
      resolve({
        server,
        url: `http://${host}:${a.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
