/**
 * Deal cash flows per year: vintages of capacity online by generation, the FLOP they deliver, the
 * lab's spend (usage at the deal's price, never below the take-or-pay floor), the provider's
 * revenue, costs (depreciation, electricity, other opex; capital apart) and margin, the
 * investor's cash out and back and its stake, NPV and IRR, and what the compute buys.
 */
import { type ChipEconomics, chipEconomics } from "../capacity/chip.js";
import { type EconomicsOverrides, type Params, resolveParams } from "../capacity/params.js";
import type { Catalog, ChipSpec } from "../catalog/catalog.js";
import { catalog as defaultCatalog } from "../catalog/catalog.js";
import type { Economics } from "../catalog/economics.js";
import type { Precision } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape, forwardFlopsPerToken } from "../llm/architecture.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { fmt, type Traced, traced } from "../units/traced.js";
import { averageOnline, installedIn, onlineAt, type Vintage, vintagesOf } from "./cohorts.js";
import { decimalYear } from "./dates.js";
import { irr, npv } from "./finance.js";
import { commitmentSchedule } from "./schedule.js";
import { type StakeHistory, stakeHistory } from "./stakes.js";
import type { Deal, Tranche } from "./types.js";
import { validateDeal } from "./validate.js";

/** Options of `evaluateDeal()`. */
export interface DealOptions extends EconomicsOverrides {
  catalog?: Catalog;
  economics?: Economics;
  /** Price per chip (a server's cost per accelerator), US$, by chip id. */
  chipPricesUsd?: Record<string, number>;
  /** TDP by chip id, W, for chips whose ramp phase states none. */
  chipTdpW?: Record<string, number>;
  /** Discount rate for NPV (default: the cost of capital). */
  discountRate?: number;
  /** Count milestone (contingent) tranches as paid (default false). */
  includeContingent?: boolean;
  /** Share of the FLOP delivered that goes to training (the rest serves tokens); default 0.5, a stated assumption. */
  trainingShare?: number;
  /** Training FLOP of one run of the scenario's own model (default: the frontier run of each year). */
  modelRunFlop?: number;
  /** The reference frontier run the trend grows from (economics.frontierRuns id; default "grok-3"). */
  frontierRun?: string;
  /** Growth of frontier training compute per year (default: economics.json's). */
  frontierGrowth?: number;
  /** Precision the training work runs at (default bf16). */
  precision?: Precision;
  /** Catalog model served (default "llama-3.1-405b"), at `servingContext` tokens of context (default 4096). */
  servedModel?: string;
  servingContext?: number;
  /** Value of the lab at the end, US$ per 100% (default: the latest post-money valuation). */
  terminalValuationUsd?: number;
  /** New capacity at full build, W: scales the ramp's new phases (the scenario's capacity section). */
  newPowerW?: number;
  /** Where errors point (default "deal"; a catalog deal uses its id). */
  location?: string;
}

/** One year of a deal. Money in US$, power in W (facility power at full load), compute in FLOP. */
export interface DealYear {
  year: number;
  /** Average facility power online over the year. */
  powerW: number;
  /** Facility power online at the end of the year, and how much of it came with this deal. */
  powerEndW: number;
  newPowerEndW: number;
  /** Chips online at the end of the year, by generation. */
  chips: Record<string, number>;
  /** FLOP delivered at the training precision, and at BF16 and FP8 (a chip without FP8 counts its BF16). */
  flop: number;
  flopBf16: number;
  flopFp8: number;
  /** The commitment schedule's dollars for the year, and the take-or-pay floor they set. */
  scheduledUsd: number;
  floorUsd: number;
  /** The capacity used, at the deal's price. */
  usageUsd: number;
  labSpendUsd: number;
  providerRevenueUsd: number;
  /** The provider's operating cost: depreciation + electricity + other opex (0 for vendor deals). */
  providerCostUsd: number;
  depreciationUsd: number;
  electricityUsd: number;
  opexUsd: number;
  /** Cost of the capital tied up (annuity less depreciation), apart from the operating cost. */
  capitalChargeUsd: number;
  /** Revenue - operating cost. */
  providerMarginUsd: number;
  /** Capex spent in the year (new capacity and refreshes). */
  capexUsd: number;
  /** The provider's cash: revenue - electricity - opex - capex. */
  providerCashUsd: number;
  investorOutUsd: number;
  /** Money back to the investor as its revenue from the lab (when investor = provider). */
  investorBackUsd: number;
  /** The investor's stake at the end of the year and its value at the latest post-money. */
  stake: number;
  stakeValueUsd: number;
  cumulative: {
    labSpendUsd: number;
    investorOutUsd: number;
    investorBackUsd: number;
    providerMarginUsd: number;
  };
  /** Runs of the scenario's model (or of that year's frontier run when none is given). */
  trainingRuns: number;
  /** Runs of that year's frontier run, on the frontier trend. */
  frontierRuns: number;
  frontierRunFlop: number;
  tokensServed: number;
}

