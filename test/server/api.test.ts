/**
 * The HTTP API on an ephemeral loopback port inside the test process: every endpoint answers
 * with the CLI's report (same schema tag, same JSON), and every kind of mistake gets its status
 * and a located error with a hint, never a stack.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capacity } from "../../src/capacity/index.js";
import { catalog } from "../../src/catalog/catalog.js";
import { dealsCatalog } from "../../src/catalog/deals.js";
import { capacityReport } from "../../src/report/capacity.js";
import { chipsReport, dealsReport, modelsReport, systemsReport } from "../../src/report/catalog.js";
import { render } from "../../src/report/document.js";
import { type ApiServer, startApi } from "../../src/server/app.js";

const SCENARIO = readFileSync("scenarios/amazon-anthropic-2026.yaml", "utf8");
let api: ApiServer;

beforeAll(async () => {
  api = await startApi({ port: 0, host: "127.0.0.1", workers: 1 });
});
afterAll(() => api.close());

async function call(path: string, init: { method?: string; body?: string; type?: string } = {}) {
  const res = await fetch(`${api.url}${path}`, {
    method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
    body: init.body,
    // Scenario bodies are YAML unless said otherwise.
    headers: init.body !== undefined ? { "content-type": init.type ?? "application/yaml" } : undefined,
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : undefined;
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, json };
}
const post = (path: string, body: unknown) =>
  call(path, { body: typeof body === "string" ? body : JSON.stringify(body), type: "application/json" });

/** A 4xx with the error shape: message, location, hint; no stack trace. */
function expectError(r: Awaited<ReturnType<typeof call>>, status: number, location: string | RegExp) {
  expect(r.status, r.text).toBe(status);
  expect(Object.keys(r.json).sort()).toEqual(["error", "hint", "location"]);
  expect(typeof r.json.error).toBe("string");
  if (typeof location === "string") expect(r.json.location).toBe(location);
  else expect(r.json.location).toMatch(location);
  expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe("GET", () => {
  it("/v1/health says ok, with the catalog's size and the limits", async () => {
    const r = await call("/v1/health");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      schema: "gigawatt/health@1",
      status: "ok",
      limits: { maxSamples: 20_000 },
    });
    expect(r.json.catalog.chips).toBe(catalog().chips.entries.length);
    expect(r.json.catalog.deals).toBeGreaterThan(0);
  });

  it("/v1/catalog/{chips,systems,models,deals} are the CLI's JSON", async () => {
    const expected = {
      chips: render(chipsReport(catalog()), "json"),
      systems: render(systemsReport(catalog()), "json"),
      models: render(modelsReport(catalog()), "json"),
      deals: render(dealsReport(dealsCatalog()), "json"),
    };
    for (const [list, json] of Object.entries(expected)) {
      const r = await call(`/v1/catalog/${list}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe(json);
      expect(r.json.schema).toMatch(/^gigawatt\/catalog-/);
    }
  });

  it("/v1/catalog/show/:id finds entries by alias; an unknown id is a 404 with did-you-mean", async () => {
    const r = await call("/v1/catalog/show/trn2");
    expect(r.status).toBe(200);
    expect(r.json.schema).toBe("gigawatt/catalog-chip@1");
    expect(r.json.entry.id).toBe("trainium2");
    const deal = await call("/v1/catalog/show/amazon-anthropic");
    expect(deal.json.schema).toMatch(/deal/);
    const bad = await call("/v1/catalog/show/trainum2");
    expectError(bad, 404, "/v1/catalog/show/trainum2");
    expect(bad.json.hint).toContain('"trainium2"');
  });

  it("?format= gives the CLI's other formats; an unknown one is a 400", async () => {
    const text = await call("/v1/catalog/chips?format=text");
    expect(text.type).toMatch(/^text\/plain/);
    expect(text.text).toBe(render(chipsReport(catalog()), "text"));
    expect((await call("/v1/catalog/models?format=csv")).type).toMatch(/^text\/csv/);
    expectError(await call("/v1/catalog/chips?format=xml"), 400, "?format");
  });
});

describe("POST /v1/train", () => {
  const gpt3 = { model: "gpt3-175b", system: "p5.48xlarge", chips: 1024, seq: 2048, batch: "1536 seqs" };

  it("estimates a given strategy", async () => {
    const r = await post("/v1/train", { ...gpt3, tp: 8, pp: 8 });
    expect(r.status, r.text).toBe(200);
    expect(r.json.schema).toBe("gigawatt/train@1");
    expect(r.json.estimate.strategy).toMatchObject({ tp: 8, pp: 8 });
    expect(r.json.estimate.mfu).toBeGreaterThan(0.2);
    expect(r.json.estimate.mfu).toBeLessThan(0.7);
  });

  it("searches when no strategy is given", async () => {
    const r = await post("/v1/train", { ...gpt3, top: 3, tokens: "300B" });
    expect(r.status, r.text).toBe(200);
    expect(r.json.schema).toBe("gigawatt/train@1");
    expect(JSON.stringify(r.json)).toContain('"candidates"');
  });

  it("locates mistakes at the body field", async () => {
    const { seq: _, ...noSeq } = gpt3;
    expectError(await post("/v1/train", noSeq), 400, "body.seq");
    const typo = await post("/v1/train", { ...gpt3, model: "gpt3-175" });
    expectError(typo, 400, "body.model");
    expect(typo.json.hint).toMatch(/did you mean/);
    expectError(await post("/v1/train", { ...gpt3, batch: "lots" }), 400, "body.batch");
    expectError(await post("/v1/train", { ...gpt3, tokens: "15T watts" }), 400, "body.tokens");
    expectError(await post("/v1/train", { ...gpt3, chips: -4 }), 400, "body.chips");
    expectError(await post("/v1/train", { ...gpt3, zero: 4 }), 400, "body.zero");
    const unknown = await post("/v1/train", { ...gpt3, seqq: 1 });
    expectError(unknown, 400, "body.seqq");
    expect(unknown.json.hint).toContain('did you mean "seq"');
  });
});

describe("POST /v1/serve", () => {
  const base = { model: "llama-3.1-70b", system: "inf2.48xlarge", tp: 24, input: "2048", output: 256 };

  it("estimates, with NeuronCores read as the CLI reads them", async () => {
    const r = await post("/v1/serve", { ...base, batch: 32 });
    expect(r.status, r.text).toBe(200);
    expect(r.json.schema).toBe("gigawatt/serve@1");
    expect(r.json.estimate.layout.tp).toBe(12);
  });

  it("compares systems and searches under latency targets", async () => {
    const cmp = await post("/v1/serve", {
      model: "llama-3.1-70b",
      input: 2048,
      output: 256,
      compare: ["h200", "trainium2"],
    });
    expect(cmp.status, cmp.text).toBe(200);
    expect(cmp.text).toContain("trainium2");
    const search = await post("/v1/serve", {
      model: "llama-3.1-70b",
      system: "p5.48xlarge",
      input: 2048,
      output: 256,
      sloTtft: "2s",
      sloTpot: "100ms",
      search: true,
    });
    expect(search.status, search.text).toBe(200);
    expect(search.json.schema).toMatch(/^gigawatt\/serve/);
  });

  it("locates mistakes at the body field", async () => {
    expectError(await post("/v1/serve", { ...base, input: undefined }), 400, "body.input");
    expectError(await post("/v1/serve", { ...base, sloTtft: "2 GW" }), 400, "body.sloTtft");
    expectError(await post("/v1/serve", { ...base, input: "3000..1000" }), 400, "body.input");
    expectError(await post("/v1/serve", { ...base, system: undefined }), 400, "body.system");
    expectError(await post("/v1/serve", { ...base, search: "yes" }), 400, "body.search");
  });
});

describe("POST /v1/capacity", () => {
  it("is the CLI's capacity report", async () => {
    const r = await post("/v1/capacity", { power: "5GW", chip: "trainium2" });
    expect(r.status, r.text).toBe(200);
    const cat = catalog();
    expect(r.text).toBe(
      render(capacityReport(capacity({ powerW: 5e9, chip: cat.chip("trainium2"), catalog: cat })), "json"),
    );
  });

  it("takes a mix as text or as an object", async () => {
    const a = await post("/v1/capacity", { chips: "1M", mix: "trainium2:0.6,trainium3:0.4" });
    const b = await post("/v1/capacity", { chips: "1M", mix: { trainium2: 0.6, trainium3: 0.4 } });
    expect(a.status, a.text).toBe(200);
    expect(b.text).toBe(a.text);
  });

  it("locates mistakes at the body field", async () => {
    const r = await post("/v1/capacity", { power: "5", chip: "trainium2" });
    expectError(r, 400, "body.power");
    expect(r.json.error).toContain("no unit");
    expectError(await post("/v1/capacity", { power: "5GW", chip: "trainum2" }), 400, "body.chip");
    expectError(
      await post("/v1/capacity", { power: "5GW", chip: "trainium2", load: "150%" }),
      400,
      "body.load",
    );
    expectError(
      await post("/v1/capacity", { chips: "1M", mix: "trainium2:0.6,nochip:0.4" }),
      400,
      "body.mix[1].chip",
    );
  });
});

describe("POST /v1/deal", () => {
  it("evaluates a catalog deal, a scenario's deal, and compares deals", async () => {
    const one = await post("/v1/deal", { deal: "amazon-anthropic" });
    expect(one.status, one.text).toBe(200);
    expect(one.json.schema).toBe("gigawatt/deal@1");
    const fromScenario = await post("/v1/deal", { scenario: SCENARIO });
    expect(fromScenario.status, fromScenario.text).toBe(200);
    expect(fromScenario.json.schema).toBe("gigawatt/deal@1");
    const cmp = await post("/v1/deal", { compare: ["amazon-anthropic", "microsoft-openai"] });
    expect(cmp.status, cmp.text).toBe(200);
    expect(cmp.json.schema).toMatch(/^gigawatt\/deal/);
  });

  it("locates mistakes", async () => {
    expectError(await post("/v1/deal", {}), 400, "body.deal");
    expectError(await post("/v1/deal", { deal: "amazon-anthropic", compare: ["x"] }), 400, "body.compare");
    expectError(await post("/v1/deal", { deal: "amazon-antropic" }), 400, "body.deal");
    expectError(
      await post("/v1/deal", { deal: "amazon-anthropic", trainingShare: "2 GW" }),
      400,
      "body.trainingShare",
    );
    expectError(await post("/v1/deal", { scenario: "name: x\nfoo: 1\n" }), 400, /^scenario:2:1$/);
  });
});

describe("POST /v1/solve", () => {
  it("solves on the default scenario or a given one, and locates mistakes", async () => {
    const q = {
      vary: "deal.pricePerGwYear",
      target: { output: "deal.providerMargin", value: "$0" },
      between: "$1B,$20B",
    };
    const r = await post("/v1/solve", q);
    expect(r.status, r.text).toBe(200);
    expect(r.json.schema).toBe("gigawatt/solve@1");
    expect(r.json.answer).toBeGreaterThan(1e9);
    const own = await post("/v1/solve", { ...q, scenario: SCENARIO });
    expect(own.json.answer).toBeCloseTo(r.json.answer, -3);
    expectError(await post("/v1/solve", { ...q, target: "margin" }), 400, "body.target");
    expectError(await post("/v1/solve", { ...q, vary: "deal.nope" }), 400, "body.vary");
  }, 60_000);
});

describe("POST /v1/run", () => {
  it("runs a scenario with a seeded Monte Carlo: the CLI's run report", async () => {
    const r = await call("/v1/run?samples=40&seed=3", { body: SCENARIO });
    expect(r.status, r.text).toBe(200);
    expect(r.json.schema).toBe("gigawatt/run@1");
    const homes = r.json.outputs["capacity.homesUS"];
    expect(homes.p5).toBeLessThanOrEqual(homes.p50);
    expect(homes.p50).toBeLessThanOrEqual(homes.p95);
    expect(homes.p5).toBeLessThan(homes.p95);
    const again = await call("/v1/run?samples=40&seed=3", { body: SCENARIO });
    expect(again.json.outputs).toEqual(r.json.outputs);
    expect(JSON.stringify(r.json)).toContain("contradicted");
  });

  it("?format=html returns the self-contained HTML report", async () => {
    const r = await call("/v1/run?samples=20&format=html", { body: SCENARIO });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.text).toMatch(/^<!doctype html>/i);
    expect(r.text).toContain("Amazon-Anthropic 2026");
    expect(r.text).not.toMatch(/<script[^>]+src=/);
  });

  it("accepts a scenario written as JSON", async () => {
    const scenario = { name: "JSON capacity", capacity: { power: "1 GW", chip: "trainium2" } };
    const r = await call("/v1/run?samples=0", { body: JSON.stringify(scenario), type: "application/json" });
    expect(r.status, r.text).toBe(200);
    expect(r.json.name).toBe("JSON capacity");
  });

  it("refuses too many samples, bad query values, an empty body and a bad scenario", async () => {
    const many = await call("/v1/run?samples=20001", { body: SCENARIO });
    expectError(many, 400, "?samples");
    expect(many.json.error).toContain("20000");
    expectError(await call("/v1/run?samples=-1", { body: SCENARIO }), 400, "?samples");
    expectError(await call("/v1/run?seed=x", { body: SCENARIO }), 400, "?seed");
    expectError(await call("/v1/run?sensitivity=nope&samples=0", { body: SCENARIO }), 400, "?sensitivity");
    expectError(await call("/v1/run", { body: "" }), 400, "body");
    const bad = await call("/v1/run", { body: "name: x\nhardware:\n  system: trainum2\n  chips: 8\n" });
    expectError(bad, 400, "scenario.yaml:3:11");
    expect(bad.json.hint).toContain("trainium2");
    expectError(await call("/v1/run", { body: "name: [x\n" }), 400, /^scenario\.yaml:\d+:\d+$/);
  });
});

describe("POST /v1/check", () => {
  it("lists every problem with its line and column", async () => {
    const r = await call("/v1/check?file=deal.yaml", {
      body: "name: x\nhardware:\n  chip: trainum2\nfoo: 1\n",
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ schema: "gigawatt/check@1", file: "deal.yaml", ok: false });
    const foo = r.json.problems.find((p: { message: string }) => p.message.includes('"foo"'));
    expect(foo).toMatchObject({ location: "deal.yaml:4:1", line: 4, col: 1 });
    expect(r.json.problems.length).toBeGreaterThanOrEqual(2);
  });

  it("says ok for the default scenario", async () => {
    const r = await call("/v1/check", { body: SCENARIO });
    expect(r.json).toMatchObject({ ok: true, problems: [] });
  });
});

describe("protocol mistakes", () => {
  it("an unknown route is a 404, a wrong method a 405 with Allow", async () => {
    expectError(await call("/v1/nope"), 404, "/v1/nope");
    expectError(await call("/"), 404, "/");
    const r = await fetch(`${api.url}/v1/train`);
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
    expectError(await call("/v1/health", { method: "POST", body: "{}" }), 405, "/v1/health");
  });

  it("malformed JSON is located; a body that is not an object is refused", async () => {
    const r = await post("/v1/capacity", '{"power": "5GW",\n "chip" "trainium2"}');
    expectError(r, 400, "body:2:9");
    expect(r.json.error).toMatch(/^invalid JSON/);
    expectError(await post("/v1/capacity", '{"power": "5GW",\n "chip": }'), 400, /^body(:2:\d+)?$/);
    expectError(await post("/v1/capacity", "[1, 2]"), 400, "body");
    expectError(await post("/v1/capacity", ""), 400, "body");
  });

  it("a body over the limit is a 413", async () => {
    const r = await call("/v1/check", { body: `# ${"x".repeat(1024 * 1024 + 10)}\n` });
    expectError(r, 413, "body");
  });
});
