/**
 * The API cannot be driven by web pages or stalled: foreign Hosts and Origins and text/plain bodies
 * are refused, every answer carries the hardening headers, lookups by user-given names never reach
 * Object.prototype, malformed paths are 400s; work past its budget or whose client left is stopped,
 * a full queue is a 429, and SIGTERM drains within seconds. The pool runs compiled workers, so
 * these tests start the built server (`npm test` builds first).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const built = fileURLToPath(new URL("../../dist/src/server/app.js", import.meta.url));
if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
const { startApi } = (await import(built)) as typeof import("../../src/server/app.js");
type Api = Awaited<ReturnType<typeof startApi>>;

const SCENARIO = readFileSync("scenarios/amazon-anthropic-2026.yaml", "utf8");
const HEAVY = { method: "POST", body: SCENARIO, headers: { "content-type": "application/yaml" } };

let api: Api;
beforeAll(async () => {
  api = await startApi({
    port: 0,
    workers: 1,
    maxQueue: 1,
    budgetMs: 1500,
    allowOrigins: ["http://localhost:3000"],
  });
});
afterAll(() => api.close(0));

const health = async () =>
  (await (await fetch(`${api.url}/v1/health`)).json()) as { load: { busy: number; queued: number } };

/** Waits until no job runs or waits, or fails after `ms`. */
async function idle(ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const { load } = await health();
    if (load.busy === 0 && load.queued === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the pool is still busy");
}

describe("who may call", () => {
  it("refuses a text/plain POST, as a page's form or fetch without preflight sends it", async () => {
    const r = await fetch(`${api.url}/v1/capacity`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"power": "5GW", "chip": "trainium2"}',
    });
    expect(r.status).toBe(415);
    expect((await r.json()).location).toBe("Content-Type");
    const yaml = await fetch(`${api.url}/v1/run?samples=0`, { method: "POST", body: "name: x\n" });
    expect(yaml.status).toBe(415); // fetch's default for a string body is text/plain
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin", async () => {
    const port = new URL(api.url).port;
    const { request } = await import("node:http");
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve) =>
        request(`${api.url}/v1/health`, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        }).end(),
      );
    expect(await get({ host: `evil.example:${port}` })).toBe(403);
    expect(await get({ host: `localhost:${port}` })).toBe(200);
    expect(await get({ host: `127.0.0.1:${port}`, origin: "https://evil.example" })).toBe(403);
    expect(await get({ host: `127.0.0.1:${port}`, origin: "http://localhost:3000" })).toBe(200);
  });

  it("answers CORS preflights for allowed origins only", async () => {
    const ok = await fetch(`${api.url}/v1/capacity`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(ok.headers.get("access-control-allow-headers")).toBe("content-type");
    const bad = await fetch(`${api.url}/v1/capacity`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    expect(bad.status).toBe(403);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends the hardening headers on every answer", async () => {
    const answers = [
      await fetch(`${api.url}/v1/health`),
      await fetch(`${api.url}/v1/nope`),
      await fetch(`${api.url}/v1/capacity`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    ];
    for (const r of answers) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });
});

describe("names and paths", () => {
  it("malformed percent-escapes are a 400", async () => {
    const r = await fetch(`${api.url}/v1/catalog/show/%ZZ`);
    expect(r.status).toBe(400);
  });

  it("never look names up on Object.prototype", async () => {
    const small = "name: x\ncapacity: { power: 5 GW, chip: trainium2 }\n";
    const proto = await fetch(`${api.url}/v1/run?samples=0&sensitivity=__proto__`, { ...HEAVY, body: small });
    expect(proto.status).toBe(400);
    expect((await proto.json()).location).toBe("?sensitivity");
    const claim = `${small}sources: { s: { title: t, address: a, date: "2026" } }\nclaims:\n  - { id: c, text: t, sources: [s], output: constructor, expected: 4M }\n`;
    const r = await fetch(`${api.url}/v1/check`, { ...HEAVY, body: claim });
    const check = (await r.json()) as { ok: boolean; problems: { location: string; message: string }[] };
    expect(check.ok).toBe(false);
    expect(check.problems[0]!.location).toMatch(/^scenario\.yaml:5:\d+$/);
    expect(check.problems[0]!.message).toContain('no output "constructor"');
    const show = await fetch(`${api.url}/v1/catalog/show/constructor`);
    expect(show.status).toBe(404);
  });

  it("refuses a YAML alias bomb as the user's mistake", async () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nname: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const r = await fetch(`${api.url}/v1/check`, { ...HEAVY, body: bomb });
    const check = (await r.json()) as { ok: boolean; problems: { message: string }[] };
    expect(r.status).toBe(200);
    expect(check.problems[0]!.message).toMatch(/aliases/);
  });
});

describe("work that cannot stall the server", () => {
  it("stops a request past its budget with a 503 and a hint; the next request is answered", async () => {
    const t0 = Date.now();
    const r = await fetch(`${api.url}/v1/run?samples=20000`, HEAVY);
    expect(r.status).toBe(503);
    expect((await r.json()).hint).toMatch(/ask for less/);
    expect(Date.now() - t0).toBeLessThan(7000);
    await idle();
    const ok = await fetch(`${api.url}/v1/capacity`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"power": "5GW", "chip": "trainium2"}',
    });
    expect(ok.status).toBe(200);
  });

  it("stops the work of a client that leaves", async () => {
    const gone = new AbortController();
    const p = fetch(`${api.url}/v1/run?samples=20000`, { ...HEAVY, signal: gone.signal }).catch(
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await health()).load.busy).toBe(1);
    gone.abort();
    await p;
    await idle(1000);
  });

  it("answers 429 with Retry-After when the queue is full, and health at once", async () => {
    const answers = Promise.all(
      Array.from({ length: 4 }, () => fetch(`${api.url}/v1/run?samples=20000`, HEAVY)),
    );
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    expect((await fetch(`${api.url}/v1/health`)).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    const statuses = (await answers).map((r) => r.status).sort();
    expect(statuses).toContain(429);
    const busy = (await answers).find((r) => r.status === 429)!;
    expect(busy.headers.get("retry-after")).toBe("2");
    await idle();
  });
});

describe("gigawatt api", () => {
  it("drains and exits within a few seconds of SIGTERM, work in flight or not", async () => {
    const bin = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
    const child = spawn(process.execPath, [bin, "api", "--port", "0", "--workers", "1"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    const url = await new Promise<string>((resolve) =>
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      }),
    );
    const inFlight = fetch(`${url}/v1/run?samples=20000`, HEAVY).then(
      (r) => r.status,
      () => 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(6000);
    expect([0, 503]).toContain(await inFlight);
  });
});