/** One generation of chips in the deal, with its unit economics. */
export interface DealGeneration {
  chip: string;
  unit: ChipEconomics;
}

/** The evaluation of a deal. */
export interface DealResult {
  deal: Deal;
  years: DealYear[];
  vintages: (Vintage & { unit: ChipEconomics })[];
  totals: {
    labSpend: Traced;
    /** Binding commitments (and options), apart from vendor estimates. */
    committedSpend: Traced;
    estimatedSpend: Traced;
    investment: Traced;
    contingentInvestment: Traced;
    providerRevenue: Traced;
    providerCost: Traced;
    providerMargin: Traced;
    /** Operating margin as a share of revenue. */
    providerMarginShare: Traced;
    capitalCharge: Traced;
    /** Margin after the cost of capital. */
    economicProfit: Traced;
    capex: Traced;
    investorBack: Traced;
    /** Share of the investment that comes back to the investor as revenue. */
    circularity: Traced;
    /** Lab spend per GW-year delivered. */
    impliedUsdPerWYear?: Traced;
    /** Provider's operating cost per GW-year delivered. */
    costUsdPerWYear?: Traced;
    gwYears: Traced;
    flop: Traced;
    stake: Traced;
    stakeValue: Traced;
    maxPowerW: Traced;
    newPowerW: Traced;
    existingPowerW: Traced;
  };
  stakeHistory: StakeHistory;
  npv: { lab: Traced; provider?: Traced; investor?: Traced; equity?: Traced };
  irr: { investor?: number; provider?: number; equity?: number };
  discountRate: number;
  generations: DealGeneration[];
  compute: {
    frontierRun: string;
    frontierRunFlop: number;
    frontierRunYear: number;
    frontierGrowth: number;
    modelRunFlop?: number;
    servedModel: string;
    flopPerToken: number;
    trainingShare: number;
    precision: Precision;
    mfu: number;
  };
  /** The year the ramp completes (the first full year at its last power). */
  fullRampYear: number;
  notes: string[];
}

/** Scales the ramp's new phases so the new capacity at full build is `newPowerW`. */
export function scaleRamp(deal: Deal, newPowerW: number): Deal {
  const existing = deal.ramp.filter((r) => r.existing).at(-1)?.powerW ?? 0;
  const last = deal.ramp.at(-1)?.powerW ?? 0;
  const planned = last - existing;
  if (planned <= 0) return deal;
  const k = newPowerW / planned;
  return {
    ...deal,
    committedPowerW:
      deal.committedPowerW !== undefined ? Math.max(deal.committedPowerW, newPowerW) : undefined,
    ramp: deal.ramp.map((r) => (r.existing ? r : { ...r, powerW: existing + (r.powerW - existing) * k })),
  };
}

const fmtYear = (t: number) => String(Math.floor(t));

const peakOf = (c: ChipSpec, p: Precision) =>
  c.peakFlops[p] ?? (p === "fp8" || p === "fp4" ? c.peakFlops.bf16 : undefined) ?? 0;

/**
 * Evaluates a deal year by year.
 *
 * @example evaluateDeal(catalogDeal("amazon-anthropic")).totals.providerMargin
 */
