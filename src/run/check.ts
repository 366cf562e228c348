/**
 * `gigawatt check`'s answer: every problem a run of the scenario would meet, found without its
 * Monte Carlo, each located at FILE:LINE:COL.
 */
import { InputError } from "../errors.js";
import { loadScenario } from "../scenario/load.js";
import { prepareRun } from "./run.js";

/** One problem in a scenario file, located. */
export interface Problem {
  location: string;
  line?: number;
  col?: number;
  message: string;
  hint?: string;
}

function problem(e: InputError, file: string): Problem {
  const m = /:(\d+):(\d+)$/.exec(e.location ?? "");
  return {
    location: e.location ?? file,
    line: m ? Number(m[1]) : undefined,
    col: m ? Number(m[2]) : undefined,
    message: e.message,
    hint: e.hint,
  };
}

/**
 * Every problem in scenario text (empty when a run would succeed): all of the schema's at once;
 * then the first the chain meets at nominal inputs, at the ends of the uncertain ones, in the
 * claims or in the outputs to rank (`prepareRun`, what `runScenario` checks before sampling).
 * `{chain: false}` stops after the schema, for a caller that runs the scenario next anyway.
 */
export function checkScenario(
  text: string,
  file = "scenario.yaml",
  opts: { chain?: boolean } = {},
): Problem[] {
  const r = loadScenario(text, file);
  if (!r.ok) return r.errors.map((e) => problem(e, file));
  if (opts.chain === false) return [];
  try {
    prepareRun(text, { file, samples: 0 });
    return [];
  } catch (e) {
    if (e instanceof InputError) return [problem(e, file)];
    throw e;
  }
}
