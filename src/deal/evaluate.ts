/**
 * Deal cash flows per year: capacity online by generation, FLOP delivered, the lab's spend, the
 * provider's revenue, cost (from the capacity TCO) and margin, the investor's cash out against
 * cash back, cumulative totals, NPV and IRR, and what the compute buys.
 */

import {
  type ChipEconomics,
  chipEconomics,
  type EconomicsOverrides,
  fmt,
  type Params,
  resolveParams,
  type Traced,
  traced,
} from "../capacity/index.js";
import type { Catalog } from "../catalog/catalog.js";
import { catalog as defaultCatalog } from "../catalog/catalog.js";
import type { Economics } from "../catalog/economics.js";
import { InputError } from "../errors.js";
import { architectureShape, forwardFlopsPerToken } from "../llm/architecture.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { irr, npv } from "./finance.js";
import type { Deal } from "./types.js";

/** Options of `evaluateDeal()`. */
export interface DealOptions extends EconomicsOverrides {
  catalog?: Catalog;
  economics?: Economics;
  /** Discount rate for NPV (default: the cost of capital). */
  discountRate?: number;
  /** Count milestone (contingent) tranches as paid (default false). */
  includeContingent?: boolean;
  /** Share of the FLOP delivered that goes to training (the rest serves tokens); default 0.5, a stated assumption. */
  trainingShare?: number;
  /** Reference frontier run (economics.frontierRuns id) or FLOP per run (default "grok-3"). */
  frontierRun?: string | number;
  /** Catalog model served (default "llama-3.1-405b"), at `servingContext` tokens of context (default 4096). */
  servedModel?: string;
  servingContext?: number;
  /** Value of the investor's stake at the end, US$ per 100% (default: the latest post-money valuation). */
  terminalValuationUsd?: number;
  /** Where errors point (default "deal"; a catalog deal uses its id). */
  location?: string;
}

/** One year of a deal. Money in US$, power in W, compute in FLOP. */
export interface DealYear {
  year: number;
  /** Average facility power online over the year. */
  powerW: number;
  /** Facility power online at the end of the year. */
  powerEndW: number;
  /** Chips installed at the end of the year, by generation. */
  chips: Record<string, number>;
  flop: number;
  /** The commitment schedule's dollars for the year. */
  scheduledUsd: number;
  /** The capacity used, at the deal's price. */
  usageUsd: number;
  labSpendUsd: number;
  providerRevenueUsd: number;
  /** Capacity TCO of the power online (0 for vendor deals). */
  providerCostUsd: number;
  providerMarginUsd: number;
  investorOutUsd: number;
  /** Money back to the investor as its revenue from the lab (when investor = provider). */
  investorBackUsd: number;
  cumulative: {
    labSpendUsd: number;
    investorOutUsd: number;
    investorBackUsd: number;
    providerMarginUsd: number;
  };
  trainingRuns: number;
  tokensServed: number;
}

/** The evaluation of a deal. */
export interface DealResult {
  deal: Deal;
  years: DealYear[];
  totals: {
    labSpend: Traced;
    committedSpend: Traced;
    investment: Traced;
    contingentInvestment: Traced;
    providerRevenue: Traced;
    providerCost: Traced;
    providerMargin: Traced;
    investorBack: Traced;
    /** Share of the investment that comes back to the investor as revenue. */
    circularity: Traced;
    /** Lab spend per GW-year delivered. */
    impliedUsdPerWYear?: Traced;
    flop: Traced;
    stake: Traced;
    maxPowerW: Traced;
  };
  npv: { lab: Traced; provider?: Traced; investor?: Traced };
  irr: { investor?: number; provider?: number };
  discountRate: number;
  generations: { chip: string; unit: ChipEconomics }[];
  compute: {
    frontierRun: string;
    frontierRunFlop: number;
    servedModel: string;
    flopPerToken: number;
    trainingShare: number;
    mfu: number;
  };
  notes: string[];
}

