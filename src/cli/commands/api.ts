/** `gigawatt api`: serve the HTTP API (see src/server/app.ts for the endpoints). */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { startApi } from "../../server/app.js";
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

/** `gigawatt api [--port 8080] [--host 127.0.0.1]`. */
export function register(program: Command): void {
  program
    .command("api")
    .description("serve the HTTP API: the same reports as JSON (GET /v1/health lists the limits)")
    .option("--port <n>", "port to listen on (0: any free port)", port, 8080)
    .option("--host <address>", "address to listen on (0.0.0.0 to accept other machines)", "127.0.0.1")
    .option(
      "--max-samples <n>",
      "most Monte Carlo samples one /v1/run may ask for",
      positiveInt("--max-samples"),
      20_000,
    )
    .action(async (o: { port: number; host: string; maxSamples: number }) => {
      let api: Awaited<ReturnType<typeof startApi>>;
      try {
        api = await startApi({ port: o.port, host: o.host, maxSamples: o.maxSamples });
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
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void api.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
