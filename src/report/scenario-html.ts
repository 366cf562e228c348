/**
 * The HTML report of a scenario: its evaluation (and, when run, its Monte Carlo, tornado, claims
 * and serving curve) mapped onto the HTML report's sections of key figures, charts and tables.
 * Each section is one function; a scenario that lacks a part of the chain gets no section for
 * it. Browser-safe: it only builds a spec, which `renderHtmlReport` turns into a page.
 */
import { type CapacityResult, fmt, type Traced } from "../capacity/index.js";
import { type Catalog, catalog as defaultCatalog } from "../catalog/catalog.js";
import { dealsCatalog } from "../catalog/deals.js";
import { economics } from "../catalog/economics.js";
import type { Source } from "../catalog/schema.js";
import type { DealResult } from "../deal/index.js";
import type { ClaimResult } from "../scenario/claims.js";
import type { ScenarioResult } from "../scenario/evaluate.js";
import { uncertainInputs, value } from "../scenario/inputs.js";
import { formatOutput, OUTPUTS } from "../scenario/outputs.js";
import type { Scenario } from "../scenario/schema.js";
import type { ServingPoint } from "../serve/index.js";
import type { TrainingEstimate } from "../train/index.js";
import type { MonteCarloResult } from "../uncertainty/monte-carlo.js";
import type { Tornado } from "../uncertainty/sensitivity.js";
import type { Distribution } from "../uncertainty/summary.js";
import { bounds, type Uncertain } from "../uncertainty/value.js";
import { formatMoney, formatNumber, formatQuantity } from "../units/format.js";
import { type QuantityKind, SECONDS_PER_HOUR, SECONDS_PER_YEAR } from "../units/quantity.js";
import type { ChartSpec, ChartUnit, HtmlReportSpec, HtmlSection, HtmlTable, KeyFigure } from "./html/spec.js";
import { STRATEGY_COLUMNS, strategyCells } from "./train.js";

/** What the scenario report shows: an evaluation and whatever analyses were run on it. */
export interface ScenarioHtmlInput {
  result: ScenarioResult;
  /** A Monte Carlo of the scenario: ranges on the key figures, histograms, a table of every output. */
  monteCarlo?: MonteCarloResult;
  /** One-at-a-time sensitivities, one chart per output. */
  tornado?: Tornado[];
  /** The scenario's claims, checked. */
  claims?: ClaimResult[];
  /** The serving throughput-latency curve (`servingCurve` on the scenario's serving options). */
  curve?: ServingPoint[];
  /** Where source ids are looked up besides the scenario's own `sources:` (default: the shipped catalog). */
  catalog?: Catalog;
}

// ---------------------------------------------------------------------------------------------
// Outputs: how each named output reads in text and on a chart axis.

interface OutputFormat {
  label: string;
  text: (v: number) => string;
  /** A shorter text for ranges, where the label already says what is counted. */
  short: (v: number) => string;
  /** Chart unit of the value after `scale` (energy is charted in Wh, like its text). */
  unit: ChartUnit;
  scale?: number;
}

const perMillion = (v: number) => `${formatMoney(v)}/M tokens`;
const money = (v: number) => formatMoney(v);
const ratio = (v: number) => formatNumber(v, 3);
const perSecond = (v: number) => `${formatNumber(v, 3)} tokens/s`;

/** The chart unit of each output kind, and the factor from SI units to it. */
const CHART_UNITS: Record<string, { unit: ChartUnit; scale?: number }> = {
  money: { unit: "$" },
  power: { unit: "W" },
  energy: { unit: "Wh", scale: 1 / SECONDS_PER_HOUR },
  compute: { unit: "FLOP" },
  computeRate: { unit: "FLOP/s" },
  time: { unit: "s" },
  tokens: { unit: "tokens" },
  fraction: { unit: "%" },
  bytes: { unit: "B" },
  bandwidth: { unit: "B/s" },
  usdPerHour: { unit: "$/h" },
  moneyRate: { unit: "$/h", scale: SECONDS_PER_HOUR },
  moneyPerToken: { unit: "$/Mtok", scale: 1e6 },
};

/** Where a figure says the unit its label leaves out. */
const TEXT_OVERRIDES: Record<string, { text: (v: number) => string; unit?: ChartUnit }> = {
  "capacity.homesUS": { text: (v) => `${formatQuantity(v, "count")} US homes` },
  "capacity.homesEU": { text: (v) => `${formatQuantity(v, "count")} EU homes` },
  "serving.usdPerMInput": { text: perMillion, unit: "$/Mtok" },
  "serving.usdPerMOutput": { text: perMillion, unit: "$/Mtok" },
  "serving.usdPerMOutputAtTco": { text: perMillion, unit: "$/Mtok" },
  "training.tokensPerSecondPerChip": { text: perSecond, unit: "tokens/s" },
  "serving.outputTokensPerSecondPerChip": { text: perSecond, unit: "tokens/s" },
};

/**
 * How an output reads: the label and kind from the scenario's output registry (the text
 * report's), with the overrides above; an output the registry lacks shows its name.
 */
function outputFormat(name: string): OutputFormat {
  const info = OUTPUTS[name];
  const label = info ? info.label[0]!.toUpperCase() + info.label.slice(1) : name;
  const chart = CHART_UNITS[info?.kind ?? ""] ?? { unit: "" };
  const plain = (v: number) => formatOutput(name, v);
  const o = TEXT_OVERRIDES[name];
  return { label, text: o?.text ?? plain, short: plain, unit: o?.unit ?? chart.unit, scale: chart.scale };
}

/** The key outputs whose distributions the report draws, in the order of the headline. */
const KEY_OUTPUTS = [
  "deal.investment",
  "deal.committedSpend",
  "capacity.power",
  "capacity.chips",
  "capacity.peakFlopsBf16",
  "capacity.energyPerYear",
  "capacity.homesUS",
  "deal.trainingRunsPerYear",
  "serving.usdPerMOutput",
  "deal.circularity",
];

