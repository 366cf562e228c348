/** `gigawatt api`: serve the HTTP API (see src/server/app.ts for the endpoints). */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { startApi } from "../../server/app.js";
import { parseQuantity } from "../../units/quantity.js";
import { positiveInt } from "../common.js";

function port(text: string): number {
  const n = text === "0" ? 0 : Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InputError(`expected a port from 0 to 65535, got "${text}"`, {
      location: "--port",
      hint: "e.g. 8080",
    });
  return n;
}

/** A duration flag ("30s", "2min") in ms, within 1 ms to an hour. */
function millis(flag: string) {
  return (text: string): number => {
    let s = Number.NaN;
    try {
      s = parseQuantity(text, "time").value;
    } catch (e) {
      if (e instanceof InputError) throw e.at(flag);
      throw e;
    }
    if (!(s > 0 && s <= 3600))
      throw new InputError(`"${text}" is not between 1 ms and 1 hour`, { location: flag, hint: "e.g. 30s" });
    return s * 1000;
  };
}

const list = (v: string, prior: string[] = []) => [
  ...prior,
  ...v
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
];

interface Flags {
  port: number;
  host: string;
  maxSamples: number;
  workers?: number;
  maxQueue?: number;
  budget?: number;
  allowOrigin?: string[];
  allowHost?: string[];
}

/** `gigawatt api [--port 8080] [--host 127.0.0.1] ...`. */
export function register(program: Command): void {
  program
    .command("api")
    .description(
      "serve the HTTP API: the same reports as JSON (GET /v1/health lists the limits); no --format",
    )
    .option("--port <n>", "port to listen on (0: any free port)", port, 8080)
    .option("--host <address>", "address to listen on (0.0.0.0 to accept other machines)", "127.0.0.1")
    .option(
      "--max-samples <n>",
      "most Monte Carlo samples one /v1/run may ask for",
      positiveInt("--max-samples"),
      20_000,
    )
    .option("--workers <n>", "worker threads doing the work (default: every core)", positiveInt("--workers"))
    .option(
      "--max-queue <n>",
      "requests that may wait for a worker; more get 429 (default 4 per worker)",
      positiveInt("--max-queue"),
    )
    .option("--budget <time>", "time budget of one request; past it, 503 (default 30s)", millis("--budget"))
    .option("--allow-origin <origins>", "web origins allowed to call, comma-separated (default: none)", list)
    .option("--allow-host <names>", "host names to answer to besides the address listened on", list)
    .action(async (o: Flags) => {
      let api: Awaited<ReturnType<typeof startApi>>;
      try {
        api = await startApi({
          port: o.port,
          host: o.host,
          maxSamples: o.maxSamples,
          workers: o.workers,
          maxQueue: o.maxQueue,
          budgetMs: o.budget,
          allowOrigins: o.allowOrigin,
          allowHosts: o.allowHost,
        });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
          throw new InputError(`cannot listen on ${o.host}:${o.port} (${code})`, {
            location: code === "EADDRINUSE" || code === "EACCES" ? "--port" : "--host",
            hint: code === "EADDRINUSE" ? "the port is in use: pick another" : "check the address and port",
          });
        throw e;
      }
      process.stderr.write(`gigawatt api listening on ${api.url} (GET ${api.url}/v1/health; Ctrl-C stops)\n`);
      // SIGTERM or Ctrl-C: requests in flight get 3 s to finish, then their work is stopped.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void api.close(3000).then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
