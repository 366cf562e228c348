/**
 * The HTTP API under load, on an ephemeral loopback port: mixed requests (catalog, capacity, a
 * training estimate, a serving estimate, scenario runs of 200 samples) at concurrency 1, 8 and 64,
 * 1,000 requests in all, while /v1/health is timed every 20 ms. Prints each level's answers by
 * status and latencies, /v1/health's p50 and p99 (target: p99 under 50 ms while runs are in
 * flight), the memory before and after, and how soon the workers of vanished clients are free.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_SCENARIO } from "../src/cli/commands/run.js";

const SCENARIO = readFileSync(DEFAULT_SCENARIO, "utf8");
const JSON_TYPE = { "content-type": "application/json" };
const MIX: { path: string; init?: RequestInit }[] = [
  { path: "/v1/catalog/chips" },
  {
    path: "/v1/capacity",
    init: { method: "POST", headers: JSON_TYPE, body: '{"power": "5GW", "chip": "trainium2"}' },
  },
  {
    path: "/v1/train",
    init: {
      method: "POST",
      headers: JSON_TYPE,
      body: '{"model": "gpt3-175b", "system": "p5.48xlarge", "chips": 1024, "seq": 2048, "batch": "1536 seqs", "tp": 8, "pp": 8}',
    },
  },
  {
    path: "/v1/serve",
    init: {
      method: "POST",
      headers: JSON_TYPE,
      body: '{"model": "llama-3.1-70b", "system": "inf2.48xlarge", "tp": 24, "input": 2048, "output": 256, "batch": 32}',
    },
  },
  {
    path: "/v1/run?samples=200",
    init: { method: "POST", headers: { "content-type": "application/yaml" }, body: SCENARIO },
  },
];

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : Number.NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** `gigawatt api` in its own process, so that this one's client work does not slow its answers. */
async function start(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
  const child = spawn(process.execPath, [bin, "api", "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  const url = await new Promise<string>((resolve) =>
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    }),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      child.on("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, stop };
}

type Health = { load: { busy: number; queued: number; rssBytes: number; workers: number } };

export default async function bench(): Promise<void> {
  const api = await start();
  const load = async () => ((await (await fetch(`${api.url}/v1/health`)).json()) as Health).load;
  const mb = async () => `${((await load()).rssBytes / 2 ** 20).toFixed(0)} MB`;
  const health: number[] = [];
  let timing = true;
  const pinger = (async () => {
    while (timing) {
      const t = performance.now();
      await (await fetch(`${api.url}/v1/health`)).text();
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // Warm the workers (each loads the engine once).
  await Promise.all(MIX.map((m) => fetch(`${api.url}${m.path}`, m.init).then((r) => r.text())));
  health.length = 0;
  const rss = [await mb()];
  let sent = 0;
  let worst = 0;
  for (const [concurrency, requests] of [
    [1, 100],
    [8, 300],
    [64, 600],
  ] as const) {
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const from = health.length;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const m = MIX[next++ % MIX.length]!;
          const t = performance.now();
          const r = await fetch(`${api.url}${m.path}`, m.init);
          await r.text();
          const dt = performance.now() - t;
          latencies.push(dt);
          worst = Math.max(worst, dt);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    sent += requests;
    rss.push(await mb());
    const h = health.slice(from);
    const counts = [...statuses].map(([s, n]) => `${s}: ${n}`).join(", ");
    console.log(
      `concurrency ${String(concurrency).padStart(2)}: ${requests} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s (${counts}); latency p50 ${ms(pct(latencies, 0.5))}, p99 ${ms(pct(latencies, 0.99))}; /v1/health p50 ${ms(pct(h, 0.5))}, p99 ${ms(pct(h, 0.99))} (n ${h.length})`,
    );
  }
  console.log(
    `${sent} requests: slowest answer ${ms(worst)} (budget 30,000 ms); server RSS (${(await load()).workers} workers) after warm-up and each level: ${rss.join(", ")}`,
  );

  // Vanished clients: 20 scenario runs of 20,000 samples, each client gone after 100 ms.
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, () =>
      fetch(`${api.url}/v1/run?samples=20000`, { ...MIX[4]!.init, signal: AbortSignal.timeout(100) }).catch(
        () => undefined,
      ),
    ),
  );
  let busy = 1;
  while (busy > 0 && performance.now() - t1 < 10_000) {
    const s = await load();
    busy = s.busy + s.queued;
    if (busy > 0) await new Promise((r) => setTimeout(r, 10));
  }
  console.log(
    `20 clients that left after 100 ms: every worker free ${ms(performance.now() - t1)} after they were sent`,
  );
  timing = false;
  await pinger;
  await api.stop();
}
