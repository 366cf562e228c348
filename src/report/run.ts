/** A scenario run's reports: the Doc `gigawatt run` prints and the self-contained HTML page it writes. */
import type { ScenarioRun } from "../run/run.js";
import { servingOptions } from "../scenario/sections/serving.js";
import { servingCurve } from "../serve/index.js";
import type { Doc } from "./document.js";
import { renderHtmlReport } from "./html/render.js";
import type { HtmlReportSpec } from "./html/spec.js";
import { scenarioReport } from "./scenario.js";
import { scenarioHtmlSpec } from "./scenario-html.js";

/** The run's report, the same Doc `gigawatt run` prints (schema gigawatt/run@1). */
export function runDoc(run: ScenarioRun): Doc {
  const { result, monteCarlo, tornado, drivers, cases, claims, solved, catalog: cat } = run;
  return scenarioReport({ result, monteCarlo, tornado, drivers, cases, claims, solved, catalog: cat });
}

/** The run's HTML report as data (sections of figures, charts and tables). */
export function runHtmlSpec(run: ScenarioRun): HtmlReportSpec {
  const { scenario, result, monteCarlo, tornado, drivers, cases, claims, solved, catalog: cat } = run;
  const curve =
    scenario.serving && result.model && result.system && result.chips
      ? servingCurve(
          servingOptions(scenario.serving, {
            model: result.model,
            system: result.system,
            chips: result.chips,
          }),
        )
      : undefined;
  return scenarioHtmlSpec({
    result,
    monteCarlo,
    tornado,
    drivers,
    cases,
    claims,
    solved,
    curve,
    catalog: cat,
  });
}

/** The run's self-contained HTML report, the page `gigawatt run --html` writes. */
export function runHtml(run: ScenarioRun): string {
  return renderHtmlReport(runHtmlSpec(run));
}
