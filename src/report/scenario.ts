/**
 * The report of a scenario: headline outputs (the median and p5-p95 range when sampled, the
 * nominal case beside it) and what limits them, the cases of far-apart sources, the report claims
 * checked, then the chain link by link.
 */
import type { Catalog } from "../catalog/catalog.js";
import type { ClaimResult } from "../scenario/claims.js";
import type { ScenarioResult } from "../scenario/evaluate.js";
import { uncertainInputs } from "../scenario/inputs.js";
import { formatOutput, OUTPUTS, outputLabel } from "../scenario/outputs.js";
import type { SolveAnswer } from "../scenario/solve.js";
import type { CaseResult } from "../uncertainty/cases.js";
import type { MonteCarloResult } from "../uncertainty/monte-carlo.js";
import type { Tornado } from "../uncertainty/sensitivity.js";
import { stats } from "../uncertainty/summary.js";
import { formatNumber, formatQuantity } from "../units/format.js";
import { capacityJson } from "./capacity.js";
import { dealJson, dealYearsTable, labSideTable, marginNote, vintagesTable } from "./deal.js";
import { type Block, type Doc, table } from "./document.js";
import { outputFigure } from "./figures.js";
import { impliedBlock } from "./implied.js";
import { describeUncertain, inputName, inputText } from "./inputs.js";
import { strategyText } from "./train.js";

/** What a scenario report shows. */
export interface ScenarioReportInput {
  result: ScenarioResult;
  monteCarlo?: MonteCarloResult;
  tornado?: Tornado[];
  /** Every output's one-at-a-time sensitivity (why a nominal case differs from the median). */
  drivers?: Tornado[];
  /** Each reading of the far-apart conflicting inputs, with its outputs. */
  cases?: CaseResult[];
  claims: ClaimResult[];
  /** The scenario's questions for the solver, answered. */
  solved?: SolveAnswer[];
  catalog: Catalog;
  /** Wall time of the evaluation, for the footer. */
  seconds?: number;
}

/** The headline outputs, in the order the report lists them, with what limits each. */
const HEADLINES: [output: string, limit: (r: ScenarioResult) => string][] = [
  ["deal.investment", () => "tranches paid so far (milestone tranches apart)"],
  ["deal.investmentWithMilestones", () => "every tranche, milestones included"],
  [
    "deal.stake",
    () => "the investor's tranches through the lab's rounds: notes convert, later rounds dilute",
  ],
  ["deal.committedSpend", () => "the take-or-pay floor the commitment sets"],
  ["deal.labSpend", () => "usage at the market price per GW-year, never below the floor"],
  [
    "deal.pricePerGwYear",
    (r) =>
      r.deal?.deal.pricing.basis === "commitment"
        ? "the commitment schedule"
        : "the market price of the capacity",
  ],
  ["capacity.power", (r) => r.limits.capacity ?? ""],
  ["capacity.chips", () => "power / ((TDP + server overhead) x PUE) per generation"],
  ["capacity.peakFlopsBf16", () => "chips x dense BF16 peak"],
  ["capacity.energyPerYear", () => "power drawn on average x 8,766 h"],
  ["capacity.homesUS", () => "energy drawn per year / EIA 10,715 kWh per home"],
  ["deal.frontierRunsPerYear", (r) => r.limits.deal ?? ""],
  ["deal.trainingRunsPerYear", (r) => r.limits.deal ?? ""],
  ["training.timeToTrain", (r) => r.limits.training ?? ""],
  ["deal.outputTokensPerYear", (r) => r.limits.serving ?? ""],
  ["serving.usdPerMOutput", (r) => r.limits.serving ?? ""],
  ["serving.usdPerMOutputAtTco", (r) => r.limits.serving ?? ""],
  ["deal.providerMargin", () => "revenue - depreciation, electricity and other opex"],
  ["deal.providerMarginShare", (r) => (r.deal ? marginNote(r.deal) : "")],
  ["deal.providerIrr", () => "the provider's cash: capex, running costs, revenue"],
  ["deal.circularity", () => "investor's revenue from the lab / its investment"],
];