// ---------------------------------------------------------------------------------------------
// Inputs: how an uncertain input's path reads, and its bounds in its unit.

/** An input's value in its unit (the kind the scenario schema gave it), or a plain ratio. */
function inputText(kind: QuantityKind | undefined, v: number): string {
  return kind ? formatQuantity(v, kind) : ratio(v);
}

/** Readable names of common scenario inputs. */
const INPUT_NAMES: Record<string, string> = {
  "hardware.pricePerChipHour": "chip-hour price",
  "training.tokens": "training tokens",
  "capacity.power": "facility power",
  "capacity.averageLoad": "average load",
  "capacity.pue": "PUE",
  "capacity.chips": "chips",
  "capacity.chipPrice": "chip price",
  "capacity.costOfCapital": "cost of capital",
  "capacity.mfu": "MFU",
};

/** A readable name of an input path ("deal.tranches.3.amount" -> "tranche of 2026-04-20"). */
function inputName(path: string, s: Scenario): string {
  if (INPUT_NAMES[path]) return INPUT_NAMES[path];
  const m = /^deal\.(tranches|commitments)\.(\d+)\.amount$/.exec(path);
  if (m && s.deal) {
    const i = Number(m[2]);
    if (m[1] === "tranches" && s.deal.tranches?.[i]) {
      const t = s.deal.tranches[i];
      return `tranche of ${t.date}${t.contingent ? " (milestones)" : ""}`;
    }
    if (m[1] === "commitments" && s.deal.commitments?.[i]) {
      const c = s.deal.commitments[i];
      return `commitment from ${c.start}`;
    }
  }
  return path;
}

/**
 * An input's name and bounds, short enough for a chart axis on a phone ("training tokens
 * 20T-60T"): a unit word the name already says is left out of the bounds.
 */
function tornadoLabel(path: string, low: number, high: number, s: Scenario): string {
  const name = inputName(path, s);
  const kind = uncertainInputs(s)[path]?.kind;
  const bound = (v: number) => {
    const t = inputText(kind, v);
    const word = / ([a-z]+)$/.exec(t)?.[1];
    return word && name.includes(word) ? t.slice(0, -word.length - 1) : t;
  };
  return `${name} ${bound(low)}\u2013${bound(high)}`;
}

