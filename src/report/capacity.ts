/** The capacity report: fleet size, compute, energy and homes, capex and TCO beside cloud prices. */
import type { CapacityResult, InputValue, Traced } from "../capacity/index.js";
import { fmt } from "../capacity/index.js";
import type { Precision } from "../catalog/schema.js";
import { formatMoney } from "../units/format.js";
import { type Block, type Doc, table } from "./document.js";

const show = (t: Traced | undefined) => (t ? fmt(t.value, t.kind) : "");

/** A traced value as JSON: value, arithmetic, sources. */
function tracedJson(t: Traced | undefined) {
  return t ? { value: t.value, formula: t.formula, sources: t.sources } : undefined;
}

function byPrecision(r: Partial<Record<Precision, Traced>>) {
  return Object.fromEntries(Object.entries(r).map(([k, t]) => [k, tracedJson(t)]));
}

/** The JSON form of a capacity result (no catalog entries, every output traced). */
export function capacityJson(r: CapacityResult) {
  return {
    basis: r.basis,
    limitedBy: r.limitedBy,
    inputs: r.inputs,
    chips: tracedJson(r.chips),
    power: tracedJson(r.power),
    averagePower: tracedJson(r.averagePower),
    energyPerYear: tracedJson(r.energyPerYear),
    electricityPerYear: tracedJson(r.electricityPerYear),
    homesUS: tracedJson(r.homesUS),
    homesEU: tracedJson(r.homesEU),
    homesUSAtFullPower: tracedJson(r.homesUSAtFullPower),
    hbmBytes: tracedJson(r.hbmBytes),
    peakFlops: byPrecision(r.peakFlops),
    deliveredFlops: byPrecision(r.deliveredFlops),
    capex: Object.fromEntries(Object.entries(r.capex).map(([k, t]) => [k, tracedJson(t)])),
    perYear: Object.fromEntries(Object.entries(r.perYear).map(([k, t]) => [k, tracedJson(t)])),
    tcoPerChipHour: tracedJson(r.tcoPerChipHour),
    tcoPerGwYear: tracedJson(r.tcoPerGwYear),
    generations: r.generations.map((g) => ({
      chip: g.chip,
      share: g.share,
      chips: tracedJson(g.chips),
      power: tracedJson(g.power),
      tdpW: g.unit.tdpW,
      serverOverheadW: g.unit.overheadW,
      facilityWPerChip: tracedJson(g.unit.facilityW),
      facilityPeakWPerChip: tracedJson(g.unit.facilityPeakW),
      acceleratorPrice: g.unit.price,
      capexPerChip: Object.fromEntries(Object.entries(g.unit.capex).map(([k, t]) => [k, tracedJson(t)])),
      perChipYear: Object.fromEntries(Object.entries(g.unit.perYear).map(([k, t]) => [k, tracedJson(t)])),
      tcoPerChipHour: tracedJson(g.unit.tcoPerChipHour),
      peakFlops: byPrecision(g.peakFlops),
      hbmBytes: tracedJson(g.hbmBytes),
      cloudPrices: g.cloudPrices,
    })),
    notes: r.notes,
  };
}

function inputRow(name: string, i: InputValue) {
  return {
    input: name,
    value: fmt(i.value, i.kind),
    from: i.from,
    sources: i.sources.join(" "),
    note: i.note ?? "",
  };
}