function headlineBlock(input: ScenarioReportInput): Block {
  const { result: r, monteCarlo: mc } = input;
  const reasons: string[] = [];
  const rows = HEADLINES.filter(([o]) => r.outputs[o] !== undefined).map(([o, limit]) => {
    const f = outputFigure(input, o)!;
    if (f.nominal) reasons.push(`${outputLabel(o)}: nominal ${f.nominal.value}, ${f.nominal.reason}`);
    return {
      output: outputLabel(o),
      value: f.value,
      p5: f.p5 ?? "",
      p95: f.p95 ?? "",
      nominal: f.nominal?.value ?? "",
      limit: limit(r),
    };
  });
  const cols: [string, string][] = [["output", "output"]];
  if (mc) cols.push(["value", "median"], ["p5", "p5"], ["p95", "p95"], ["nominal", "nominal case"]);
  else cols.push(["value", "nominal"]);
  cols.push(["limit", "limited by"]);
  const note = mc
    ? [
        `Medians and p5-p95 over ${formatNumber(mc.samples)} Monte Carlo samples (seed ${mc.seed}); the nominal case (every input at its nominal value) where it reads differently:`,
        ...reasons.map((t) => `  ${t}`),
      ].join("\n")
    : "Nominal inputs; run with --samples N for medians and p5-p95 ranges.";
  return table(cols, rows, "Headline", note);
}

function casesBlock(input: ScenarioReportInput): Block | undefined {
  const cases = input.cases ?? [];
  if (cases.length === 0) return undefined;
  const s = input.result.scenario;
  const inputs = uncertainInputs(s);
  const text = (c: CaseResult, o: string) => formatOutput(o, c.outputs[o] ?? Number.NaN);
  // The headline outputs that some case input's readings change.
  const moved = HEADLINES.map(([o]) => o).filter((o) =>
    [...new Set(cases.map((c) => c.input))].some(
      (i) => new Set(cases.filter((c) => c.input === i).map((c) => text(c, o))).size > 1,
    ),
  );
  return table(
    [
      ["input", "input"],
      ["reading", "reading"],
      ["sources", "sources"],
      ...moved.map((o): [string, string] => [o, outputLabel(o)]),
    ],
    cases.map((c) => ({
      input: inputName(c.input, s),
      reading: `${inputs[c.input] ? inputText(inputs[c.input]!, c.reading.value) : c.reading.value}${c.option === 0 ? " (preferred)" : ""}`,
      sources: c.reading.sources.join(", "),
      ...Object.fromEntries(moved.map((o) => [o, text(c, o)])),
    })),
    "Cases: sources that disagree far apart, each reading with its own result",
    "Every other input at its nominal value; the Monte Carlo holds these inputs at their preferred reading.",
  );
}

function everyOutputBlock(r: ScenarioResult, mc: MonteCarloResult): Block {
  return table(
    [
      ["name", "output"],
      ["label", "what"],
      ["value", "nominal"],
      ["p5", "p5"],
      ["p50", "p50"],
      ["p95", "p95"],
    ],
    Object.keys(r.outputs).map((o) => {
      const d = mc.outputs[o];
      return {
        name: o,
        label: outputLabel(o),
        value: formatOutput(o, r.outputs[o]!),
        p5: d ? formatOutput(o, d.p5) : "",
        p50: d ? formatOutput(o, d.p50) : "",
        p95: d ? formatOutput(o, d.p95) : "",
      };
    }),
    "Every output",
  );
}

function chipsBlock(r: ScenarioResult): Block | undefined {
  const gens = r.capacity?.generations;
  if (!gens) return undefined;
  return table(
    [
      ["chip", "chip"],
      ["share", "share of power"],
      ["chips", "chips"],
      ["power", "power"],
      ["facilityW", "facility W per chip at full load"],
    ],
    gens.map((g) => ({
      chip: g.name,
      share: `${formatNumber(g.share * 100)}%`,
      chips: formatOutput("capacity.chips", g.chips.value),
      power: formatOutput("capacity.power", g.power.value),
      facilityW: g.unit.facilityPeakW.formula,
    })),
    "Chips by generation",
  );
}

