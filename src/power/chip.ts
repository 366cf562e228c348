/**
 * The one power model: what one accelerator draws, with its share of the server (host CPUs,
 * memory, NICs, switches) and of the building (PUE), at full load (what a facility is sized for)
 * and at average load (what it draws, and pays for, over a year).
 *
 *   IT at full load      = TDP + server overhead
 *   IT at average load   = (TDP + server overhead) x average load
 *   facility             = IT x PUE
 *
 * The average load is a share of the whole server's rated power, as Epoch AI's cost model states
 * it (servers draw 75% of rated server power while training) and as Newkirk et al. measured it
 * (an 8 x H100 node ran compute-heavy work at ~76% of its 10.2 kW rating).
 */
import type { ChipSpec, SystemSpec } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { SECONDS_PER_YEAR } from "../units/quantity.js";
import { fmt, type InputValue, stated, type Traced, traced } from "../units/traced.js";
import type { PowerParams } from "./params.js";

/** One chip's power, each figure traced. Power in W, money in US$ per year. */
export interface ChipPower {
  chip: ChipSpec;
  tdpW: InputValue;
  overheadW: InputValue;
  /** IT power at full load: TDP + server overhead (what the facility is built for). */
  itPeakW: Traced;
  /** IT power at average load: (TDP + overhead) x load. */
  itW: Traced;
  /** Facility power at full load: IT at full load x PUE (the sizing basis of a power ceiling). */
  facilityPeakW: Traced;
  /** Facility power at average load: IT x PUE (what is drawn over a year). */
  facilityW: Traced;
  /** Electricity per chip-year at average load. */
  electricityPerYear: Traced;
}

/** The chip's TDP, or an InputError when the catalog has none and none is given. */
export function tdpOf(chip: ChipSpec, tdpW: number | undefined, location: string): InputValue {
  if (tdpW !== undefined) {
    if (!(tdpW > 0 && tdpW <= 1e5))
      throw new InputError(`TDP of ${chip.id} is ${fmt(tdpW, "power")}`, {
        location,
        hint: "give a TDP above 0 W and at most 100 kW",
      });
    return stated(tdpW, "power");
  }
  if (chip.tdpW === undefined || !(chip.tdpW > 0)) {
    throw new InputError(`chip "${chip.id}" has no TDP in the catalog`, {
      location,
      hint: "state one (e.g. tdp: 1000 W) or use another generation",
    });
  }
  const e = chip.entry.tdp;
  return {
    value: chip.tdpW,
    kind: "power",
    from: `chips.${chip.id}.tdp`,
    sources: e?.sources ?? [],
    note: e?.note,
  };
}

/**
 * Server overhead per chip: the caller's, else the economics catalog's figure for the chip, else
 * one derived from the system's published node power, else the catalog's default share of TDP.
 */
function overheadOf(chip: ChipSpec, tdp: InputValue, p: PowerParams, system?: SystemSpec): InputValue {
  if (p.serverOverheadW !== undefined) return stated(p.serverOverheadW, "power");
  const asPower = (frac: InputValue): InputValue => ({
    value: frac.value * tdp.value,
    kind: "power",
    from: frac.from,
    sources: frac.sources,
    note: `${fmt(frac.value, "fraction")} of TDP${frac.note ? ` (${frac.note})` : ""}`,
  });
  if (p.serverOverheadFraction !== undefined) return asPower(stated(p.serverOverheadFraction, "fraction"));
  const eco = p.economics;
  const own = eco.file.serverOverhead[chip.id];
  const node = system?.chip.id === chip.id ? system.nodePowerW : undefined;
  if (!own && node !== undefined && node > tdp.value * system!.chipsPerNode) {
    const perChip = node / system!.chipsPerNode;
    return {
      value: perChip - tdp.value,
      kind: "power",
      from: `systems.${system!.id}.nodePower`,
      sources: system!.entry?.nodePower?.sources ?? [],
      note: `${system!.name} draws ${fmt(node, "power")} for ${system!.chipsPerNode} chips at most: ${fmt(perChip, "power")} per chip less the chip's TDP`,
    };
  }
  const f = eco.serverOverhead(chip.id);
  return asPower({
    value: f.value,
    kind: "fraction",
    from: f.id,
    sources: f.entry.sources,
    note: f.entry.note,
  });
}

/**
 * The power of one `chip` under `p`. `tdpW` overrides the catalog's TDP; `system`, when it is
 * built on the chip, lends its published node power; `location` names the chip in errors.
 *
 * @example chipPower(catalog().chip("h100"), resolvePowerParams()).facilityPeakW.value // ~1,450 W
 */
export function chipPower(
  chip: ChipSpec,
  p: PowerParams,
  opts: { tdpW?: number; system?: SystemSpec; location?: string } = {},
): ChipPower {
  const tdp = tdpOf(chip, opts.tdpW, opts.location ?? "chip");
  const overhead = overheadOf(chip, tdp, p, opts.system);
  const { averageLoad: load, pue } = p;
  const itPeakW = traced(
    tdp.value + overhead.value,
    "power",
    () => `TDP ${fmt(tdp.value, "power")} + server overhead ${fmt(overhead.value, "power")}`,
    [tdp, overhead],
  );
  const itW = traced(
    itPeakW.value * load.value,
    "power",
    () => `IT at full load ${fmt(itPeakW.value, "power")} x average load ${fmt(load.value, "fraction")}`,
    [itPeakW, load],
  );
  const facilityPeakW = traced(
    itPeakW.value * pue.value,
    "power",
    () => `IT at full load ${fmt(itPeakW.value, "power")} x PUE ${fmt(pue.value, "ratio")}`,
    [itPeakW, pue],
  );
  const facilityW = traced(
    itW.value * pue.value,
    "power",
    () => `IT ${fmt(itW.value, "power")} x PUE ${fmt(pue.value, "ratio")}`,
    [itW, pue],
  );
  const electricityPerYear = traced(
    facilityW.value * SECONDS_PER_YEAR * p.electricityUsdPerJ.value,
    "money",
    () => `${fmt(facilityW.value, "power")} x 8,766 h x ${fmt(p.electricityUsdPerJ.value, "usdPerJ")}`,
    [facilityW, p.electricityUsdPerJ],
  );
  return { chip, tdpW: tdp, overheadW: overhead, itPeakW, itW, facilityPeakW, facilityW, electricityPerYear };
}