function describeUncertain(u: Uncertain): string {
  const t = (v: number) => inputText(u.kind, v);
  switch (u.type) {
    case "point":
      return t(u.value);
    case "uniform":
      return `uniform ${t(u.low)} to ${t(u.high)}`;
    case "triangular":
      return `triangular ${t(u.low)} to ${t(u.high)}, mode ${t(u.mode)}`;
    case "normal":
      return `normal, mean ${t(u.mean)}, sd ${t(u.sd)}`;
    case "lognormal":
      return `lognormal, median ${t(u.median)}, sigma ${formatNumber(u.sigma, 2)}`;
    case "choice":
      return `one of ${u.options.map((o) => `${t(o.value)} (${o.sources.join(", ")})`).join("; ")}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Sources: ids cited anywhere in the report, resolved against the scenario and the catalogs.

class Sources {
  private readonly cited = new Set<string>();
  constructor(
    private readonly scenario: Scenario,
    private readonly cat: Catalog,
  ) {}

  /** Records ids as cited and returns them as text ("seed-003, eia-homes"), or undefined when none. */
  cite(...groups: (readonly string[] | undefined)[]): string | undefined {
    const ids = [...new Set(groups.flatMap((g) => g ?? []))];
    for (const id of ids) this.cited.add(id);
    return ids.length ? ids.join(", ") : undefined;
  }

  lookup(id: string): Source | undefined {
    return (
      this.scenario.sources[id] ??
      this.cat.sources.get(id) ??
      economics().sources.get(id) ??
      dealsCatalog().sources.get(id)
    );
  }

  /** The scenario's own sources first, then every other id cited, in order of citation. */
  all(): string[] {
    return [...new Set([...Object.keys(this.scenario.sources), ...this.cited])];
  }
}

/** Every source id under `sources` keys in a parsed value (a scenario section, a catalog entry). */
function sourcesIn(v: unknown, depth = 0): string[] {
  if (!v || typeof v !== "object" || depth > 8) return [];
  if (Array.isArray(v)) return v.flatMap((x) => sourcesIn(x, depth + 1));
  return Object.entries(v).flatMap(([k, x]) =>
    k === "sources" && Array.isArray(x)
      ? x.filter((s): s is string => typeof s === "string")
      : sourcesIn(x, depth + 1),
  );
}

// ---------------------------------------------------------------------------------------------
// Shared context of the section builders.

interface Context {
  r: ScenarioResult;
  s: Scenario;
  mc?: MonteCarloResult;
  sources: Sources;
}

/** A distribution with at least one finite sample, or undefined. */
function distribution(ctx: Context, output: string): Distribution | undefined {
  const d = ctx.mc?.outputs[output];
  return d && d.finite > 0 ? d : undefined;
}

/** A key figure of a named output: its nominal value, its p5-p95 range when sampled, its source. */
function outputFigure(
  ctx: Context,
  output: string,
  extra: Partial<KeyFigure> & { traced?: Traced; label?: string } = {},
): KeyFigure | undefined {
  const v = ctx.r.outputs[output];
  if (v === undefined) return undefined;
  const f = outputFormat(output);
  const d = distribution(ctx, output);
  const { traced, ...rest } = extra;
  return {
    label: f.label,
    value: f.text(v),
    range: d ? { p5: f.short(d.p5), p95: f.short(d.p95) } : undefined,
    source: traced ? ctx.sources.cite(traced.sources) : undefined,
    note: traced?.formula,
    ...rest,
  };
}

/** "Frontier training runs" -> "frontier training runs"; acronyms ("US homes") stay. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** The binding constraint of a limit without its arithmetic ("facility power: chips = ..." -> "facility power"). */
function limitHead(limit: string | undefined): string | undefined {
  return limit?.split(":")[0];
}

const defined = <T>(x: T | undefined | null | false): x is T => x !== undefined && x !== null && x !== false;

/** Drops series whose values are all zero or missing (a component a chip or strategy does not have). */
function nonZero<T extends { values: (number | null)[] }>(series: T[]): T[] {
  const kept = series.filter((x) => x.values.some((v) => v !== null && v !== 0));
  return kept.length ? kept : series.slice(0, 1);
}

function chipName(d: DealResult | undefined, cap: CapacityResult | undefined, id: string): string {
  return (
    d?.generations.find((g) => g.chip === id)?.unit.chip.name ??
    cap?.generations.find((g) => g.chip === id)?.name ??
    id
  );
}

// ---------------------------------------------------------------------------------------------
// Sections.

/** The headline: what the scenario buys, each figure with its range, source and limit. */
function headlineSection(ctx: Context): HtmlSection | undefined {
  const { r } = ctx;
  const d = r.deal;
  const cap = r.capacity;
  const lim = r.limits;
  const gens = cap?.generations
    .map((g) => `${formatQuantity(g.chips.value, "count")} ${g.name} (${formatNumber(g.share * 100, 2)}%)`)
    .join(", ");
  const contingent = d?.totals.contingentInvestment.value;
  const powerInput = ctx.s.capacity?.power;
  const figures = [
    outputFigure(ctx, "deal.investment", {
      label: "Investment",
      traced: d?.totals.investment,
      note: d
        ? `${d.totals.investment.formula}${contingent ? `; ${formatMoney(contingent)} more on milestones` : ""}`
        : undefined,
    }),
    outputFigure(ctx, "deal.committedSpend", { label: "Commitment", traced: d?.totals.committedSpend }),
    outputFigure(ctx, "capacity.power", {
      label: "Power",
      source: ctx.sources.cite(d?.deal.committedPowerSources, cap?.power.sources),
      note: [
        powerInput ? `stated: ${describeUncertain(powerInput)}` : undefined,
        d ? `the deal's ramp reaches ${formatQuantity(d.totals.maxPowerW.value, "power")}` : undefined,
      ]
        .filter(defined)
        .join("; "),
    }),
    outputFigure(ctx, "capacity.chips", {
      label: "Chips",
      traced: cap?.chips,
      limit: lim.capacity,
      note: gens,
    }),
    outputFigure(ctx, "capacity.peakFlopsBf16", {
      label: "Peak compute (BF16)",
      traced: cap?.peakFlops.bf16,
      limit: limitHead(lim.capacity),
    }),
    outputFigure(ctx, "capacity.energyPerYear", {
      label: "Energy per year",
      traced: cap?.energyPerYear,
      limit: limitHead(lim.capacity),
    }),
    outputFigure(ctx, "capacity.homesUS", { label: "Homes equivalent", traced: cap?.homesUS }),
    outputFigure(ctx, "deal.trainingRunsPerYear", {
      label: "Frontier training runs per year",
      traced: d?.totals.flop,
      limit: [lim.deal, lim.training].filter(defined).join("; ") || undefined,
      note: d
        ? `FLOP of the year at full ramp x ${formatNumber(d.compute.trainingShare * 100, 2)}% for training / ${fmt(d.compute.frontierRunFlop, "compute")} per run (${d.compute.frontierRun === "stated" ? `${r.model?.id ?? "the scenario's model"} on the scenario's tokens` : d.compute.frontierRun})`
        : undefined,
    }),
    outputFigure(ctx, "serving.usdPerMOutput", {
      label: "Cost per million tokens served",
      source: ctx.sources.cite(sourcesIn(ctx.s.hardware)),
      limit: lim.serving,
      note: servingCostNote(ctx),
    }),
    outputFigure(ctx, "deal.circularity", { label: "Circularity", traced: d?.totals.circularity }),
  ].filter(defined);
  if (figures.length === 0) return undefined;
  const sampled = ctx.mc
    ? ` Ranges are the p5-p95 of ${formatNumber(ctx.mc.samples)} Monte Carlo samples (seed ${ctx.mc.seed}).`
    : " No Monte Carlo was run, so the figures have no ranges.";
  return {
    title: "Headline",
    intro: `Each figure at the scenario's nominal inputs, with the arithmetic behind it, the sources it traces to and what limits it.${sampled}`,
    figures,
  };
}

function servingCostNote(ctx: Context): string | undefined {
  const e = ctx.r.serving;
  if (!e?.cost) return undefined;
  const tco = ctx.r.outputs["serving.usdPerMOutputAtTco"];
  const at = `output tokens at ${formatMoney(e.cost.usdPerChipHour)}/chip-hour (${e.cost.priceNote ?? e.cost.priceKind})`;
  return tco !== undefined ? `${at}; ${perMillion(tco)} at the provider's own TCO` : at;
}