/** A date "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a decimal year (YYYY alone is mid-year). */
export function decimalYear(date: string, location = "date"): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m)
    throw new InputError(`"${date}" is not a date`, { location, hint: "write YYYY, YYYY-MM or YYYY-MM-DD" });
  const y = Number(m[1]);
  if (m[2] === undefined) return y + 0.5;
  const month = Number(m[2]);
  const day = m[3] === undefined ? 15 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    throw new InputError(`"${date}" is not a date`, { location, hint: "month 01-12, day 01-31" });
  return y + ((month - 1) * 30.44 + day) / 365.25;
}

/** Checks a deal and throws an InputError naming the field. */
export function validateDeal(deal: Deal, cat: Catalog, location = "deal"): void {
  const at = (k: string) => `${location}.${k}`;
  if (!(deal.endYear >= deal.startYear))
    throw new InputError(`the deal ends (${deal.endYear}) before it starts (${deal.startYear})`, {
      location: at("end"),
      hint: "end >= start",
    });
  deal.tranches.forEach((t, i) => {
    const y = decimalYear(t.date, at(`tranches[${i}].date`));
    if (Math.floor(y) > deal.endYear)
      throw new InputError(`tranche on ${t.date} is after the deal ends (${deal.endYear})`, {
        location: at(`tranches[${i}].date`),
        hint: "move it or extend the deal's end",
      });
    if (!(t.amountUsd >= 0) || !Number.isFinite(t.amountUsd))
      throw new InputError(`tranche amount is ${t.amountUsd}`, {
        location: at(`tranches[${i}].amount`),
        hint: "an amount of $0 or more",
      });
    if (t.postMoneyUsd !== undefined && !(t.postMoneyUsd >= t.amountUsd && t.postMoneyUsd > 0))
      throw new InputError(`post-money valuation ${t.postMoneyUsd} is below the tranche`, {
        location: at(`tranches[${i}].valuation`),
        hint: "a valuation at least the amount",
      });
  });
  deal.commitments.forEach((c, i) => {
    if (!(c.amountUsd >= 0) || !Number.isFinite(c.amountUsd))
      throw new InputError(`commitment is ${c.amountUsd}`, {
        location: at(`commitments[${i}].amount`),
        hint: "an amount of $0 or more",
      });
    if (!(c.years >= 1) || !Number.isInteger(c.years))
      throw new InputError(`commitment runs ${c.years} years`, {
        location: at(`commitments[${i}].years`),
        hint: "a whole number of years, 1 or more",
      });
    if (!(c.takeOrPay >= 0 && c.takeOrPay <= 1))
      throw new InputError(`take-or-pay share is ${c.takeOrPay}`, {
        location: at(`commitments[${i}].takeOrPay`),
        hint: "between 0 and 1",
      });
    if (c.startYear < deal.startYear || c.startYear + c.years - 1 > deal.endYear)
      throw new InputError(
        `commitment ${c.startYear}-${c.startYear + c.years - 1} runs outside the deal (${deal.startYear}-${deal.endYear})`,
        { location: at(`commitments[${i}].years`), hint: "shorten it or extend the deal" },
      );
  });
  let prevDate = Number.NEGATIVE_INFINITY;
  let prevPower = 0;
  deal.ramp.forEach((r, i) => {
    const d = decimalYear(r.date, at(`ramp[${i}].date`));
    if (d < prevDate)
      throw new InputError(`ramp date ${r.date} is before the previous one`, {
        location: at(`ramp[${i}].date`),
        hint: "list the ramp in date order",
      });
    if (!(r.powerW >= prevPower) || !Number.isFinite(r.powerW))
      throw new InputError(`ramp power falls to ${fmt(r.powerW, "power")}`, {
        location: at(`ramp[${i}].power`),
        hint: "ramp power is the cumulative power online; it never falls",
      });
    if (deal.committedPowerW !== undefined && r.powerW > deal.committedPowerW * (1 + 1e-9))
      throw new InputError(
        `ramp reaches ${fmt(r.powerW, "power")}, beyond the committed ${fmt(deal.committedPowerW, "power")}`,
        { location: at(`ramp[${i}].power`), hint: "lower the ramp or raise the committed power" },
      );
    if (Math.floor(d) > deal.endYear)
      throw new InputError(`ramp date ${r.date} is after the deal ends`, { location: at(`ramp[${i}].date`) });
    cat.chip(r.chip, at(`ramp[${i}].chip`));
    prevDate = d;
    prevPower = r.powerW;
  });
  deal.options.forEach((o, i) => {
    cat.chip(o.chip, at(`options[${i}].chip`));
    decimalYear(o.from, at(`options[${i}].from`));
  });
  const p = deal.pricing;
  if (p.basis === "gw-year" && !(p.usdPerWYear >= 0))
    throw new InputError(`price is ${p.usdPerWYear}`, {
      location: at("pricing.perGwYear"),
      hint: "a price of $0 or more",
    });
  if (p.basis === "chip-hour" && !(p.usdPerChipHour >= 0))
    throw new InputError(`price is ${p.usdPerChipHour}`, {
      location: at("pricing.perChipHour"),
      hint: "a price of $0 or more",
    });
  if (p.basis !== "commitment" && !(p.declinePerGeneration >= 0 && p.declinePerGeneration < 1))
    throw new InputError(`decline per generation is ${p.declinePerGeneration}`, {
      location: at("pricing.declinePerGeneration"),
      hint: "between 0 and 1",
    });
  if (p.basis === "commitment" && deal.commitments.length === 0 && deal.ramp.length > 0)
    throw new InputError("pricing follows the commitment, but the deal has none", {
      location: at("pricing"),
      hint: "add a commitment or price per GW-year",
    });
}