/** The capacity report. */
export function capacityReport(r: CapacityResult): Doc {
  const mix = r.generations
    .map((g) => (r.generations.length > 1 ? `${g.name} ${fmt(g.share, "fraction")}` : g.name))
    .join(", ");
  const title =
    r.basis === "chips" ? `Capacity: ${show(r.chips)} ${mix} chips` : `Capacity: ${show(r.power)} of ${mix}`;
  const fleet: Block = {
    kind: "kv",
    title: "Fleet",
    items: [
      ["chips", show(r.chips)],
      ["limited by", r.limitedBy],
      ["facility power at full load (built)", show(r.power)],
      ["facility power drawn on average", show(r.averagePower)],
      ["energy per year", show(r.energyPerYear)],
      ["electricity per year", show(r.electricityPerYear)],
      ["US homes equivalent (energy drawn)", `${show(r.homesUS)} (${r.homesUS.formula})`],
      ["US homes equivalent (full power all year)", show(r.homesUSAtFullPower)],
      ["EU homes equivalent (energy drawn)", `${show(r.homesEU)} (${r.homesEU.formula})`],
      ["HBM in total", show(r.hbmBytes)],
      ["capex", show(r.capex.total)],
      ["cost per year (TCO)", show(r.perYear.total)],
      ["TCO per chip-hour", show(r.tcoPerChipHour)],
      ["TCO per GW-year", show(r.tcoPerGwYear)],
    ],
  };
  const gens = table(
    [
      ["chip", "chip"],
      ["share", "share"],
      ["chips", "chips"],
      ["tdp", "TDP"],
      ["overhead", "server overhead"],
      ["facilityW", "facility W per chip at full load"],
      ["power", "power"],
      ["price", "chip price"],
      ["tco", "TCO per chip-hour"],
    ],
    r.generations.map((g) => ({
      chip: g.chip,
      share: fmt(g.share, "fraction"),
      chips: show(g.chips),
      tdp: fmt(g.unit.tdpW.value, "power"),
      overhead: fmt(g.unit.overheadW.value, "power"),
      facilityW: g.unit.facilityPeakW.formula,
      power: show(g.power),
      price: `${fmt(g.unit.price.value, "money")}${g.unit.price.from === "estimate" ? " (flat estimate)" : g.unit.price.level === "chip" ? " (chip)" : " (server share)"}`,
      tco: formatMoney(g.unit.tcoPerChipHour.value),
    })),
    "Generations",
    "Facility power per chip at full load = (TDP + server overhead) x PUE; on average the server draws its average load of that. Server overhead: host CPUs (e.g. Graviton), memory, NICs, switches. A chip price is the bare chip (the rest of the server is added) or a server's cost per accelerator.",
  );
  const compute = table(
    [
      ["precision", "precision"],
      ["peak", "peak"],
      ["delivered", "delivered"],
    ],
    (Object.keys(r.peakFlops) as Precision[]).map((p) => ({
      precision: p,
      peak: show(r.peakFlops[p]),
      delivered: show(r.deliveredFlops[p]),
    })),
    "Compute",
    `Dense peak; delivered = peak x MFU ${fmt(r.inputs.mfu!.value, "fraction")} (${r.inputs.mfu!.from}).`,
  );
  const costRows: [string, Traced][] = [
    ["capex: accelerators", r.capex.accelerators],
    ["capex: rest of servers", r.capex.servers],
    ["capex: network", r.capex.network],
    ["capex: facility", r.capex.facility],
    ["capex: total", r.capex.total],
    ["per year: electricity", r.perYear.electricity],
    ["per year: other opex (maintenance, staff, insurance, tax)", r.perYear.opex],
    ["per year: depreciation", r.perYear.depreciation],
    ["per year: cost of capital", r.perYear.costOfCapital],
    ["per year: total cost of ownership", r.perYear.total],
  ];
  const costs = table(
    [
      ["item", "item"],
      ["value", "value"],
      ["arithmetic", "arithmetic"],
    ],
    costRows.map(([item, t]) => ({ item, value: show(t), arithmetic: t.formula })),
    "Capex and cost per year",
  );
  const priceRows = r.generations.flatMap((g) => [
    {
      chip: g.chip,
      what: "TCO (this model)",
      price: formatMoney(g.unit.tcoPerChipHour.value),
      date: "",
      sources: g.unit.tcoPerChipHour.sources.join(" "),
    },
    ...g.cloudPrices.map((p) => ({
      chip: g.chip,
      what: `${p.system} ${p.kind}${p.region ? ` ${p.region}` : ""}`,
      price: formatMoney(p.usdPerChipHour),
      date: p.date,
      sources: p.sources.join(" "),
    })),
  ]);
  const prices = table(
    [
      ["chip", "chip"],
      ["what", "price"],
      ["price", "US$ per chip-hour"],
      ["date", "date"],
      ["sources", "sources"],
    ],
    priceRows,
    "TCO per chip-hour beside cloud prices",
  );
  const traceRows: [string, Traced | undefined][] = [
    ["chips", r.chips],
    ["energy per year", r.energyPerYear],
    ["electricity per year", r.electricityPerYear],
    ["US homes", r.homesUS],
    ["EU homes", r.homesEU],
    ["TCO per chip-hour", r.tcoPerChipHour],
  ];
  const trace = table(
    [
      ["output", "output"],
      ["arithmetic", "arithmetic"],
      ["sources", "sources"],
    ],
    traceRows
      .filter(([, t]) => t)
      .map(([output, t]) => ({ output, arithmetic: t!.formula, sources: t!.sources.join(" ") })),
    "Arithmetic and sources",
  );
  const inputs = table(
    [
      ["input", "input"],
      ["value", "value"],
      ["from", "from"],
      ["sources", "sources"],
      ["note", "note"],
    ],
    Object.entries(r.inputs).map(([k, i]) => inputRow(k, i)),
    "Inputs",
    "`from: stated` is a value you gave; economics.* values are in data/catalog/economics.json with their sources and alternatives.",
  );
  const blocks: Block[] = [fleet, gens, compute, costs, prices, trace, inputs];
  if (r.notes.length)
    blocks.push({ kind: "text", title: "Notes", text: r.notes.map((n) => `- ${n}`).join("\n") });
  return { schema: "gigawatt/capacity@1", title, blocks, data: capacityJson(r) };
}