/** Capacity: the fleet by generation, and the deal's ramp by generation year by year. */
function capacitySection(ctx: Context): HtmlSection | undefined {
  const { capacity: cap, deal: d } = ctx.r;
  if (!cap && !d) return undefined;
  const charts: ChartSpec[] = [];
  if (d?.years.length) {
    const years = d.years.map((y) => String(y.year));
    const gens = d.generations.map((g) => g.chip);
    charts.push({
      kind: "stackedBar",
      title: "Chips installed by generation",
      unit: "",
      valueLabel: "chips at the end of the year",
      categories: years,
      series: gens.map((g) => ({ label: chipName(d, cap, g), values: d.years.map((y) => y.chips[g] ?? 0) })),
      caption: "From the deal's capacity ramp: chips installed at the end of each year, by generation.",
    });
    const facilityW = new Map(d.generations.map((g) => [g.chip, g.unit.facilityPeakW.value]));
    const markers = [
      d.deal.committedPowerW
        ? {
            value: d.deal.committedPowerW,
            label: `committed ${formatQuantity(d.deal.committedPowerW, "power")}`,
          }
        : undefined,
      cap
        ? {
            value: cap.power.value,
            label: `sized in the capacity section ${formatQuantity(cap.power.value, "power")}`,
            color: "#000",
          }
        : undefined,
    ].filter(defined);
    charts.push({
      kind: "stackedBar",
      title: "Power online by generation",
      unit: "W",
      valueLabel: "facility power at the end of the year",
      categories: years,
      series: gens.map((g) => ({
        label: chipName(d, cap, g),
        values: d.years.map((y) => (y.chips[g] ?? 0) * (facilityW.get(g) ?? 0)),
      })),
      markers,
      caption:
        "Chips at the end of each year times each generation's facility power per chip (TDP at average load, server overhead, PUE).",
    });
  }
  const tables: HtmlTable[] = [];
  if (cap) {
    tables.push({
      title: "The fleet under the capacity section's power",
      columns: [
        { key: "gen", label: "generation" },
        { key: "share", label: "share of power", align: "right" },
        { key: "chips", label: "chips", align: "right" },
        { key: "power", label: "facility power", align: "right" },
        { key: "w", label: "facility W per chip", align: "right" },
        { key: "flops", label: "peak BF16", align: "right" },
      ],
      rows: cap.generations.map((g) => ({
        gen: g.name,
        share: formatQuantity(g.share, "fraction"),
        chips: formatQuantity(g.chips.value, "count"),
        power: formatQuantity(g.power.value, "power"),
        w: formatQuantity(g.unit.facilityPeakW.value, "power"),
        flops: g.peakFlops.bf16 ? formatQuantity(g.peakFlops.bf16.value, "computeRate") : "",
      })),
    });
  }
  const figures = [
    outputFigure(ctx, "capacity.deliveredFlopsBf16", { traced: cap?.deliveredFlops.bf16 }),
    outputFigure(ctx, "capacity.homesEU", { traced: cap?.homesEU }),
    outputFigure(ctx, "deal.peakFlopsAtFullRamp", {}),
    outputFigure(ctx, "deal.maxPower", { traced: d?.totals.maxPowerW }),
  ].filter(defined);
  return {
    title: "Capacity",
    intro: ctx.r.limits.capacity ? `Sizing: ${ctx.r.limits.capacity}.` : undefined,
    figures,
    charts,
    tables,
    notes: cap?.notes.length ? cap.notes : undefined,
  };
}

/** Cash flows per party, year by year. */
function cashFlowSection(ctx: Context): HtmlSection | undefined {
  const d = ctx.r.deal;
  if (!d || d.years.length === 0) return undefined;
  const { lab, provider, investor } = d.deal;
  const ys = d.years;
  const series = nonZero([
    { label: `${lab} spend`, values: ys.map((y) => y.labSpendUsd) },
    { label: `${provider} revenue`, values: ys.map((y) => y.providerRevenueUsd) },
    { label: `${provider} cost`, values: ys.map((y) => y.providerCostUsd) },
    { label: `${provider} margin`, values: ys.map((y) => y.providerMarginUsd) },
    ...(investor
      ? [
          { label: `${investor} invests`, values: ys.map((y) => y.investorOutUsd) },
          { label: `${investor} back as revenue`, values: ys.map((y) => y.investorBackUsd) },
        ]
      : []),
  ]);
  const t = d.totals;
  const figures = [
    outputFigure(ctx, "deal.labSpend", { traced: t.labSpend }),
    outputFigure(ctx, "deal.providerMargin", { traced: t.providerMargin }),
    outputFigure(ctx, "deal.investmentWithMilestones", {
      source: ctx.sources.cite(t.investment.sources, t.contingentInvestment.sources),
      note: `${t.investment.formula}; ${t.contingentInvestment.formula}`,
    }),
    {
      label: `NPV for ${lab}`,
      value: money(d.npv.lab.value),
      note: `${d.npv.lab.formula} (discount rate ${formatQuantity(d.discountRate, "fraction")})`,
    },
    d.irr.investor !== undefined
      ? { label: `${investor} IRR`, value: formatQuantity(d.irr.investor, "fraction") }
      : undefined,
  ].filter(defined);
  return {
    title: "Cash flows",
    intro: `Money per party per year, in US$ of each year. ${ctx.r.limits.deal ? `What the compute buys: ${ctx.r.limits.deal}.` : ""}`,
    figures,
    charts: [
      {
        kind: "groupedBar",
        title: "Annual cash flows per party",
        unit: "$",
        valueLabel: "US$ per year",
        categories: ys.map((y) => String(y.year)),
        series,
        caption: `${provider}'s cost is the capacity TCO of the power online; its margin is revenue minus that cost. ${investor ? `${investor}'s money back is ${lab}'s spend with it.` : ""}`,
      },
    ],
    tables: [
      {
        title: "Year by year",
        columns: [
          { key: "year", label: "year" },
          { key: "power", label: "power (end)", align: "right" },
          { key: "spend", label: `${lab} spend`, align: "right" },
          { key: "cost", label: `${provider} cost`, align: "right" },
          { key: "margin", label: `${provider} margin`, align: "right" },
          { key: "out", label: investor ? `${investor} invests` : "investment", align: "right" },
          { key: "back", label: "cumulative back", align: "right" },
          { key: "runs", label: "training runs", align: "right" },
          { key: "tokens", label: "tokens served", align: "right" },
        ],
        rows: ys.map((y) => ({
          year: String(y.year),
          power: formatQuantity(y.powerEndW, "power"),
          spend: money(y.labSpendUsd),
          cost: money(y.providerCostUsd),
          margin: money(y.providerMarginUsd),
          out: money(y.investorOutUsd),
          back: money(y.cumulative.investorBackUsd),
          runs: formatNumber(y.trainingRuns, 3),
          tokens: formatQuantity(y.tokensServed, "tokens"),
        })),
      },
    ],
    notes: d.notes.length ? d.notes : undefined,
  };
}

