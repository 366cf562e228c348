/** `gigawatt serve`: the serving planner (estimate, search, curve, compare, simulate). */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { serveAnswer } from "../../node/answers/serve.js";
import { readText } from "../../node/files.js";
import type { Format } from "../../report/document.js";
import { ServeRequest } from "../../requests/index.js";
import type { TraceRequest } from "../../serve/simulate.js";
import { LIMITS } from "../../units/limits.js";
import { print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

/**
 * Reads a trace: CSV (arrival_s,input,output with an optional header) or JSON lines; `lines[i]` is
 * the line of request i in the file.
 */
export function readTrace(path: string): { requests: TraceRequest[]; lines: number[] } {
  const text = readText(path);
  const out: TraceRequest[] = [];
  const at: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const where = `${path}:${i + 1}`;
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return;
    if (out.length >= LIMITS.simulatedRequests.max)
      throw new InputError(`more than ${LIMITS.simulatedRequests.max.toLocaleString("en-US")} requests`, {
        location: where,
        hint: LIMITS.simulatedRequests.why,
      });
    if (t.startsWith("{")) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(t) as Record<string, unknown>;
      } catch {
        throw new InputError("not valid JSON", {
          location: where,
          hint: 'one object per line: {"arrival": 0.5, "input": 512, "output": 128}',
        });
      }
      const arrivalS = Number(o.arrival ?? o.arrival_s ?? o.timestamp ?? o.time);
      const input = Number(o.input ?? o.input_tokens ?? o.prompt_tokens);
      const output = Number(o.output ?? o.output_tokens ?? o.completion_tokens);
      if (![arrivalS, input, output].every(Number.isFinite)) {
        throw new InputError("needs arrival, input and output numbers", {
          location: where,
          hint: 'e.g. {"arrival": 0.5, "input": 512, "output": 128}',
        });
      }
      push(arrivalS, input, output, i);
      return;
    }
    const cells = t.split(",").map((c) => c.trim());
    if (out.length === 0 && cells.some((c) => c !== "" && Number.isNaN(Number(c)))) return; // header
    const [a, b, c] = cells.map(Number);
    if (cells.length < 3 || ![a, b, c].every((x) => Number.isFinite(x))) {
      throw new InputError("expected arrival_s,input_tokens,output_tokens", {
        location: where,
        hint: "e.g. 0.25,512,128",
      });
    }
    push(a!, b!, c!, i);
  });
  if (out.length === 0)
    throw new InputError("the trace has no requests", { location: path, hint: "one request per line" });
  return { requests: out, lines: at };

  function push(arrivalS: number, input: number, output: number, i: number): void {
    if (input > LIMITS.sequence.max || output > LIMITS.sequence.max || arrivalS > LIMITS.duration.max)
      throw new InputError("a request past the bounds", {
        location: `${path}:${i + 1}`,
        hint: `at most ${LIMITS.sequence.max.toLocaleString("en-US")} tokens in or out, arrivals within a week`,
      });
    out.push({ arrivalS, input, output });
    at.push(i + 1);
  }
}

/** `gigawatt serve`. */
export function register(program: Command): void {
  const cmd = program
    .command("serve")
    .description(
      "plan LLM serving: TTFT, TPOT, throughput, cost per token, best layout under latency targets",
    );
  requestFlags(cmd, ServeRequest).option(
    "--trace <file>",
    "arrivals to replay with --simulate: CSV arrival_s,input,output or JSON lines",
  );
  withFormat(cmd).action((f: Record<string, unknown> & { format: Format; trace?: string }) => {
    const { request, front } = readFlags(ServeRequest, f);
    if (request.simulate && request.rate === undefined && f.trace === undefined)
      throw new InputError("--simulate needs --rate or --trace", {
        location: "--simulate",
        hint: "e.g. --rate 5",
      });
    const trace = f.trace !== undefined ? readTrace(f.trace) : undefined;
    try {
      print(serveAnswer(request, front, { trace: trace?.requests }), f.format);
    } catch (e) {
      // The simulation names a trace's requests by number ("trace:12"): place them in the file.
      const n = e instanceof InputError ? /^trace:(\d+)$/.exec(e.location ?? "") : null;
      if (n && trace && e instanceof InputError)
        throw new InputError(e.message, {
          location: `${f.trace}:${trace.lines[Number(n[1]) - 1]}`,
          hint: e.hint,
        });
      throw e;
    }
  });
}