function claimsBlock(claims: ClaimResult[]): Block | undefined {
  if (claims.length === 0) return undefined;
  return table(
    [
      ["verdict", "verdict"],
      ["claim", "claim"],
      ["sources", "sources"],
      ["computation", "computation"],
    ],
    claims.map((c) => ({
      verdict: c.verdict,
      claim: c.text,
      sources: c.sources.join(", "),
      computation: c.computation,
    })),
    "Claims in the reports, checked",
  );
}

function trainingBlock(r: ScenarioResult): Block | undefined {
  const t = r.training?.estimate;
  if (!t || !r.model || !r.system) return undefined;
  const items: [string, string][] = [
    ["run", `${r.model.name} on ${formatNumber(r.chips ?? 0)} x ${r.system.chip.name} (${r.system.id})`],
    ["strategy", strategyText(t.strategy)],
    ["step", `${formatOutput("training.stepTime", t.time.step)}, bound by ${t.bound}`],
    [
      "throughput",
      `${formatNumber(t.tokensPerSecondPerChip)} tokens/s per chip; MFU ${formatNumber(t.mfu * 100)}%`,
    ],
  ];
  if (t.run) {
    items.push(["time to train", formatOutput("training.timeToTrain", t.run.seconds)]);
    if (t.run.energyJ !== undefined) items.push(["energy", formatOutput("training.energy", t.run.energyJ)]);
    if (t.run.costUsd !== undefined) items.push(["cost", formatOutput("training.cost", t.run.costUsd)]);
  }
  if (r.training?.search) {
    const s = r.training.search;
    items.push([
      "search",
      `${formatNumber(s.candidates)} candidates, ${formatNumber(s.prunedMemory)} pruned for memory`,
    ]);
  }
  return { kind: "kv", title: "Training (gigawatt train for the full breakdown)", items };
}

function servingBlock(r: ScenarioResult): Block | undefined {
  const s = r.serving;
  if (!s) return undefined;
  const items: [string, string][] = [
    ["layout", `tp ${s.layout.tp} pp ${s.layout.pp} x ${s.layout.replicas} replicas, batch ${s.batch}`],
    [
      "latency",
      `TTFT ${formatOutput("serving.ttft", s.ttftS)}, TPOT ${formatOutput("serving.tpot", s.tpotS)}`,
    ],
    [
      "throughput",
      `${formatNumber(s.throughput.outputTokensPerSPerChip)} output tokens/s per chip, bound by ${s.bound}`,
    ],
  ];
  if (s.cost) {
    items.push([
      "cost",
      `${formatOutput("serving.usdPerMInput", s.cost.usdPerMillionInput)} input, ${formatOutput("serving.usdPerMOutput", s.cost.usdPerMillionOutput)} output at ${formatQuantity(s.cost.usdPerChipHour / 3600, "moneyRate")} per chip`,
    ]);
  }
  return { kind: "kv", title: "Serving (gigawatt serve for the curve and search)", items };
}

function dealYearsBlock(r: ScenarioResult): Block | undefined {
  const d = r.deal;
  if (!d) return undefined;
  return dealYearsTable(d, `Deal year by year: ${d.deal.name}`);
}

function inputsBlock(r: ScenarioResult, cases: CaseResult[] | undefined): Block | undefined {
  const inputs = uncertainInputs(r.scenario);
  const names = Object.keys(inputs);
  if (names.length === 0) return undefined;
  return table(
    [
      ["input", "input"],
      ["path", "path"],
      ["spread", "spread"],
      ["from", "sources and notes"],
    ],
    names.map((n) => {
      const u = inputs[n]!;
      const from = u.type === "choice" ? "" : [u.sources?.join(", "), u.note].filter(Boolean).join("; ");
      const spread = describeUncertain(u);
      const isCase = cases?.some((c) => c.input === n);
      return { input: inputName(n, r.scenario), path: n, spread: isCase ? `cases: ${spread}` : spread, from };
    }),
    "Uncertain inputs",
  );
}