/** Costs: the fleet's capital by line item, its running cost per year, and per chip-hour. */
function costSection(ctx: Context): HtmlSection | undefined {
  const cap = ctx.r.capacity;
  if (!cap) return undefined;
  const gens = cap.generations;
  const names = gens.map((g) => g.name);
  const per = (pick: (g: (typeof gens)[number]) => number) => gens.map(pick);
  const hours = SECONDS_PER_YEAR / SECONDS_PER_HOUR;
  const price = value(ctx.s.hardware?.pricePerChipHour);
  const charts: ChartSpec[] = [
    {
      kind: "stackedBar",
      title: "Capital cost by line item",
      unit: "$",
      valueLabel: "US$",
      categories: names,
      series: nonZero([
        { label: "accelerators", values: per((g) => g.chips.value * g.unit.capex.accelerator.value) },
        { label: "other server parts", values: per((g) => g.chips.value * g.unit.capex.servers.value) },
        { label: "network", values: per((g) => g.chips.value * g.unit.capex.network.value) },
        { label: "facility", values: per((g) => g.chips.value * g.unit.capex.facility.value) },
      ]),
      caption: `Chips of each generation times its capital cost per chip; ${cap.capex.total.formula}.`,
    },
    {
      kind: "stackedBar",
      title: "Running cost per year",
      unit: "$",
      valueLabel: "US$ per year",
      categories: names,
      series: nonZero([
        { label: "depreciation", values: per((g) => g.chips.value * g.unit.perYear.depreciation.value) },
        {
          label: "cost of capital",
          values: per((g) => g.chips.value * g.unit.perYear.costOfCapital.value),
        },
        { label: "electricity", values: per((g) => g.chips.value * g.unit.perYear.electricity.value) },
      ]),
      caption: `The whole fleet for a year; ${cap.perYear.total.formula}.`,
    },
    {
      kind: "stackedBar",
      title: "Cost per chip-hour",
      unit: "$/h",
      valueLabel: "US$ per chip-hour",
      categories: names,
      series: nonZero([
        { label: "depreciation", values: per((g) => g.unit.perYear.depreciation.value / hours) },
        { label: "cost of capital", values: per((g) => g.unit.perYear.costOfCapital.value / hours) },
        { label: "electricity", values: per((g) => g.unit.perYear.electricity.value / hours) },
      ]),
      markers:
        price !== undefined
          ? [
              {
                value: price * SECONDS_PER_HOUR,
                label: `price paid ${formatMoney(price * SECONDS_PER_HOUR)}/h`,
              },
            ]
          : undefined,
      caption: "The provider's total cost of ownership per chip-hour against the price the scenario pays.",
    },
  ];
  const cloud = gens.flatMap((g) =>
    g.cloudPrices.map((p) => ({
      gen: g.name,
      system: p.system,
      kind: p.kind,
      price: `${formatMoney(p.usdPerChipHour)}/h`,
      tco: `${formatMoney(g.unit.tcoPerChipHour.value)}/h`,
      where: [p.region, p.date].filter(defined).join(", "),
      sources: ctx.sources.cite(p.sources) ?? "",
    })),
  );
  const capex = cap.capex;
  return {
    title: "Costs",
    figures: [
      outputFigure(ctx, "capacity.capex", { traced: capex.total }),
      {
        label: "Running cost per year",
        value: formatMoney(cap.perYear.total.value),
        note: cap.perYear.total.formula,
        source: ctx.sources.cite(cap.perYear.total.sources),
      },
      outputFigure(ctx, "capacity.tcoPerChipHour", { traced: cap.tcoPerChipHour }),
      outputFigure(ctx, "serving.usdPerMOutputAtTco", {}),
    ].filter(defined),
    charts,
    tables: [
      {
        title: "Capital cost",
        columns: [
          { key: "item", label: "line item" },
          { key: "value", label: "US$", align: "right" },
          { key: "formula", label: "arithmetic" },
        ],
        rows: (
          [
            ["accelerators", capex.accelerators],
            ["other server parts", capex.servers],
            ["network", capex.network],
            ["facility", capex.facility],
            ["total", capex.total],
          ] as const
        ).map(([item, t]) => ({ item, value: formatMoney(t.value), formula: t.formula })),
      },
      ...(cloud.length
        ? [
            {
              title: "TCO per chip-hour beside cloud prices",
              columns: [
                { key: "gen", label: "generation" },
                { key: "tco", label: "TCO", align: "right" as const },
                { key: "system", label: "system" },
                { key: "price", label: "price", align: "right" as const },
                { key: "kind", label: "kind" },
                { key: "where", label: "region, date" },
                { key: "sources", label: "sources" },
              ],
              rows: cloud,
            },
          ]
        : []),
    ],
  };
}

/**
 * Short labels of training strategies for a chart's axis, which a phone leaves little room:
 * the parallel degrees above 1 ("TP8 PP4 DP64"), with the micro-batch, ZeRO stage and
 * recomputation added only where the degrees alone would not tell two strategies apart.
 */
function strategyLabels(shown: TrainingEstimate[]): string[] {
  const degrees = shown.map(({ strategy: s }) =>
    (
      [
        ["TP", s.tp],
        ["PP", s.pp],
        ["VP", s.vp],
        ["DP", s.dp],
        ["CP", s.cp],
        ["EP", s.ep],
      ] as const
    )
      .filter(([k, v]) => v > 1 || k === "DP")
      .map(([k, v]) => `${k}${v}`)
      .join(" "),
  );
  return shown.map((e, i) =>
    degrees.indexOf(degrees[i]!) === degrees.lastIndexOf(degrees[i]!)
      ? degrees[i]!
      : `${degrees[i]} mb${e.strategy.microBatch} Z${e.strategy.zero} ${e.strategy.recompute}`,
  );
}

