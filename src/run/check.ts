/** `gigawatt check`'s answer: every problem in scenario text, located, as data. */
import { loadScenario } from "../scenario/load.js";

/** One problem in a scenario file, located. */
export interface Problem {
  location: string;
  line?: number;
  col?: number;
  message: string;
  hint?: string;
}

/** Every problem in scenario text (empty when it is valid), as `gigawatt check` lists them. */
export function checkScenario(text: string, file = "scenario.yaml"): Problem[] {
  const r = loadScenario(text, file);
  if (r.ok) return [];
  return r.errors.map((e) => {
    const m = /:(\d+):(\d+)$/.exec(e.location ?? "");
    return {
      location: e.location ?? file,
      line: m ? Number(m[1]) : undefined,
      col: m ? Number(m[2]) : undefined,
      message: e.message,
      hint: e.hint,
    };
  });
}
