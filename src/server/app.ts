/**
 * gigawatt's HTTP API (Node only, node:http): the CLI's reports as JSON with the same schema tags.
 *
 *   GET  /v1/health
 *   GET  /v1/catalog/chips | systems | models | deals      GET /v1/catalog/show/:id
 *   POST /v1/train | /v1/serve | /v1/capacity | /v1/deal | /v1/solve  (JSON bodies: the requests of src/requests)
 *   POST /v1/run    (scenario YAML or JSON; ?samples=N&seed=S&sensitivity=a,b&format=json|html|text|md|csv)
 *   POST /v1/check  (scenario text -> its problems, each with line and col)
 *   POST /v1/read   ({"text"} or {"reports": [{name, text}]}, "date" -> claims, conflicts, draft scenario)
 *
 * This thread only routes, checks who is calling and reads bodies; the work (parsing, evaluation,
 * searches, rendering) runs in a fixed pool of worker threads with a bounded queue, each request
 * within a time budget, so /v1/health answers at once under any load. A user's mistake is a 400
 * (404 unknown route or id, 405 wrong method, 413 body too large, 415 wrong media type) with
 * `{"error", "location", "hint"}`; a full queue is a 429, a request past its budget a 503, an
 * internal fault a 500 with a short message and no stack.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { catalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { PoolRefusal, WorkerPool } from "../node/pool.js";
import { guard, HTML_POLICY, JSON_TYPES, mediaType, SCENARIO_TYPES, SECURITY_HEADERS } from "./guard.js";
import { type ApiAnswer, type ApiJob, errorAnswer, type JobLimits, runJob } from "./jobs.js";

export const VERSION = "0.1.0";

/** Limits and settings of the API. */
export interface ApiOptions {
  /** Largest request body, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Most Monte Carlo samples one /v1/run may ask for (default 20,000). */
  maxSamples?: number;
  /** Largest answer, bytes (default 16 MiB). */
  maxAnswerBytes?: number;
  /** Worker threads doing the work (default: every core). */
  workers?: number;
  /** Requests that may wait for a worker; more are answered 429 (default 4 per worker). */
  maxQueue?: number;
  /** Time budget of one request, from its arrival, ms (default 30 s); past it, a 503. */
  budgetMs?: number;
  /** Heap of each worker, MB (default 1,024): a request that needs more fails alone. */
  maxHeapMb?: number;
  /** Web origins allowed to call (default none), e.g. "http://localhost:3000". */
  allowOrigins?: string[];
  /** Host names answered besides the bound address and, on loopback, localhost. */
  allowHosts?: string[];
  /** Called on every internal fault (default: one line on stderr). */
  onFault?: (message: string, req: IncomingMessage) => void;
}

type Method = "GET" | "POST";
/** A route: its method, path, and the job it becomes (undefined: answered here). */
const ROUTES: [Method, RegExp, ApiJob["route"] | "health"][] = [
  ["GET", /^\/v1\/health$/, "health"],
  ["GET", /^\/v1\/catalog\/(chips|systems|models|deals)$/, "catalog"],
  ["GET", /^\/v1\/catalog\/show\/([^/]+)$/, "show"],
  ["POST", /^\/v1\/train$/, "train"],
  ["POST", /^\/v1\/serve$/, "serve"],
  ["POST", /^\/v1\/capacity$/, "capacity"],
  ["POST", /^\/v1\/deal$/, "deal"],
  ["POST", /^\/v1\/solve$/, "solve"],
  ["POST", /^\/v1\/read$/, "read"],
  ["POST", /^\/v1\/run$/, "run"],
  ["POST", /^\/v1\/check$/, "check"],
];

/** An answer decided here, before any work: status, message, where, hint, headers. */
class Refusal extends Error {
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

/** Reads the body as text, refusing more than `max` bytes. */
async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const tooBig = () =>
    new Refusal(413, `the body is larger than ${max} bytes`, "body", "send a smaller scenario or request");
  if (Number(req.headers["content-length"]) > max) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooBig();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The path and query of a request; a malformed one is a 400, not a fault. */
function target(req: IncomingMessage): { path: string; query: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    throw new Refusal(400, "malformed request target", "path", "check the address");
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new Refusal(400, "malformed percent-escape in the path", "path", "escape % as %25");
  }
  // Parameters as a null-prototype record: a name such as __proto__ is just a name.
  const query: Record<string, string> = Object.create(null);
  for (const [k, v] of url.searchParams) query[k] = v;
  return { path, query };
}

/** A running API server. */
export interface ApiServer {
  server: Server;
  /** Its base address, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Stops taking requests, lets those in flight finish for up to `graceMs` (default 3 s), then stops. */
  close(graceMs?: number): Promise<void>;
}