/** A phase of capacity: power added between two ramp points on one chip. */
interface Cohort {
  chip: string;
  tdpW?: number;
  powerW: number;
  from: number;
  to: number;
  generation: number;
}

/** The power of a cohort online at decimal year `t`. */
function online(c: Cohort, t: number): number {
  if (t < c.from) return 0;
  if (t >= c.to || c.to === c.from) return c.powerW;
  return (c.powerW * (t - c.from)) / (c.to - c.from);
}

/** Power-time of a cohort from its start to decimal year `t` (W x years): the integral of `online`. */
function energyUntil(c: Cohort, t: number): number {
  if (t <= c.from) return 0;
  const span = c.to - c.from;
  if (span <= 0) return c.powerW * (t - c.from);
  if (t < c.to) return (c.powerW * (t - c.from) ** 2) / (2 * span);
  return (c.powerW * span) / 2 + c.powerW * (t - c.to);
}

/** Average power of a cohort over calendar year `y` (exact for the linear ramp). */
function averageOnline(c: Cohort, y: number): number {
  return energyUntil(c, y + 1) - energyUntil(c, y);
}

/**
 * Evaluates a deal year by year.
 *
 * @example evaluateDeal(catalogDeal("amazon-anthropic"), { discountRate: 0.08 }).totals.circularity
 */
