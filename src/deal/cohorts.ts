/**
 * Vintages of capacity: each phase of a deal's ramp installs power on one chip generation over a
 * stretch of time, serves for the server life, and is then retired or refreshed with the
 * generation available at that date (same power, new chips). Power online is piecewise linear in
 * time, so yearly averages are exact integrals.
 */
import type { Catalog, ChipSpec } from "../catalog/catalog.js";
import { decimalYear } from "./dates.js";
import type { Deal } from "./types.js";

/** Power installed linearly over [from, to], W (all at once when from = to). */
interface Slope {
  from: number;
  to: number;
  powerW: number;
}

/** The power of a slope at decimal year `t`. */
function level(s: Slope, t: number): number {
  if (t <= s.from) return t === s.from && s.to === s.from ? s.powerW : 0;
  if (t >= s.to) return s.powerW;
  return (s.powerW * (t - s.from)) / (s.to - s.from);
}

/** The integral of a slope from its start to `t` (W x years). */
function area(s: Slope, t: number): number {
  if (t <= s.from) return 0;
  const span = s.to - s.from;
  if (span <= 0) return s.powerW * (t - s.from);
  if (t < s.to) return (s.powerW * (t - s.from) ** 2) / (2 * span);
  return (s.powerW * span) / 2 + s.powerW * (t - s.to);
}

/** One vintage: power on one chip, installed over [installFrom, installTo], retired over [retireFrom, retireTo]. */
export interface Vintage {
  chip: ChipSpec;
  tdpW?: number;
  powerW: number;
  install: Slope;
  /** Retirement (the server life after install); beyond the horizon when the deal ends first. */
  retire: Slope;
  /** Online before the deal started (existing capacity). */
  existing: boolean;
  /** Index among the deal's generations (0 = the first chip it names), for prices that fall per generation. */
  generation: number;
  /** The vintage this one refreshes, if any. */
  refreshes?: number;
  /** The ramp point it comes from. */
  rampIndex: number;
}

/** Facility power of a vintage online at `t`, W. */
export function onlineAt(v: Vintage, t: number): number {
  return snap(level(v.install, t) - level(v.retire, t));
}

/** Rounding leaves a retired vintage a few microwatts above or below zero. */
const snap = (w: number) => (w < 1e-3 ? 0 : w);

/** Average power of a vintage online over calendar year `y`, W. */
export function averageOnline(v: Vintage, y: number): number {
  return snap(area(v.install, y + 1) - area(v.install, y) - (area(v.retire, y + 1) - area(v.retire, y)));
}

/** Power a vintage installs during calendar year `y`, W. */
export function installedIn(v: Vintage, y: number): number {
  return level(v.install, y + 1 - 1e-9) - level(v.install, y - 1e-9);
}

/** Power a vintage retires during calendar year `y`, W. */
export function retiredIn(v: Vintage, y: number): number {
  return level(v.retire, y + 1 - 1e-9) - level(v.retire, y - 1e-9);
}

/** The chip a ramp phase or a refresh at `date` uses: an exercised option from then on replaces it. */
function chipAt(deal: Deal, chip: string, tdpW: number | undefined, date: number) {
  let c = { chip, tdpW };
  for (const o of deal.options)
    if (o.exercised && date >= decimalYear(o.from)) c = { chip: o.chip, tdpW: o.tdpW ?? tdpW };
  return c;
}

/**
 * The vintages of a deal: one per ramp phase, then (with `deal.refresh`) a refresh of each at the
 * end of its life, until the deal ends. A refresh takes the latest generation available at that
 * date (the ramp's or an exercised option's) unless it delivers less FLOP per watt than the chip
 * it replaces (`flopPerWatt`), in which case the same chip is bought again.
 */
export function vintagesOf(
  deal: Deal,
  cat: Catalog,
  lifeYears: number,
  flopPerWatt: (chip: ChipSpec, tdpW?: number) => number,
): Vintage[] {
  const generations: string[] = [];
  const genOf = (id: string) => {
    if (!generations.includes(id)) generations.push(id);
    return generations.indexOf(id);
  };
  const out: Vintage[] = [];
  const horizon = deal.endYear + 1;
  const far = (t: number): Slope => ({ from: t, to: t, powerW: 0 });
  let prevPower = 0;
  let prevDate: number | undefined;
  // Generations by the date they are first available, for refreshes.
  const available: { chip: string; tdpW?: number; from: number }[] = [];
  deal.ramp.forEach((r, i) => {
    const d = decimalYear(r.date);
    const c = chipAt(deal, r.chip, r.tdpW, d);
    const chip = cat.chip(c.chip);
    const from = prevDate ?? d;
    const powerW = r.powerW - prevPower;
    if (!available.some((a) => a.chip === chip.id)) available.push({ chip: chip.id, tdpW: c.tdpW, from });
    if (powerW > 0)
      out.push({
        chip,
        tdpW: c.tdpW,
        powerW,
        install: { from, to: d, powerW },
        retire: far(Number.POSITIVE_INFINITY),
        existing: r.existing ?? false,
        generation: genOf(chip.id),
        rampIndex: i,
      });
    prevPower = r.powerW;
    prevDate = d;
  });
  for (const o of deal.options)
    if (o.exercised) available.push({ chip: cat.chip(o.chip).id, tdpW: o.tdpW, from: decimalYear(o.from) });
  available.sort((a, b) => a.from - b.from);
  // Retire (and refresh) each vintage at the end of its life, breadth-first until the horizon.
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    const stated = v.refreshes === undefined ? deal.ramp[v.rampIndex]!.retire : undefined;
    const shift = stated !== undefined ? decimalYear(stated) - v.install.to : lifeYears;
    const start = v.install.from + shift;
    if (start >= horizon) continue;
    v.retire = { from: start, to: v.install.to + shift, powerW: v.powerW };
    if (!deal.refresh) continue;
    const latest = available.filter((a) => a.from <= start).at(-1);
    let next = { chip: v.chip, tdpW: v.tdpW };
    if (latest) {
      const chip = cat.chip(latest.chip);
      if (flopPerWatt(chip, latest.tdpW) >= flopPerWatt(v.chip, v.tdpW)) next = { chip, tdpW: latest.tdpW };
    }
    out.push({
      chip: next.chip,
      tdpW: next.tdpW,
      powerW: v.powerW,
      install: { ...v.retire },
      retire: far(Number.POSITIVE_INFINITY),
      existing: false,
      generation: genOf(next.chip.id),
      refreshes: i,
      rampIndex: v.rampIndex,
    });
  }
  return out;
}