export function evaluateDeal(input: Deal, opts: DealOptions = {}): DealResult {
  const cat = opts.catalog ?? defaultCatalog();
  const location = opts.location ?? "deal";
  validateDeal(input, cat, location);
  const deal = opts.newPowerW !== undefined ? scaleRamp(input, opts.newPowerW) : input;
  const params: Params = resolveParams(opts, { economics: opts.economics, location });
  const notes: string[] = [...deal.notes];
  const discountRate = opts.discountRate ?? params.costOfCapital.value;
  if (!(discountRate > -1 && discountRate < 1))
    throw new InputError(`discount rate is ${discountRate}`, {
      location: `${location}.discountRate`,
      hint: "a rate per year such as 8%",
    });
  const trainingShare = opts.trainingShare ?? 0.5;
  if (!(trainingShare >= 0 && trainingShare <= 1))
    throw new InputError(`training share is ${trainingShare}`, {
      location: `${location}.trainingShare`,
      hint: "between 0 and 1",
    });
  if (opts.trainingShare === undefined)
    notes.push(
      "half of the FLOP is counted for training and half for serving (stated assumption; Semafor reports most Rainier chips serve, training runs at night)",
    );
  const precision = opts.precision ?? "bf16";

  // Vintages and their unit economics.
  const units = new Map<string, ChipEconomics>();
  const unitOf = (chip: ChipSpec, stated?: number, at = `${location}.ramp`) => {
    const tdpW = stated ?? opts.chipTdpW?.[chip.id];
    const key = `${chip.id}@${tdpW ?? ""}`;
    let u = units.get(key);
    if (!u) {
      u = chipEconomics(chip, params, {
        tdpW,
        priceUsd: opts.chipPricesUsd?.[chip.id],
        location: `${at}.chip`,
      });
      units.set(key, u);
    }
    return u;
  };
  // Refreshes follow FLOP per watt at FP8, the precision new generations are built for (a chip
  // without FP8 counts its BF16): Trainium3 gains at MXFP8 what it loses at BF16.
  const flopPerWatt = (chip: ChipSpec, tdpW?: number) =>
    chip.tdpW === undefined && tdpW === undefined && opts.chipTdpW?.[chip.id] === undefined
      ? 0
      : peakOf(chip, "fp8") / unitOf(chip, tdpW).facilityPeakW.value;
  const lifeYears = params.serverLifeS.value / SECONDS_PER_YEAR;
  const vintages = vintagesOf(deal, cat, lifeYears, flopPerWatt).map((v) => ({
    ...v,
    unit: unitOf(v.chip, v.tdpW, `${location}.ramp[${v.rampIndex}]`),
  }));
  const facilityLifeYears = params.facilityLifeS.value / SECONDS_PER_YEAR;
  for (const v of vintages) {
    if (v.refreshes === undefined) continue;
    const old = vintages[v.refreshes]!;
    const per = (x: typeof v, p: Precision) => peakOf(x.chip, p) / x.unit.facilityPeakW.value;
    const bf16 = per(v, "bf16") / per(old, "bf16");
    if (old.chip.id !== v.chip.id && bf16 < 0.99)
      notes.push(
        `${v.chip.name} refreshes ${old.chip.name} from ${fmtYear(v.install.from)}: ${fmt(per(v, "fp8") / per(old, "fp8") - 1, "fraction")} more FP8 FLOP per watt, but ${fmt(1 - bf16, "fraction")} less at BF16 (its BF16 rate barely changed while its power grew)`,
      );
  }

  // What the compute buys: the scenario's model, and the frontier run on its trend.
  const eco = params.economics;
  const runId = opts.frontierRun ?? "grok-3";
  const base = eco.frontierRun(runId);
  if (!base)
    throw new InputError(`unknown frontier run "${runId}"`, {
      location: `${location}.frontierRun`,
      hint: `one of ${Object.keys(eco.file.frontierRuns).join(", ")}`,
    });
  const growth = opts.frontierGrowth ?? eco.fact("frontierComputeGrowth").value;
  if (!(growth >= 1 && growth <= 100))
    throw new InputError(`frontier compute grows ${growth}x a year`, {
      location: `${location}.frontierGrowth`,
      hint: "a growth of 1x (flat) to 100x a year",
    });
  const baseYear = eco.file.frontierRuns[runId]!.year;
  const frontierFlop = (y: number) => base.value * growth ** (y + 0.5 - baseYear);
  if (opts.modelRunFlop !== undefined && !(opts.modelRunFlop > 0))
    throw new InputError(`a training run of ${opts.modelRunFlop} FLOP`, {
      location: `${location}.modelRunFlop`,
      hint: "above 0 FLOP",
    });
  const servedModel = opts.servedModel ?? "llama-3.1-405b";
  const model = cat.model(servedModel, `${location}.servedModel`);
  const flopPerToken = forwardFlopsPerToken(architectureShape(model), opts.servingContext ?? 4096).total;
  const mfu = params.mfu.value;

  // Years, capacity and the commitment schedule.
  const years: number[] = [];
  for (let y = deal.startYear; y <= deal.endYear; y++) years.push(y);
  const powerByYear = years.map((y) => vintages.reduce((s, v) => s + averageOnline(v, y), 0));
  const schedule = commitmentSchedule(deal.commitments, years, powerByYear);
  notes.push(...schedule.notes);

  const includeContingent = opts.includeContingent ?? false;
  const investorOf = (t: Tranche) => t.investor ?? deal.investor;
  const investorIsProvider = deal.investor === deal.provider;
  const ownTranches = deal.tranches.filter((t) => investorOf(t) === deal.investor);
  const stakes = stakeHistory(ownTranches, deal.rounds ?? []);
  const stakeAt = (y: number) => {
    const done = stakes.steps.filter((s) => decimalYear(s.date) < y + 1);
    const last = done.at(-1);
    return { stake: last?.stake ?? 0, value: last?.valueUsd ?? 0 };
  };
  const p = deal.pricing;
  const cloud = deal.providerRole === "cloud";
  const rows: DealYear[] = [];
  const cum = { labSpendUsd: 0, investorOutUsd: 0, investorBackUsd: 0, providerMarginUsd: 0 };
  // Facility capex per watt of facility power: the building outlives the servers it houses.
  const facilityPerW = params.facilityCapexUsdPerW.value / params.pue.value;
  const facilityOnline = (v: Vintage, y: number) =>
    v.refreshes !== undefined
      ? 0
      : averageOnline({ ...v, retire: { from: Infinity, to: Infinity, powerW: 0 } }, y);
  years.forEach((y, i) => {
    let usage = 0;
    let dep = 0;
    let elec = 0;
    let opex = 0;
    let charge = 0;
    let capex = 0;
    let flopBf16 = 0;
    let flopFp8 = 0;
    let flopWork = 0;
    const endPower = new Map<string, number>();
    let newEnd = 0;
    let end = 0;
    for (const v of vintages) {
      const u = v.unit;
      const avgW = averageOnline(v, y);
      const perChipW = u.facilityPeakW.value;
      const avgChips = avgW / perChipW;
      const endW = onlineAt(v, y + 1 - 1e-9);
      endPower.set(v.chip.id, (endPower.get(v.chip.id) ?? 0) + endW);
      end += endW;
      if (!v.existing) newEnd += endW;
      const secondsOfChips = avgChips * SECONDS_PER_YEAR * mfu;
      flopBf16 += secondsOfChips * peakOf(v.chip, "bf16");
      flopFp8 += secondsOfChips * peakOf(v.chip, "fp8");
      flopWork += secondsOfChips * peakOf(v.chip, precision);
      const hwPerW = (u.capex.accelerator.value + u.capex.servers.value + u.capex.network.value) / perChipW;
      const installed = installedIn(v, y);
      if (!cloud) {
        // A vendor sells the systems: the lab pays for the hardware as it is installed.
        usage += installed * hwPerW;
        continue;
      }
      if (p.basis !== "commitment") {
        const age = Math.max(0, y + 0.5 - (v.install.from + v.install.to) / 2);
        const fall = (1 - p.declinePerGeneration) ** v.generation * (1 - p.declinePerYear) ** age;
        usage +=
          p.basis === "gw-year"
            ? avgW * (p.byFamily?.[v.chip.family] ?? p.usdPerWYear) * fall
            : avgChips * (SECONDS_PER_YEAR / 3600) * p.usdPerChipHour * fall;
      }
      const facilityW = facilityOnline(v, y);
      dep += (hwPerW * avgW) / lifeYears + (facilityPerW * facilityW) / facilityLifeYears;
      elec += avgChips * u.electricityPerYear.value;
      opex += (avgW / perChipW) * u.perYear.opex.value;
      charge += avgChips * u.perYear.costOfCapital.value;
      capex += installed * hwPerW + (v.refreshes === undefined ? installed * facilityPerW : 0);
    }
    if (cloud && p.basis === "commitment") usage = schedule.scheduled[i]!;
    const spend = Math.min(
      Math.max(usage, schedule.floor[i]!),
      Math.max(schedule.cap[i]!, schedule.floor[i]!),
    );
    const cost = dep + elec + opex;
    const counted = deal.tranches.filter(
      (t) => Math.floor(decimalYear(t.date)) === y && (includeContingent || !t.contingent),
    );
    const out = counted.reduce((s, t) => s + t.amountUsd, 0);
    const back = investorIsProvider ? spend : 0;
    const chips: Record<string, number> = {};
    for (const [id, w] of endPower) {
      const u = vintages.find((v) => v.chip.id === id)!.unit;
      chips[id] = Math.floor(w / u.facilityPeakW.value + 1e-9);
    }
    cum.labSpendUsd += spend;
    cum.investorOutUsd += out;
    cum.investorBackUsd += back;
    cum.providerMarginUsd += cloud ? spend - cost : 0;
    const flop = precision === "bf16" ? flopBf16 : flopWork;
    const frontier = frontierFlop(y);
    const st = stakeAt(y);
    rows.push({
      year: y,
      powerW: powerByYear[i]!,
      powerEndW: end,
      newPowerEndW: newEnd,
      chips,
      flop,
      flopBf16,
      flopFp8,
      scheduledUsd: schedule.scheduled[i]!,
      floorUsd: schedule.floor[i]!,
      usageUsd: usage,
      labSpendUsd: spend,
      providerRevenueUsd: spend,
      providerCostUsd: cost,
      depreciationUsd: dep,
      electricityUsd: elec,
      opexUsd: opex,
      capitalChargeUsd: charge,
      providerMarginUsd: cloud ? spend - cost : spend,
      capexUsd: capex,
      providerCashUsd: spend - elec - opex - capex,
      investorOutUsd: out,
      investorBackUsd: back,
      stake: st.stake,
      stakeValueUsd: st.value,
      cumulative: { ...cum },
      trainingRuns: (flop * trainingShare) / (opts.modelRunFlop ?? frontier),
      frontierRuns: (flop * trainingShare) / frontier,
      frontierRunFlop: frontier,
      tokensServed: (flopBf16 * (1 - trainingShare)) / flopPerToken,
    });
  });
  if (!cloud)
    notes.push(
      `${deal.provider} sells systems here: the lab pays for the hardware as it is installed; the vendor's cost of goods is not modelled, so its margin is not shown`,
    );
  if (cloud && vintages.length === 0)
    notes.push(
      "no capacity ramp is reported for this deal: its capacity, FLOP and the provider's cost are not modelled",
    );
  if (p.basis === "gw-year" && p.byFamily) {
    const families = [...new Set(vintages.map((v) => v.chip.family))];
    notes.push(
      `the deal's sources give no price: each generation is priced at its market anchor (${families.map((f) => `${f} ${fmt((p.byFamily![f] ?? p.usdPerWYear) * 1e9, "money")}`).join(", ")} per GW-year; economics.json marketPrices)`,
    );
  } else if (p.basis !== "commitment" && p.anchor)
    notes.push(
      `the deal's sources give no price: the market anchor "${p.anchor}" stands in (${fmt(p.basis === "gw-year" ? p.usdPerWYear * 1e9 : p.usdPerChipHour, "money")} per ${p.basis === "gw-year" ? "GW-year" : "chip-hour"})`,
    );
  return totalsOf({
    deal,
    rows,
    vintages,
    units,
    params,
    notes: [...new Set(notes)],
    stakes,
    discountRate,
    includeContingent,
    investorIsProvider,
    terminalValuationUsd: opts.terminalValuationUsd,
    compute: {
      frontierRun: runId,
      frontierRunFlop: base.value,
      frontierRunYear: baseYear,
      frontierGrowth: growth,
      modelRunFlop: opts.modelRunFlop,
      servedModel: model.id,
      flopPerToken,
      trainingShare,
      precision,
      mfu,
    },
  });
}