/** Starts the API on `host:port` (port 0: any free port). */
export async function startApi(opts: ApiOptions & { port?: number; host?: string } = {}): Promise<ApiServer> {
  const limits: JobLimits = {
    maxSamples: opts.maxSamples ?? 20_000,
    maxAnswerBytes: opts.maxAnswerBytes ?? 16 * 2 ** 20,
  };
  const maxBody = opts.maxBodyBytes ?? 2 ** 20;
  const budgetMs = opts.budgetMs ?? 30_000;
  const workers = opts.workers ?? Math.max(1, availableParallelism());
  const pool = new WorkerPool<ApiJob, ApiAnswer>({
    worker: new URL("./worker.js", import.meta.url),
    workerData: limits,
    size: workers,
    maxQueue: opts.maxQueue ?? 4 * workers,
    maxHeapMb: opts.maxHeapMb ?? 1024,
    inline: (job) => runJob(job, limits),
  });
  const onFault =
    opts.onFault ??
    ((message: string, req: IncomingMessage) =>
      process.stderr.write(`gigawatt api: internal error on ${req.method} ${req.url}: ${message}\n`));
  let draining = false;
  let allowed = guard(opts.host ?? "127.0.0.1", opts.port ?? 8080, {
    hosts: opts.allowHosts,
    origins: opts.allowOrigins,
  });

  const send = (res: ServerResponse, a: ApiAnswer, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) return;
    const policy = a.type.startsWith("text/html") ? { "content-security-policy": HTML_POLICY } : {};
    res.writeHead(a.status, { ...SECURITY_HEADERS, ...policy, "content-type": a.type, ...headers });
    res.end(a.body);
  };

  const health = (): ApiAnswer => {
    const json = {
      schema: "gigawatt/health@1",
      status: draining ? "draining" : "ok",
      version: VERSION,
      catalog: {
        chips: catalog().chips.entries.length,
        systems: catalog().systems.entries.length,
        models: catalog().models.entries.length,
        deals: dealsCatalog().deals.entries.length,
      },
      limits: { maxBodyBytes: maxBody, ...limits, budgetMs, workers, maxQueue: opts.maxQueue ?? 4 * workers },
      load: { ...pool.stats(), rssBytes: process.memoryUsage().rss },
    };
    return {
      status: 200,
      type: "application/json; charset=utf-8",
      body: `${JSON.stringify(json, null, 2)}\n`,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, cors: Record<string, string>) => {
    if (draining)
      throw new Refusal(503, "the server is shutting down", undefined, "retry in a moment", {
        connection: "close",
      });
    if (!allowed.hostAllowed(req.headers.host))
      throw new Refusal(
        403,
        "this server does not answer to that Host",
        "Host",
        "call it by the address it listens on, or start it with --allow-host",
      );
    const origin = req.headers.origin;
    if (!allowed.originAllowed(origin))
      throw new Refusal(
        403,
        "requests from web pages are refused",
        "Origin",
        "start the API with --allow-origin ORIGIN to allow a page",
      );
    const { path, query } = target(req);
    const matching = ROUTES.filter(([, re]) => re.test(path));
    if (matching.length === 0)
      throw new Refusal(
        404,
        `no such endpoint: ${path}`,
        path,
        "see GET /v1/health and the README's API section",
      );
    const methods = [...new Set(matching.map(([m]) => m))].join(", ");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...SECURITY_HEADERS,
        ...cors,
        allow: `${methods}, OPTIONS`,
        "access-control-allow-methods": `${methods}, OPTIONS`,
        "access-control-allow-headers": "content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const route = matching.find(([m]) => m === req.method || (m === "GET" && req.method === "HEAD"));
    if (!route)
      throw new Refusal(405, `${req.method} is not allowed on ${path}`, path, `use ${methods}`, {
        allow: methods,
      });
    const [, re, kind] = route;
    if (kind === "health") return send(res, health(), cors);
    const job: ApiJob = { route: kind, query, name: re.exec(path)![1] };
    if (req.method === "POST") {
      const accepted = kind === "run" || kind === "check" ? SCENARIO_TYPES : JSON_TYPES;
      const type = mediaType(req);
      if (!type || !accepted.includes(type))
        throw new Refusal(
          415,
          `a ${type ?? "body without a media type"} is not accepted here`,
          "Content-Type",
          `send Content-Type: ${accepted.join(" or ")}`,
        );
      job.type = type;
      job.body = await readBody(req, maxBody);
    }
    // The client leaving stops the work: a queued job is dropped, a running one's worker replaced.
    const left = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) left.abort();
    });
    try {
      const a = await pool.run(job, { budgetMs, signal: left.signal });
      if (a.fault) onFault(a.fault, req);
      send(res, a, cors);
    } catch (e) {
      if (!(e instanceof PoolRefusal)) throw e;
      if (e.reason === "aborted") return;
      if (e.reason === "full")
        throw new Refusal(429, `busy: ${e.message}`, undefined, "retry in a few seconds", {
          "retry-after": "2",
        });
      if (e.reason === "timeout")
        throw new Refusal(
          503,
          `stopped: ${e.message}`,
          undefined,
          "ask for less (fewer samples, a fixed strategy, a shorter simulation), or run it with the CLI",
        );
      if (e.reason === "crashed")
        throw new Refusal(
          503,
          `the work failed: ${e.message}`,
          undefined,
          "it may need more memory than this service gives one request; run it with the CLI",
        );
      throw new Refusal(503, e.message, undefined, "retry in a moment", { connection: "close" });
    }
  };

  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin !== undefined && allowed.originAllowed(origin)
        ? { "access-control-allow-origin": origin, vary: "Origin" }
        : {};
    handle(req, res, cors).catch((e: unknown) => {
      if (e instanceof Refusal) return send(res, errorAnswer(e.status, e), { ...cors, ...e.headers });
      const message = e instanceof Error ? e.message : String(e);
      onFault(message, req);
      send(
        res,
        errorAnswer(500, {
          message: `internal error: ${message.split("\n")[0]!.slice(0, 200)}`,
          hint: "this is a bug in gigawatt; please report it with the request",
        }),
      );
    });
  });
  // A client that sends its request too slowly is dropped; one that reads slowly holds no worker.
  server.headersTimeout = 10_000;
  server.requestTimeout = budgetMs + 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => {
      void pool.close(0);
      reject(e);
    });
    server.listen(opts.port ?? 8080, opts.host ?? "127.0.0.1", () => resolve());
  });
  const a = server.address() as AddressInfo;
  allowed = guard(opts.host ?? a.address, a.port, { hosts: opts.allowHosts, origins: opts.allowOrigins });
  const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
  return {
    server,
    url: `http://${host}:${a.port}`,
    close: async (graceMs = 3000) => {
      draining = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await pool.close(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
