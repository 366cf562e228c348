/** An internal fault is a 500 with a short message: no stack trace reaches the client. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiServer, startApi } from "../../src/server/app.js";

vi.mock("../../src/report/catalog.js", async (original) => ({
  ...(await original<typeof import("../../src/report/catalog.js")>()),
  chipsReport: () => {
    throw new Error("boom\n    at somewhere (file.ts:1:1)");
  },
}));

let api: ApiServer;
const faults: string[] = [];
beforeAll(async () => {
  api = await startApi({ port: 0, onFault: (message) => faults.push(message) });
});
afterAll(() => api.close());

describe("an internal fault", () => {
  it("is a 500 with a short message, reported to onFault", async () => {
    const r = await fetch(`${api.url}/v1/catalog/chips`);
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: string; hint: string };
    expect(body.error).toBe("internal error: boom");
    expect(JSON.stringify(body)).not.toContain("file.ts");
    expect(faults).toHaveLength(1);
    // The server still answers afterwards.
    expect((await fetch(`${api.url}/v1/health`)).status).toBe(200);
  });
});