/** The strategies shown, in full, with their step time, memory and MFU. */
function strategyTable(shown: TrainingEstimate[], labels: string[]): HtmlTable {
  const cols: [string, string][] = [
    ["label", "strategy"],
    ...STRATEGY_COLUMNS,
    ["step", "step"],
    ["memory", "memory"],
    ["mfu", "MFU"],
    ["bound", "bound"],
  ];
  return {
    title: "Strategies, fastest first",
    columns: cols.map(([key, label]) => ({ key, label })),
    rows: shown.map((e, i) => ({
      label: labels[i],
      ...strategyCells(e.strategy),
      step: formatQuantity(e.time.step, "time"),
      memory: formatQuantity(e.memory.total, "bytes"),
      mfu: formatQuantity(e.mfu, "fraction"),
      bound: e.bound,
    })),
  };
}

/** Step-time components with their colours: computation first, then communication, then fixed costs. */
const STEP_PARTS: [keyof TrainingEstimate["time"], string, string][] = [
  ["matmul", "matmuls", "#0072B2"],
  ["attention", "attention", "#56B4E9"],
  ["memoryBound", "memory-bound ops", "#009E73"],
  ["recompute", "recompute", "#F0E442"],
  ["tp", "TP collectives", "#E69F00"],
  ["cp", "CP ring", "#CC79A7"],
  ["ep", "EP all-to-all", "#D55E00"],
  ["pp", "PP sends", "#8C564B"],
  ["bubble", "pipeline bubble", "#444444"],
  ["dp", "DP exposed", "#7F7F7F"],
  ["optimizer", "optimizer", "#B8B8B8"],
  ["overhead", "overhead", "#DDDDDD"],
];

const MEMORY_PARTS: [keyof TrainingEstimate["memory"], string][] = [
  ["weights", "weights"],
  ["gradients", "gradients"],
  ["optimizer", "optimizer state"],
  ["activations", "activations"],
  ["logits", "logits"],
  ["buffers", "buffers"],
  ["reserve", "reserve"],
];

/** Training: the step-time and memory breakdowns of the best strategies. */
function trainingSection(ctx: Context): HtmlSection | undefined {
  const t = ctx.r.training;
  if (!t) return undefined;
  const best = t.estimate;
  const shown = t.search?.top.length ? t.search.top : [best];
  const cats = strategyLabels(shown);
  const where = `${ctx.r.model?.name ?? ctx.r.model?.id ?? "the model"} on ${formatNumber(ctx.r.chips ?? 0)} chips of ${ctx.r.system?.name ?? "the system"}`;
  const capacity = best.memory.capacity;
  const run = best.run;
  const figures = [
    outputFigure(ctx, "training.mfu", {
      limit: `step bound by ${best.bound}`,
      source: ctx.sources.cite(ctx.r.model?.sources),
      note: `strategy ${cats[0]}`,
    }),
    outputFigure(ctx, "training.stepTime", {
      note: `${formatQuantity(best.tokensPerStep, "tokens")} per step, ${best.microBatches} micro-batches per pipeline`,
    }),
    outputFigure(ctx, "training.tokensPerSecondPerChip", {}),
    outputFigure(ctx, "training.timeToTrain", {
      note: run ? `${formatQuantity(run.tokens, "tokens")} in ${formatNumber(run.steps)} steps` : undefined,
    }),
    outputFigure(ctx, "training.cost", { note: run?.priceNote }),
    outputFigure(ctx, "training.energy", { note: run?.powerNote }),
  ].filter(defined);
  const search = t.search;
  return {
    title: "Training",
    intro: `${where}, ${formatQuantity(ctx.s.training?.seq ?? 0, "tokens").replace(/ tokens$/, "")}-token sequences, ${formatNumber(best.batchSeqs)} sequences per batch. ${
      search
        ? `Best of ${formatNumber(search.evaluated)} strategies timed (${formatNumber(search.prunedMemory)} more did not fit in memory); the fastest ${shown.length} are shown, fastest first.`
        : "The strategy is the scenario's."
    }`,
    figures,
    charts: [
      {
        kind: "horizontalStackedBar",
        title: "Step time by component",
        unit: "s",
        valueLabel: "seconds per optimizer step",
        categories: cats,
        series: nonZero(
          STEP_PARTS.map(([k, label, color]) => ({ label, color, values: shown.map((e) => e.time[k]) })),
        ),
        caption:
          "Communication is the part not hidden behind compute. TP tensor, PP pipeline, VP virtual stages, DP data, CP context, EP expert parallel.",
      },
      {
        kind: "horizontalStackedBar",
        title: "Memory per chip against HBM",
        unit: "B",
        valueLabel: "bytes per chip (most loaded pipeline stage)",
        categories: cats,
        series: nonZero(MEMORY_PARTS.map(([k, label]) => ({ label, values: shown.map((e) => e.memory[k]) }))),
        markers: [{ value: capacity, label: `HBM ${formatQuantity(capacity, "bytes")}`, color: "#D55E00" }],
        caption: `The best strategy uses ${formatQuantity(best.memory.total, "bytes")} of ${formatQuantity(capacity, "bytes")}.`,
      },
    ],
    tables: [strategyTable(shown, cats)],
    notes: [`MFU convention: ${best.flopConvention}.`],
  };
}

