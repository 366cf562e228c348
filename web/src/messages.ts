/** Messages between the page and the engine's worker. */

/** A report block as the page shows it (the engine's Doc blocks are plain data). */
export type { Block } from "../../src/report/document.js";

export type CatalogList = "chips" | "systems" | "models" | "deals";

/** Page -> worker. */
export type Request =
  | { type: "run"; id: number; text: string; samples?: number; seed?: number }
  | { type: "catalog"; id: number; list: CatalogList }
  | { type: "show"; id: number; name: string }
  /** Answers "need-helpers": one port to each helper worker the page started. */
  | { type: "helper-ports"; id: number; ports: MessagePort[] };

/**
 * The lead worker -> a helper worker, over a MessagePort the page set up (a worker started from a
 * Blob URL cannot start workers itself when the page is a file://). The page sends each helper
 * `{type: "connect"}` with its port.
 */
export type HelperRequest =
  | {
      type: "helper";
      scenario: import("../../src/scenario/schema.js").Scenario;
      strategy?: import("../../src/train/types.js").Strategy;
      inputs: Record<string, import("../../src/uncertainty/value.js").Uncertain>;
      seed: number;
    }
  | { type: "block"; start: number; count: number };

/** A helper worker -> the lead. */
export type HelperReply =
  | { type: "block-done"; block: import("../../src/uncertainty/monte-carlo.js").SampleBlock }
  | { type: "helper-error"; message: string };

/** A user's mistake, located (FILE:LINE:COL for scenarios). */
export interface Problem {
  location?: string;
  message: string;
  hint?: string;
}

/** Worker -> page. */
export type Reply =
  | { type: "progress"; id: number; done: number; total: number }
  /** The lead worker asks the page for helper workers to share a Monte Carlo. */
  | { type: "need-helpers"; id: number; count: number }
  | {
      type: "report";
      id: number;
      html: string;
      samples: number;
      seed?: number;
      name: string;
      /** Workers that ran the Monte Carlo (1: the engine's worker alone). */
      workers: number;
      /** Time in the engine: evaluation, Monte Carlo, tornado, claims, HTML. */
      engineMs: number;
    }
  | { type: "doc"; id: number; title: string; blocks: import("../../src/report/document.js").Block[] }
  | { type: "problems"; id: number; problems: Problem[] }
  | { type: "fault"; id: number; message: string };
