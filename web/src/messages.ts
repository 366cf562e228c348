/** Messages between the page and the engine's worker. */

/** A report block as the page shows it (the engine's Doc blocks are plain data). */
export type { Block } from "../../src/report/document.js";

export type CatalogList = "chips" | "systems" | "models" | "deals";

/** Page -> worker. */
export type Request =
  | { type: "run"; id: number; text: string; samples?: number; seed?: number }
  | { type: "catalog"; id: number; list: CatalogList }
  | { type: "show"; id: number; name: string };

/** A user's mistake, located (FILE:LINE:COL for scenarios). */
export interface Problem {
  location?: string;
  message: string;
  hint?: string;
}

/** Worker -> page. */
export type Reply =
  | { type: "progress"; id: number; done: number; total: number }
  | {
      type: "report";
      id: number;
      html: string;
      samples: number;
      seed?: number;
      name: string;
      /** Time in the engine: evaluation, Monte Carlo, tornado, claims, HTML. */
      engineMs: number;
    }
  | { type: "doc"; id: number; title: string; blocks: import("../../src/report/document.js").Block[] }
  | { type: "problems"; id: number; problems: Problem[] }
  | { type: "fault"; id: number; message: string };