function tornadoBlocks(r: ScenarioResult, tornado: Tornado[] | undefined): Block[] {
  return (tornado ?? []).map((t) => {
    const moving = t.rows.filter((row) => row.swing > 0);
    const still = t.rows.length - moving.length;
    return table(
      [
        ["input", "input"],
        ["low", "at low"],
        ["high", "at high"],
        ["swing", "swing"],
      ],
      moving.map((row) => ({
        input: inputName(row.input, r.scenario),
        low: formatOutput(t.output, row.outputAtLow),
        high: formatOutput(t.output, row.outputAtHigh),
        swing: formatOutput(t.output, row.swing),
      })),
      `Sensitivity of ${outputLabel(t.output)} (base ${formatOutput(t.output, t.base)})`,
      `Each input at its low and high bound, the others at nominal; largest swing first.${still ? ` ${still} other inputs do not move it.` : ""}`,
    );
  });
}

function sourcesBlock(r: ScenarioResult): Block | undefined {
  const entries = Object.entries(r.scenario.sources);
  if (entries.length === 0) return undefined;
  return {
    kind: "text",
    title: "Sources of the scenario",
    text: entries.map(([id, s]) => `[${id}] ${s.title}. ${s.address} (${s.date})`).join("\n"),
  };
}

/** The report of a scenario's evaluation. */
export function scenarioReport(input: ScenarioReportInput): Doc {
  const { result: r, monteCarlo: mc } = input;
  const blocks = [
    headlineBlock(input),
    casesBlock(input),
    chipsBlock(r),
    claimsBlock(input.claims),
    trainingBlock(r),
    servingBlock(r),
    dealYearsBlock(r),
    r.deal?.vintages.length ? vintagesTable(r.deal) : undefined,
    impliedBlock(r, input.solved ?? []),
    r.lab ? labSideTable(r.lab) : undefined,
    inputsBlock(r, input.cases),
    ...tornadoBlocks(r, input.tornado),
    mc ? everyOutputBlock(r, mc) : undefined,
    sourcesBlock(r),
  ].filter((b): b is Block => b !== undefined);
  if (mc?.warnings.length)
    blocks.push({ kind: "text", title: "Monte Carlo warnings", text: mc.warnings.join("\n") });
  const outputs = Object.fromEntries(
    Object.entries(r.outputs).map(([k, v]) => {
      const d = mc?.outputs[k];
      return [k, { value: v, label: outputLabel(k), ...(d ? { p5: d.p5, p50: d.p50, p95: d.p95 } : {}) }];
    }),
  );
  return {
    schema: "gigawatt/run@1",
    title: `${r.scenario.name}${r.scenario.description ? `\n${r.scenario.description.trim()}` : ""}`,
    blocks,
    data: {
      name: r.scenario.name,
      outputs,
      limits: r.limits,
      claims: input.claims,
      monteCarlo: mc
        ? {
            samples: mc.samples,
            seed: mc.seed,
            inputs: Object.fromEntries(Object.entries(mc.inputs).map(([k, d]) => [k, stats(d)])),
            warnings: mc.warnings,
          }
        : undefined,
      tornado: input.tornado,
      cases: input.cases?.map((c) => ({
        input: c.input,
        reading: c.reading.value,
        preferred: c.option === 0,
        sources: c.reading.sources,
        outputs: c.outputs,
      })),
      training: r.training
        ? {
            strategy: r.training.estimate.strategy,
            time: r.training.estimate.time,
            memory: r.training.estimate.memory,
            bound: r.training.estimate.bound,
            mfu: r.training.estimate.mfu,
            run: r.training.estimate.run,
          }
        : undefined,
      serving: r.serving,
      capacity: r.capacity ? capacityJson(r.capacity) : undefined,
      deal: r.deal ? dealJson(r.deal) : undefined,
      knownOutputs: Object.keys(OUTPUTS),
    },
  };
}
