/** A solve request's report, as `gigawatt solve` and POST /v1/solve answer it. */
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import type { Doc } from "../../report/document.js";
import { solveReport } from "../../report/solve.js";
import type { Front, SolveRequest } from "../../requests/index.js";
import { loadScenario } from "../../scenario/load.js";
import { solveScenario } from "../../scenario/solve.js";

/** The report for a solve request on scenario `text` (named `file` in error locations). */
export function solveAnswer(r: SolveRequest, front: Front, text: string, file: string): Doc {
  const loaded = loadScenario(text, file);
  if (!loaded.ok) throw loaded.errors[0]!;
  const entry = { id: "solve", text: "", vary: r.vary, target: r.target, between: r.between };
  try {
    const a = solveScenario(loaded.scenario, entry, { catalog: catalog() });
    return solveReport(a, loaded.scenario.name);
  } catch (e) {
    // The solver names the request's fields (vary, target, between); scenario paths inside the
    // chain are placed in the file.
    if (e instanceof InputError && e.location && /^(vary|target|between)/.test(e.location)) {
      const path = e.location.split(".");
      throw new InputError(e.message, { location: front.at(path), hint: e.hint });
    }
    if (e instanceof InputError && e.location && /^[A-Za-z][\w]*(\.[\w]+|\[\d+\])*$/.test(e.location))
      throw new InputError(e.message, { location: loaded.locate(e.location), hint: e.hint });
    throw e;
  }
}