export function evaluateDeal(deal: Deal, opts: DealOptions = {}): DealResult {
  const cat = opts.catalog ?? defaultCatalog();
  const location = opts.location ?? "deal";
  validateDeal(deal, cat, location);
  const params: Params = resolveParams(opts, { economics: opts.economics, location });
  const notes: string[] = [...deal.notes];
  const discountRate = opts.discountRate ?? params.costOfCapital.value;
  if (!(discountRate > -1 && discountRate < 10))
    throw new InputError(`discount rate is ${discountRate}`, {
      location: `${location}.discountRate`,
      hint: "e.g. 8%",
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

  // Cohorts from the ramp; exercised options replace the chip of later phases.
  const gens: string[] = [];
  const cohorts: Cohort[] = [];
  let prevPower = 0;
  let prevDate: number | undefined;
  deal.ramp.forEach((r) => {
    const d = decimalYear(r.date);
    let chip = r.chip;
    let tdpW = r.tdpW;
    for (const o of deal.options)
      if (o.exercised && d >= decimalYear(o.from)) {
        chip = o.chip;
        tdpW = o.tdpW;
      }
    chip = cat.chip(chip).id;
    if (!gens.includes(chip)) gens.push(chip);
    cohorts.push({
      chip,
      tdpW,
      powerW: r.powerW - prevPower,
      from: prevDate ?? d,
      to: d,
      generation: gens.indexOf(chip),
    });
    prevPower = r.powerW;
    prevDate = d;
  });
  const units = new Map<string, ChipEconomics>();
  const unitOf = (c: Cohort, i: number) => {
    const key = `${c.chip}@${c.tdpW ?? ""}`;
    let u = units.get(key);
    if (!u) {
      u = chipEconomics(cat.chip(c.chip), params, { tdpW: c.tdpW, location: `${location}.ramp[${i}].chip` });
      units.set(key, u);
    }
    return u;
  };
  cohorts.forEach((c, i) => {
    unitOf(c, i);
  });

  // What the compute buys.
  const eco = params.economics;
  const runId =
    typeof opts.frontierRun === "string"
      ? opts.frontierRun
      : opts.frontierRun === undefined
        ? "grok-3"
        : "stated";
  let runFlop: number;
  if (typeof opts.frontierRun === "number") runFlop = opts.frontierRun;
  else {
    const f = eco.frontierRun(runId);
    if (!f)
      throw new InputError(`unknown frontier run "${runId}"`, {
        location: `${location}.frontierRun`,
        hint: `one of ${Object.keys(eco.file.frontierRuns).join(", ")}`,
      });
    runFlop = f.value;
  }
  if (!(runFlop > 0))
    throw new InputError(`a frontier run of ${runFlop} FLOP`, {
      location: `${location}.frontierRun`,
      hint: "above 0 FLOP",
    });
  const servedModel = opts.servedModel ?? "llama-3.1-405b";
  const model = cat.model(servedModel, `${location}.servedModel`);
  const flopPerToken = forwardFlopsPerToken(architectureShape(model), opts.servingContext ?? 4096).total;
  const mfu = params.mfu.value;

  // Commitment schedules.
  const years: number[] = [];
  for (let y = deal.startYear; y <= deal.endYear; y++) years.push(y);
  const powerByYear = years.map((y) => cohorts.reduce((s, c) => s + averageOnline(c, y), 0));
  const scheduled = years.map(() => 0);
  const floor = years.map(() => 0);
  for (const c of deal.commitments) {
    const idx = years
      .map((_, i) => i)
      .filter((i) => years[i]! >= c.startYear && years[i]! < c.startYear + c.years);
    let w = idx.map((i) =>
      c.shape === "linear" ? i - idx[0]! + 1 : c.shape === "follow-capacity" ? powerByYear[i]! : 1,
    );
    if (w.reduce((s, x) => s + x, 0) <= 0) {
      w = idx.map(() => 1);
      notes.push(
        `a commitment follows capacity but none is online in ${c.startYear}-${c.startYear + c.years - 1}; spread flat`,
      );
    }
    const sum = w.reduce((s, x) => s + x, 0);
    idx.forEach((i, k) => {
      scheduled[i]! += (c.amountUsd * w[k]!) / sum;
      floor[i]! += (c.takeOrPay * c.amountUsd * w[k]!) / sum;
    });
  }

  const includeContingent = opts.includeContingent ?? false;
  const investorOf = (t: Deal["tranches"][number]) => t.investor ?? deal.investor;
  const investorIsProvider = deal.tranches.some((t) => investorOf(t) === deal.provider);
  // The provider's own money, when it invests: what circularity measures against.
  const fromProvider = (t: Deal["tranches"][number]) =>
    !investorIsProvider || investorOf(t) === deal.provider;
  const rows: DealYear[] = [];
  const providerOut: number[] = [];
  const cum = { labSpendUsd: 0, investorOutUsd: 0, investorBackUsd: 0, providerMarginUsd: 0 };
  years.forEach((y, i) => {
    let usage = 0;
    let cost = 0;
    let flop = 0;
    const chips: Record<string, number> = {};
    cohorts.forEach((c, k) => {
      const u = unitOf(c, k);
      const avgW = averageOnline(c, y);
      const avgChips = avgW / u.facilityPeakW.value;
      const endChips = Math.floor(online(c, y + 1 - 1e-9) / u.facilityPeakW.value);
      chips[c.chip] = (chips[c.chip] ?? 0) + endChips;
      flop += avgChips * (u.chip.peakFlops.bf16 ?? 0) * mfu * SECONDS_PER_YEAR;
      if (deal.providerRole === "cloud") cost += avgChips * u.perYear.total.value;
      const p = deal.pricing;
      if (p.basis === "gw-year") usage += avgW * p.usdPerWYear * (1 - p.declinePerGeneration) ** c.generation;
      else if (p.basis === "chip-hour")
        usage +=
          avgChips *
          (SECONDS_PER_YEAR / 3600) *
          p.usdPerChipHour *
          (1 - p.declinePerGeneration) ** c.generation;
    });
    if (deal.pricing.basis === "commitment") usage = scheduled[i]!;
    const spend = Math.max(usage, floor[i]!);
    const counted = deal.tranches.filter(
      (t) => Math.floor(decimalYear(t.date)) === y && (includeContingent || !t.contingent),
    );
    const out = counted.reduce((s, t) => s + t.amountUsd, 0);
    const outProvider = counted.filter(fromProvider).reduce((s, t) => s + t.amountUsd, 0);
    const back = investorIsProvider ? spend : 0;
    cum.labSpendUsd += spend;
    cum.investorOutUsd += out;
    providerOut.push(outProvider);
    cum.investorBackUsd += back;
    cum.providerMarginUsd += spend - cost;
    rows.push({
      year: y,
      powerW: powerByYear[i]!,
      powerEndW: cohorts.reduce((s, c) => s + online(c, y + 1 - 1e-9), 0),
      chips,
      flop,
      scheduledUsd: scheduled[i]!,
      usageUsd: usage,
      labSpendUsd: spend,
      providerRevenueUsd: spend,
      providerCostUsd: cost,
      providerMarginUsd: spend - cost,
      investorOutUsd: out,
      investorBackUsd: back,
      cumulative: { ...cum },
      trainingRuns: (flop * trainingShare) / runFlop,
      tokensServed: (flop * (1 - trainingShare)) / flopPerToken,
    });
  });
  if (deal.providerRole === "vendor")
    notes.push(
      `${deal.provider} sells systems here: its cost of goods is not modelled, so its margin is shown as its revenue`,
    );

  // Totals, each traced.
  const sum = (f: (r: DealYear) => number) => rows.reduce((s, r) => s + f(r), 0);
  const yearsText = `${deal.startYear}-${deal.endYear}`;
  const commitSources = deal.commitments.flatMap((c) => c.sources);
  const rampSources = deal.ramp.flatMap((r) => r.sources);
  const priceSources = deal.pricing.basis === "commitment" ? commitSources : deal.pricing.sources;
  const paid = deal.tranches.filter((t) => !t.contingent);
  const contingent = deal.tranches.filter((t) => t.contingent);
  const list = (ts: typeof paid) =>
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
    () => `sum of the lab's spend ${yearsText} (max of usage at the deal's price and the take-or-pay floor)`,
    [{ sources: [...commitSources, ...priceSources] }],
  );
  const committedSpend = traced(
    deal.commitments.reduce((s, c) => s + c.amountUsd, 0),
    "money",
    () =>
      `commitments: ${deal.commitments.map((c) => `${fmt(c.amountUsd, "money")} over ${c.years} years from ${c.startYear}`).join(" + ") || "none"}`,
    deal.commitments,
  );
  const providerCost = traced(
    sum((r) => r.providerCostUsd),
    "money",
    () => `sum over years of chips online x TCO per chip-year`,
    [...units.values()].map((u) => u.perYear.total),
  );
  const providerRevenue = traced(labSpend.value, "money", () => "the lab's spend", [labSpend]);
  const providerMargin = traced(
    providerRevenue.value - providerCost.value,
    "money",
    () => `${fmt(providerRevenue.value, "money")} - ${fmt(providerCost.value, "money")}`,
    [providerRevenue, providerCost],
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
  const out = providerOut.reduce((s, x) => s + x, 0);
  const circularity = traced(
    // Below a dollar there is nothing to measure against.
    out >= 1 ? investorBack.value / out : 0,
    "fraction",
    () =>
      `${fmt(investorBack.value, "money")} back / ${fmt(out, "money")} invested by ${investorIsProvider ? deal.provider : "the investors"}`,
    [investorBack, investment],
  );
  const gwYears = sum((r) => r.powerW);
  const impliedUsdPerWYear =
    gwYears >= 1
      ? traced(
          (labSpend.value / gwYears) * 1e9,
          "money",
          () =>
            `${fmt(labSpend.value, "money")} / ${fmt(gwYears / 1e9, "count")} GW-years delivered, per GW-year`,
          [labSpend, { sources: rampSources }],
        )
      : undefined;
  const flop = traced(
    sum((r) => r.flop),
    "compute",
    () => `sum over years of chips online x peak BF16 x MFU ${fmt(mfu, "fraction")} x 8,766 h`,
    [params.mfu, { sources: rampSources }],
  );
  const priced = deal.tranches.filter(
    (t) => t.postMoneyUsd && (includeContingent || !t.contingent) && fromProvider(t),
  );
  const stake = traced(
    priced.reduce((s, t) => s + t.amountUsd / t.postMoneyUsd!, 0),
    "fraction",
    () =>
      priced.length
        ? priced.map((t) => `${fmt(t.amountUsd, "money")} / ${fmt(t.postMoneyUsd!, "money")}`).join(" + ") +
          " (no dilution)"
        : "no tranche with a valuation",
    priced,
  );
  const maxPowerW = traced(
    deal.ramp.at(-1)?.powerW ?? 0,
    "power",
    () => (deal.ramp.length ? `last ramp point (${deal.ramp.at(-1)!.date})` : "no ramp"),
    [{ sources: rampSources }],
  );

  // NPV and IRR per party.
  const latestValuation = [...deal.tranches].reverse().find((t) => t.postMoneyUsd)?.postMoneyUsd;
  const terminal = (opts.terminalValuationUsd ?? latestValuation ?? 0) * stake.value;
  const labFlows = rows.map((r) => r.investorOutUsd - r.labSpendUsd);
  const providerFlows = rows.map((r) => r.providerMarginUsd);
  const investorFlows = rows.map(
    (r, i) =>
      -providerOut[i]! +
      (investorIsProvider ? r.providerMarginUsd : 0) +
      (i === rows.length - 1 ? terminal : 0),
  );
  const npvT = (flows: number[], who: string, from: { sources: readonly string[] }[]) =>
    traced(
      npv(flows, discountRate),
      "money",
      () =>
        `${who}: flows ${deal.startYear}-${deal.endYear} discounted at ${fmt(discountRate, "percentPerYear")} to ${deal.startYear}`,
      from,
    );
  const hasInvestor = deal.investor !== undefined || deal.tranches.length > 0;
  if (hasInvestor)
    notes.push(
      `the investor's stake is valued at the end at ${latestValuation || opts.terminalValuationUsd ? fmt(terminal, "money") : "$0 (no valuation known)"} (stake x ${opts.terminalValuationUsd ? "the stated" : "the latest"} valuation, no growth)`,
    );
  return {
    deal,
    years: rows,
    totals: {
      labSpend,
      committedSpend,
      investment,
      contingentInvestment,
      providerRevenue,
      providerCost,
      providerMargin,
      investorBack,
      circularity,
      impliedUsdPerWYear,
      flop,
      stake,
      maxPowerW,
    },
    npv: {
      lab: npvT(labFlows, "lab: tranches in - spend", [labSpend, investment]),
      provider:
        deal.providerRole === "cloud"
          ? npvT(providerFlows, "provider: revenue - capacity TCO", [providerMargin])
          : undefined,
      investor: hasInvestor
        ? npvT(
            investorFlows,
            `investor: - tranches${investorIsProvider ? " + provider margin" : ""} + stake at the end`,
            [investment, stake],
          )
        : undefined,
    },
    irr: {
      investor: hasInvestor ? irr(investorFlows) : undefined,
      provider: deal.providerRole === "cloud" ? irr(providerFlows) : undefined,
    },
    discountRate,
    generations: [...units.values()].map((u) => ({ chip: u.chip.id, unit: u })),
    compute: {
      frontierRun: runId,
      frontierRunFlop: runFlop,
      servedModel: model.id,
      flopPerToken,
      trainingShare,
      mfu,
    },
    notes,
  };
}
