/**
 * The HTML report of a scenario: its evaluation (and, when run, its Monte Carlo, sensitivities,
 * cases, claims and serving curve) mapped onto sections of key figures, charts and tables, one
 * module per section in scenario-html/. A scenario that lacks a part of the chain gets no section
 * for it. Browser-safe: it only builds a spec, which `renderHtmlReport` turns into a page.
 */
import { type Catalog, catalog as defaultCatalog } from "../catalog/catalog.js";
import type { ClaimResult } from "../scenario/claims.js";
import type { ScenarioResult } from "../scenario/evaluate.js";
import type { SolveAnswer } from "../scenario/solve.js";
import type { ServingPoint } from "../serve/index.js";
import type { CaseResult } from "../uncertainty/cases.js";
import type { MonteCarloResult } from "../uncertainty/monte-carlo.js";
import type { Tornado } from "../uncertainty/sensitivity.js";
import { formatNumber } from "../units/format.js";
import type { HtmlReportSpec } from "./html/spec.js";
import { capacitySection } from "./scenario-html/capacity.js";
import { casesSection } from "./scenario-html/cases.js";
import { cashFlowSection } from "./scenario-html/cash-flows.js";
import { claimsSection } from "./scenario-html/claims.js";
import { type Context, defined, Sources } from "./scenario-html/context.js";
import { costSection } from "./scenario-html/costs.js";
import { headlineSection } from "./scenario-html/headline.js";
import { impliedSection } from "./scenario-html/implied.js";
import { labSection } from "./scenario-html/lab.js";
import { servingSection } from "./scenario-html/serving.js";
import { sourcesSection } from "./scenario-html/sources.js";
import { trainingSection } from "./scenario-html/training.js";
import { uncertaintySection } from "./scenario-html/uncertainty.js";

/** What the scenario report shows: an evaluation and whatever analyses were run on it. */
export interface ScenarioHtmlInput {
  result: ScenarioResult;
  /** A Monte Carlo of the scenario: medians and ranges on the figures, histograms, every output's percentiles. */
  monteCarlo?: MonteCarloResult;
  /** One-at-a-time sensitivities to chart, one tornado per output. */
  tornado?: Tornado[];
  /** Every output's sensitivity (the run's `drivers`): why a nominal case differs, what moves the answer. */
  drivers?: Tornado[];
  /** Each reading of the far-apart conflicting inputs, with its outputs. */
  cases?: CaseResult[];
  /** The scenario's claims, checked. */
  claims?: ClaimResult[];
  /** The serving throughput-latency curve (`servingCurve` on the scenario's serving options). */
  curve?: ServingPoint[];
  /** The scenario's questions for the solver, answered. */
  solved?: SolveAnswer[];
  /** Where source ids are looked up besides the scenario's own `sources:` (default: the shipped catalog). */
  catalog?: Catalog;
}

/**
 * The HTML report of a scenario: a summary paragraph and headline figures (medians with their
 * ranges, the nominal case beside them, arithmetic and sources a click away); the cases of
 * conflicting sources; the capacity ramp by generation; cash flows per party; cost breakdowns;
 * training step-time and memory breakdowns; the serving curve; distributions and tornadoes;
 * checked claims; sources. Parts of the chain the scenario lacks are left out.
 *
 * @example
 * ```ts
 * const html = renderHtmlReport(scenarioHtmlSpec({ result, monteCarlo, tornado, drivers, cases, claims, curve }));
 * ```
 */
export function scenarioHtmlSpec(input: ScenarioHtmlInput): HtmlReportSpec {
  const { result, monteCarlo } = input;
  const s = result.scenario;
  const ctx: Context = {
    result,
    s,
    monteCarlo,
    drivers: input.drivers,
    cases: input.cases,
    sources: new Sources(s, input.catalog ?? defaultCatalog()),
  };
  const sections = [
    headlineSection(ctx),
    casesSection(ctx),
    capacitySection(ctx),
    cashFlowSection(ctx),
    impliedSection(ctx, input.solved),
    labSection(ctx),
    costSection(ctx),
    trainingSection(ctx),
    servingSection(ctx, input.curve),
    uncertaintySection(ctx, input.tornado),
    claimsSection(ctx, input.claims),
    // Last: it lists what the sections above cited.
    sourcesSection(ctx),
  ].filter(defined);
  const run = monteCarlo
    ? `seed ${monteCarlo.seed}, ${formatNumber(monteCarlo.samples)} Monte Carlo samples`
    : "nominal inputs only";
  return {
    title: s.name,
    subtitle: s.description?.trim(),
    sections,
    footer: `gigawatt scenario report: ${s.name}, ${run}`,
  };
}