/** Serving: the throughput-latency curve, the decode step and the memory of a chip. */
function servingSection(ctx: Context, curve: ServingPoint[] | undefined): HtmlSection | undefined {
  const e = ctx.r.serving;
  if (!e) return undefined;
  const slo = ctx.s.serving?.slo;
  const charts: ChartSpec[] = [];
  if (curve?.length) {
    const layout = curve[0]!.layout;
    charts.push({
      kind: "line",
      title: "Throughput against time per output token",
      unit: "tokens/s",
      valueLabel: "output tokens/s per chip",
      xUnit: "s",
      xLabel: "time per output token",
      // The scenario's point first, so that it is drawn over the curve it lies on.
      series: [
        {
          label: `this scenario (batch ${e.batch})`,
          points: [[e.tpotS, e.throughput.outputTokensPerSPerChip]],
          color: "#D55E00",
        },
        {
          label: `TP${layout.tp}${layout.pp > 1 ? ` PP${layout.pp}` : ""}${layout.ep > 1 ? ` EP${layout.ep}` : ""}, batch 1 to ${curve.at(-1)!.batch}`,
          points: curve.map((p) => [p.tpotS, p.outputTokensPerSPerChip]),
          color: "#0072B2",
        },
      ],
      markers: slo?.tpot
        ? [{ value: slo.tpot, label: `TPOT target ${formatQuantity(slo.tpot, "time")}` }]
        : [],
      caption:
        "Each point is a batch size (1, 2, 4, ... up to the largest that fits the KV cache) at steady state.",
    });
  }
  const step = (b: typeof e.decode) => {
    const memory = b.weightsS + b.kvS;
    return { ...b, computeBeyond: Math.max(0, b.computeS - memory) };
  };
  const steps = [step(e.decode), step(e.prefill)];
  charts.push({
    kind: "horizontalStackedBar",
    title: "Decode and prefill steps by component",
    unit: "s",
    valueLabel: "seconds per step",
    categories: [`decode step (batch ${e.batch})`, "prefill of one request"],
    series: nonZero([
      { label: "reading weights", values: steps.map((b) => b.weightsS) },
      { label: "reading KV cache", values: steps.map((b) => b.kvS) },
      { label: "compute beyond memory time", values: steps.map((b) => b.computeBeyond) },
      { label: "TP all-reduce", values: steps.map((b) => b.allReduceS) },
      { label: "pipeline", values: steps.map((b) => b.pipelineS) },
      { label: "overhead", values: steps.map((b) => b.overheadS) },
    ]),
    caption: `Compute overlaps the memory reads: only the part beyond them adds time. The decode step is bound by ${e.decode.bound}, prefill by ${e.prefill.bound}.`,
  });
  const m = e.memory;
  charts.push({
    kind: "horizontalStackedBar",
    title: "Memory per chip against HBM",
    unit: "B",
    valueLabel: "bytes per chip",
    categories: [`TP${e.layout.tp}${e.layout.pp > 1 ? ` PP${e.layout.pp}` : ""}, batch ${e.batch}`],
    series: nonZero([
      { label: "weights", values: [m.weightsBytes] },
      { label: "workspace", values: [m.workspaceBytes] },
      { label: "KV cache in use", values: [m.kvUsedBytes] },
      { label: "KV cache free", values: [Math.max(0, m.kvCapacityBytes - m.kvUsedBytes)] },
    ]),
    markers: [
      { value: m.capacityBytes, label: `HBM ${formatQuantity(m.capacityBytes, "bytes")}`, color: "#D55E00" },
    ],
    caption: `The runtime may use ${formatQuantity(m.usableBytes, "bytes")} of it; the largest batch that fits is ${formatNumber(e.maxBatch)}.`,
  });
  const figures = [
    outputFigure(ctx, "serving.usdPerMOutput", { note: servingCostNote(ctx) }),
    outputFigure(ctx, "serving.usdPerMInput", {}),
    outputFigure(ctx, "serving.tpot", {
      limit: ctx.r.limits.serving,
      note: slo?.tpot ? `target ${formatQuantity(slo.tpot, "time")}` : undefined,
    }),
    outputFigure(ctx, "serving.ttft", {
      note: slo?.ttft ? `target ${formatQuantity(slo.ttft, "time")}` : undefined,
    }),
    outputFigure(ctx, "serving.outputTokensPerSecondPerChip", {}),
    outputFigure(ctx, "deal.outputTokensPerYear", {}),
  ].filter(defined);
  return {
    title: "Serving",
    intro: `${ctx.r.model?.name ?? e.model} on ${formatNumber(e.chips)} chips of ${ctx.r.system?.name ?? e.system}: ${formatNumber(e.layout.replicas)} replicas of ${formatNumber(e.layout.chipsPerReplica)} chips, ${e.precisions.weights} weights, ${formatNumber(e.input)} input and ${formatNumber(e.output)} output tokens per request.`,
    figures,
    charts,
    notes: e.notes.length ? e.notes : undefined,
  };
}

/** Histogram of one output's samples, in the unit its text uses. */
function histogram(name: string, d: Distribution): ChartSpec {
  const f = outputFormat(name);
  const k = f.scale ?? 1;
  return {
    kind: "histogram",
    title: f.label,
    unit: f.unit,
    valueLabel: lowerFirst(f.label),
    samples: k === 1 ? d.samples : d.samples.map((v) => v * k),
    caption: `p5 ${f.text(d.p5)}, p50 ${f.text(d.p50)}, p95 ${f.text(d.p95)}.`,
    height: 240,
  };
}

