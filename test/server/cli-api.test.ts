/**
 * `gigawatt api` from the built CLI (npm test builds first): it listens where asked, answers, and
 * stops on SIGTERM; a port in use is the user's mistake (exit 2, one line). (The scenario run it
 * shares with the web app, src/run/run.ts, is covered by test/browser-safe.test.ts.)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// GIGAWATT_BIN: another build of the CLI (default: this checkout's dist).
const bin = process.env.GIGAWATT_BIN ?? fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

/** Starts `gigawatt api ...` and resolves with its base address once it says it listens. */
function start(args: string[]): {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<[number | null, string]>;
} {
  const child = spawn(process.execPath, [bin, "api", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  const url = new Promise<string>((resolve) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
  });
  const exit = new Promise<[number | null, string]>((resolve) =>
    child.on("exit", (code) => resolve([code, err])),
  );
  return { child, url, exit };
}

describe("gigawatt api", () => {
  it("listens on the port asked (0: any), answers, and stops on SIGTERM", async () => {
    const { child, url, exit } = start(["--port", "0", "--host", "127.0.0.1"]);
    const base = await url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`${base}/v1/health`)).json()) as { schema: string };
    expect(health.schema).toBe("gigawatt/health@1");
    child.kill("SIGTERM");
    expect((await exit)[0]).toBe(0);
  });

  it("a port in use is exit 2 with one line", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    const [code, err] = await start(["--port", String(port)]).exit;
    blocker.close();
    expect(code).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/--port: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
  });

  it("a bad port is exit 2", async () => {
    const [code, err] = await start(["--port", "70000"]).exit;
    expect(code).toBe(2);
    expect(err).toContain("--port");
  });
});