interface TotalsInput {
  deal: Deal;
  rows: DealYear[];
  vintages: (Vintage & { unit: ChipEconomics })[];
  units: Map<string, ChipEconomics>;
  params: Params;
  notes: string[];
  stakes: StakeHistory;
  discountRate: number;
  includeContingent: boolean;
  investorIsProvider: boolean;
  terminalValuationUsd?: number;
  compute: DealResult["compute"];
}

/** The deal's totals, each traced, and its NPVs and IRRs. */
function totalsOf(a: TotalsInput): DealResult {
  const { deal, rows, vintages, params, notes, stakes, discountRate, investorIsProvider } = a;
  const cloud = deal.providerRole === "cloud";
  const sum = (f: (r: DealYear) => number) => rows.reduce((s, r) => s + f(r), 0);
  const yearsText = `${deal.startYear}-${deal.endYear}`;
  const commitSources = deal.commitments.flatMap((c) => c.sources);
  const rampSources = deal.ramp.flatMap((r) => r.sources);
  const priceSources = deal.pricing.basis === "commitment" ? commitSources : deal.pricing.sources;
  const paid = deal.tranches.filter((t) => !t.contingent);
  const contingent = deal.tranches.filter((t) => t.contingent);
  const list = (ts: readonly { amountUsd: number }[]) =>
    ts.length ? ts.map((t) => fmt(t.amountUsd, "money")).join(" + ") : "none";
  const investment = traced(
    paid.reduce((s, t) => s + t.amountUsd, 0),
    "money",
    () => `tranches paid: ${list(paid)}`,
    paid,
  );
  const contingentInvestment = traced(
    contingent.reduce((s, t) => s + t.amountUsd, 0),
    "money",
    () => `milestone tranches: ${list(contingent)}`,
    contingent,
  );
  const labSpend = traced(
    sum((r) => r.labSpendUsd),
    "money",
    () =>
      deal.pricing.basis === "commitment"
        ? `sum of the commitment schedule ${yearsText} (the deal is priced at its commitment)`
        : `sum over ${yearsText} of max(usage at the deal's price, the take-or-pay floor)`,
    [{ sources: [...commitSources, ...priceSources] }],
  );
  const binding = deal.commitments.filter((c) => c.status !== "estimate");
  const estimates = deal.commitments.filter((c) => c.status === "estimate");
  const commitText = (cs: typeof binding) =>
    cs.map((c) => `${fmt(c.amountUsd, "money")} over ${c.years} years from ${c.startYear}`).join(" + ") ||
    "none";
  const committedSpend = traced(
    binding.reduce((s, c) => s + c.amountUsd, 0),
    "money",
    () => `commitments: ${commitText(binding)}`,
    binding,
  );
  const estimatedSpend = traced(
    estimates.reduce((s, c) => s + c.amountUsd, 0),
    "money",
    () => `vendor sales estimates (not the lab's promise): ${commitText(estimates)}`,
    estimates,
  );
  const unitSources = [...a.units.values()].map((u) => u.perYear.total);
  const providerCost = traced(
    sum((r) => r.providerCostUsd),
    "money",
    () =>
      `depreciation ${fmt(
        sum((r) => r.depreciationUsd),
        "money",
      )} + electricity ${fmt(
        sum((r) => r.electricityUsd),
        "money",
      )} + other opex ${fmt(
        sum((r) => r.opexUsd),
        "money",
      )}`,
    unitSources,
  );
  const providerRevenue = traced(labSpend.value, "money", () => "the lab's spend", [labSpend]);
  const providerMargin = traced(
    cloud ? providerRevenue.value - providerCost.value : providerRevenue.value,
    "money",
    () =>
      cloud
        ? `${fmt(providerRevenue.value, "money")} - ${fmt(providerCost.value, "money")}`
        : "the vendor's revenue (its cost of goods is not modelled)",
    [providerRevenue, providerCost],
  );
  const providerMarginShare = traced(
    // Below a dollar of revenue there is no share to speak of.
    providerRevenue.value >= 1 ? providerMargin.value / providerRevenue.value : 0,
    "fraction",
    () => `${fmt(providerMargin.value, "money")} / ${fmt(providerRevenue.value, "money")}`,
    [providerMargin],
  );
  const capitalCharge = traced(
    sum((r) => r.capitalChargeUsd),
    "money",
    () => `cost of capital at ${fmt(params.costOfCapital.value, "percentPerYear")} on the capital in service`,
    [params.costOfCapital],
  );
  const economicProfit = traced(
    providerMargin.value - capitalCharge.value,
    "money",
    () => `${fmt(providerMargin.value, "money")} - ${fmt(capitalCharge.value, "money")}`,
    [providerMargin, capitalCharge],
  );
  const capex = traced(
    sum((r) => r.capexUsd),
    "money",
    () => "capex of the capacity installed and refreshed over the deal",
    unitSources,
  );
  const investorBack = traced(
    sum((r) => r.investorBackUsd),
    "money",
    () =>
      investorIsProvider
        ? "the lab's spend with the investor"
        : "the investor is not the provider: no revenue from the lab",
    [labSpend],
  );
  const ownOut = deal.tranches
    .filter((t) => (t.investor ?? deal.investor) === deal.investor && (a.includeContingent || !t.contingent))
    .reduce((s, t) => s + t.amountUsd, 0);
  const circularity = traced(
    // Below a dollar there is nothing to measure against.
    ownOut >= 1 ? investorBack.value / ownOut : 0,
    "fraction",
    () =>
      `${fmt(investorBack.value, "money")} back / ${fmt(ownOut, "money")} invested by ${deal.investor ?? "the investor"}`,
    [investorBack, investment],
  );
  const gwYearsValue = sum((r) => r.powerW);
  const gwYears = traced(
    gwYearsValue / 1e9,
    "count",
    () => `sum over ${yearsText} of the average power online, in GW`,
    [{ sources: rampSources }],
  );
  const perW = (t: Traced, what: string) =>
    gwYearsValue >= 1
      ? traced(
          t.value / gwYearsValue,
          "money",
          () =>
            `${fmt(t.value, "money")} / ${fmt(gwYearsValue / 1e9, "count")} GW-years delivered (${what}), per W-year`,
          [t, gwYears],
        )
      : undefined;
  const impliedUsdPerWYear = perW(labSpend, "the lab's spend");
  const costUsdPerWYear = cloud ? perW(providerCost, "the provider's operating cost") : undefined;
  const flop = traced(
    sum((r) => r.flop),
    "compute",
    () =>
      `sum over years of chips online x dense ${a.compute.precision} peak x MFU ${fmt(a.compute.mfu, "fraction")} x 8,766 h`,
    [params.mfu, { sources: rampSources }],
  );
  const ownPriced = deal.tranches.filter((t) => (t.investor ?? deal.investor) === deal.investor);
  const stake = traced(
    stakes.stake,
    "fraction",
    () =>
      stakes.steps.length
        ? stakes.steps.map((s) => `${s.date}: ${s.event} -> ${fmt(s.stake, "fraction")}`).join("; ")
        : "no tranche",
    [...ownPriced, ...(deal.rounds ?? [])],
  );
  const terminalPost = a.terminalValuationUsd ?? stakes.latestPostMoneyUsd;
  const stakeValue = traced(
    stakes.stake * terminalPost,
    "money",
    () =>
      `${fmt(stakes.stake, "fraction")} x ${fmt(terminalPost, "money")} (${a.terminalValuationUsd ? "the stated valuation" : `the latest post-money, ${stakes.latestPostMoneyDate ?? "none"}`})`,
    [stake],
  );
  const lastExisting = deal.ramp.filter((r) => r.existing).at(-1);
  const existingW = lastExisting?.powerW ?? 0;
  const maxW = deal.ramp.at(-1)?.powerW ?? 0;
  const maxPowerW = traced(
    maxW,
    "power",
    () => (deal.ramp.length ? `last ramp point (${deal.ramp.at(-1)!.date}), at full load` : "no ramp"),
    [{ sources: rampSources }],
  );
  const newPowerW = traced(
    maxW - existingW,
    "power",
    () => `${fmt(maxW, "power")} at full ramp - ${fmt(existingW, "power")} online before the deal`,
    [maxPowerW],
  );
  const existingPowerW = traced(
    existingW,
    "power",
    () => (lastExisting ? `online before the deal (${lastExisting.date})` : "none"),
    [{ sources: lastExisting?.sources ?? [] }],
  );

  // NPV and IRR per party; the provider's assets left at the end count at their book value.
  const lastYear = deal.endYear + 1;
  const bookValue = cloud
    ? vintages.reduce((s, v) => {
        const u = v.unit;
        const perChipW = u.facilityPeakW.value;
        const hwPerW = (u.capex.accelerator.value + u.capex.servers.value + u.capex.network.value) / perChipW;
        const mid = (v.install.from + v.install.to) / 2;
        const lifeYears = params.serverLifeS.value / SECONDS_PER_YEAR;
        const left = Math.max(0, 1 - (lastYear - mid) / lifeYears);
        return s + onlineAt(v, lastYear - 1e-9) * hwPerW * left;
      }, 0)
    : 0;
  const terminal = stakeValue.value;
  const labFlows = rows.map((r) => r.investorOutUsd - r.labSpendUsd);
  const providerFlows = rows.map((r, i) => r.providerCashUsd + (i === rows.length - 1 ? bookValue : 0));
  const equityFlows = rows.map((r, i) => {
    const own = deal.tranches
      .filter(
        (t) =>
          (t.investor ?? deal.investor) === deal.investor &&
          Math.floor(decimalYear(t.date)) === r.year &&
          (a.includeContingent || !t.contingent),
      )
      .reduce((s, t) => s + t.amountUsd, 0);
    return -own + (i === rows.length - 1 ? terminal : 0);
  });
  const investorFlows = rows.map((_, i) => equityFlows[i]! + (investorIsProvider ? providerFlows[i]! : 0));
  const npvT = (flows: number[], who: string, from: { sources: readonly string[] }[]) =>
    traced(
      npv(flows, discountRate),
      "money",
      () =>
        `${who}: flows ${deal.startYear}-${deal.endYear} discounted at ${fmt(discountRate, "percentPerYear")} to ${deal.startYear}`,
      from,
    );
  const hasInvestor = deal.investor !== undefined || deal.tranches.length > 0;
  if (cloud && bookValue > 0)
    notes.push(
      `the provider's servers still in service at the end count at their book value (${fmt(bookValue, "money")}) in its NPV and IRR`,
    );
  if (hasInvestor && stakes.unconvertedUsd > 0)
    notes.push(
      `${fmt(stakes.unconvertedUsd, "money")} of notes had not converted by the end: not in the stake`,
    );
  const fullRamp = deal.ramp.at(-1);
  const fullRampYear = fullRamp
    ? Math.min(deal.endYear, Math.ceil(decimalYear(fullRamp.date) - 1e-9))
    : deal.startYear;
  // Generations in the order the deal brings them in.
  const generations: DealGeneration[] = [];
  for (const v of vintages)
    if (!generations.some((g) => g.chip === v.chip.id)) generations.push({ chip: v.chip.id, unit: v.unit });
  return {
    deal,
    years: rows,
    vintages,
    totals: {
      labSpend,
      committedSpend,
      estimatedSpend,
      investment,
      contingentInvestment,
      providerRevenue,
      providerCost,
      providerMargin,
      providerMarginShare,
      capitalCharge,
      economicProfit,
      capex,
      investorBack,
      circularity,
      impliedUsdPerWYear,
      costUsdPerWYear,
      gwYears,
      flop,
      stake,
      stakeValue,
      maxPowerW,
      newPowerW,
      existingPowerW,
    },
    stakeHistory: stakes,
    npv: {
      lab: npvT(labFlows, "lab: tranches in - spend", [labSpend, investment]),
      provider: cloud
        ? npvT(providerFlows, "provider: revenue - electricity - opex - capex", [providerMargin])
        : undefined,
      investor: hasInvestor
        ? npvT(
            investorFlows,
            `investor: - tranches + stake at the end${investorIsProvider ? " + the provider's cash" : ""}`,
            [investment, stakeValue],
          )
        : undefined,
      equity: hasInvestor
        ? npvT(equityFlows, "equity: - tranches + stake at the end", [investment, stakeValue])
        : undefined,
    },
    irr: {
      investor: hasInvestor ? irr(investorFlows) : undefined,
      provider: cloud ? irr(providerFlows) : undefined,
      equity: hasInvestor ? irr(equityFlows) : undefined,
    },
    discountRate,
    generations,
    compute: a.compute,
    fullRampYear,
    notes,
  };
}