/** Uncertainty: distributions of the key outputs, tornadoes, every output's range, the inputs sampled. */
function uncertaintySection(ctx: Context, tornado: Tornado[] | undefined): HtmlSection | undefined {
  const mc = ctx.mc;
  if (!mc && !tornado?.length) return undefined;
  const inputs = uncertainInputs(ctx.s);
  const charts: ChartSpec[] = [];
  if (mc) {
    for (const name of KEY_OUTPUTS) {
      const d = distribution(ctx, name);
      if (d) charts.push(histogram(name, d));
    }
  }
  for (const t of tornado ?? []) {
    const f = outputFormat(t.output);
    const k = f.scale ?? 1;
    charts.push({
      kind: "tornado",
      title: `What moves ${lowerFirst(f.label)}`,
      unit: f.unit,
      valueLabel: lowerFirst(f.label),
      base: t.base * k,
      // Inputs that leave this output where it is say nothing here (the inputs table lists them all).
      rows: t.rows
        .filter((r) => r.swing > 0 || r.nonFinite)
        .map((r) => ({
          input: r.input,
          outputAtLow: r.outputAtLow * k,
          outputAtHigh: r.outputAtHigh * k,
        })),
      inputLabels: Object.fromEntries(
        t.rows.map((r) => [r.input, tornadoLabel(r.input, r.low, r.high, ctx.s)]),
      ),
      caption: `Each input at its low and high bound with the others at nominal; base ${f.text(t.base)}.`,
    });
  }
  const tables: HtmlTable[] = [];
  if (mc) {
    tables.push({
      title: "Every output",
      columns: [
        { key: "output", label: "output" },
        { key: "nominal", label: "nominal", align: "right" },
        { key: "p5", label: "p5", align: "right" },
        { key: "p50", label: "p50", align: "right" },
        { key: "p95", label: "p95", align: "right" },
      ],
      rows: Object.entries(mc.outputs).map(([name, d]) => {
        const f = outputFormat(name);
        const nominal = ctx.r.outputs[name];
        const show = (v: number) => (d.finite > 0 ? f.text(v) : "n/a");
        return {
          output: `${f.label} (${name})`,
          nominal: nominal !== undefined ? f.text(nominal) : "",
          p5: show(d.p5),
          p50: show(d.p50),
          p95: show(d.p95),
        };
      }),
    });
  }
  const paths = Object.keys(inputs);
  if (paths.length) {
    tables.push({
      title: "Uncertain inputs",
      columns: [
        { key: "input", label: "input" },
        { key: "dist", label: "distribution" },
        { key: "range", label: "bounds", align: "right" },
      ],
      rows: paths.map((p) => {
        const [lo, hi] = bounds(inputs[p]!);
        ctx.sources.cite(sourcesIn(inputs[p]));
        return {
          input: inputName(p, ctx.s) === p ? p : `${inputName(p, ctx.s)} (${p})`,
          dist: describeUncertain(inputs[p]!),
          range: `${inputText(inputs[p]!.kind, lo)} to ${inputText(inputs[p]!.kind, hi)}`,
        };
      }),
    });
  }
  const notes = [
    mc
      ? `${formatNumber(mc.samples)} samples, seed ${mc.seed}: the same seed gives the same report.`
      : undefined,
    ...(mc?.warnings ?? []),
  ].filter(defined);
  return {
    title: "Uncertainty",
    intro:
      "How sure the figures are: the distribution of each key output over the Monte Carlo samples, and the inputs that move the outputs most.",
    charts,
    tables,
    notes: notes.length ? notes : undefined,
  };
}

function verdictText(c: ClaimResult): string {
  if (c.verdict === "holds" || c.verdict === "unchecked" || c.off === undefined) return c.verdict;
  const isDate = /off by \d+(\.\d+)? (years|months)$/.exec(c.computation);
  const by = isDate
    ? isDate[0].replace(/^off by /, "")
    : `${c.off > 0 ? "+" : ""}${formatNumber(c.off * 100, 2)}%`;
  return `${c.verdict} (${by})`;
}

/** Claims of the reports, checked against the evaluation and the catalog. */
function claimsSection(ctx: Context, claims: ClaimResult[] | undefined): HtmlSection | undefined {
  if (!claims?.length) return undefined;
  const count = (v: ClaimResult["verdict"]) => claims.filter((c) => c.verdict === v).length;
  const figures: KeyFigure[] = (["holds", "off", "contradicted", "unchecked"] as const)
    .filter((v) => count(v) > 0)
    .map((v) => ({ label: v === "holds" ? "claims that hold" : `claims ${v}`, value: String(count(v)) }));
  return {
    title: "Claims",
    intro:
      "Quantitative claims from the reports, each checked against what the scenario computes or what the catalog records, with the computation behind the verdict.",
    figures,
    tables: [
      {
        columns: [
          { key: "claim", label: "claim" },
          { key: "verdict", label: "verdict" },
          { key: "computation", label: "computation" },
          { key: "sources", label: "sources" },
        ],
        rows: claims.map((c) => ({
          claim: c.text,
          verdict: verdictText(c),
          computation: c.computation,
          sources: ctx.sources.cite(c.sources) ?? "",
        })),
      },
    ],
  };
}

/** Every source the report cites, with its title, date and address. */
function sourcesSection(ctx: Context): HtmlSection | undefined {
  const ids = ctx.sources.all();
  if (ids.length === 0) return undefined;
  const missing: string[] = [];
  const rows = ids.map((id) => {
    const s = ctx.sources.lookup(id);
    if (!s) missing.push(id);
    return { id, title: s?.title ?? "(not found)", date: s?.date ?? "", address: s?.address ?? "" };
  });
  return {
    title: "Sources",
    intro: "The scenario's own sources, then every catalog source a figure, input or claim above cites.",
    tables: [
      {
        columns: [
          { key: "id", label: "id" },
          { key: "title", label: "title" },
          { key: "date", label: "date" },
          { key: "address", label: "address" },
        ],
        rows,
      },
    ],
    notes: missing.length
      ? [`Cited but found neither in the scenario nor in the catalogs: ${missing.join(", ")}.`]
      : undefined,
  };
}

/**
 * The HTML report of a scenario: headline figures with their ranges, sources and limits; the
 * capacity ramp by generation; cash flows per party; cost breakdowns; training step-time and
 * memory breakdowns; the serving curve; distributions and tornadoes; checked claims; sources.
 * Parts of the chain the scenario lacks are left out.
 *
 * @example
 * ```ts
 * const result = evaluateScenario(scenario);
 * const html = renderHtmlReport(scenarioHtmlSpec({ result, monteCarlo, tornado, claims, curve }));
 * ```
 */
export function scenarioHtmlSpec(input: ScenarioHtmlInput): HtmlReportSpec {
  const { result, monteCarlo } = input;
  const s = result.scenario;
  const ctx: Context = {
    r: result,
    s,
    mc: monteCarlo,
    sources: new Sources(s, input.catalog ?? defaultCatalog()),
  };
  const sections = [
    headlineSection(ctx),
    capacitySection(ctx),
    cashFlowSection(ctx),
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
