/**
 * Typed access to the catalog: chips, systems and LLM architectures, with every value in SI base
 * units and its sourced entry at hand. The data lives in `data/catalog/*.json`; this module
 * imports it, so it works the same in Node and in the browser.
 */
import chipsData from "../../data/catalog/chips.json" with { type: "json" };
import modelsData from "../../data/catalog/models.json" with { type: "json" };
import systemsData from "../../data/catalog/systems.json" with { type: "json" };
import { InputError } from "../errors.js";
import { parseQuantity, type QuantityKind } from "../units/quantity.js";
import { Index } from "./lookup.js";
import {
  type Chip,
  ChipsFile,
  type Model,
  ModelsFile,
  type Precision,
  type Price,
  type Source,
  type Sourced,
  type System,
  SystemsFile,
} from "./schema.js";

/** A sourced value in the SI base unit of `kind`. */
export function si(value: Sourced, kind: QuantityKind): number {
  return value.value * parseQuantity(`1 ${value.unit}`, kind).value;
}

function siOpt(value: Sourced | undefined, kind: QuantityKind): number | undefined {
  return value === undefined ? undefined : si(value, kind);
}

/** An accelerator (or host CPU) with its figures in SI units. */
export interface ChipSpec {
  id: string;
  name: string;
  vendor: string;
  family: string;
  kind: Chip["kind"];
  status: Chip["status"];
  /** Dense peak FLOP/s per precision; a precision the chip lacks is absent. */
  peakFlops: Partial<Record<Precision, number>>;
  /** Accelerator memory (HBM), bytes. */
  memoryBytes?: number;
  /** Accelerator memory bandwidth, bytes/s. */
  memoryBandwidth?: number;
  /** Scale-up bandwidth per chip, one direction, bytes/s (unstated direction is read as bidirectional). */
  scaleUpBandwidth?: number;
  /** Chips in the usual scale-up domain. */
  scaleUpDomain: number;
  /** Scale-out bandwidth per chip, one direction, bytes/s. */
  scaleOutBandwidth?: number;
  tdpW?: number;
  /** The sourced catalog entry. */
  entry: Chip;
}

/** A price normalised to one chip-hour. */
export interface ChipHourPrice {
  usdPerChipHour: number;
  kind: Price["kind"];
  region?: string;
  date: string;
  sources: string[];
  note?: string;
}

/**
 * The price to quote for a system today: its latest on-demand price, else its latest price of
 * any kind (ISO dates sort as text; "2025" sorts before "2025-06").
 */
export function currentPrice(prices: readonly ChipHourPrice[]): ChipHourPrice | undefined {
  const latest = (ps: readonly ChipHourPrice[]) =>
    ps.reduce<ChipHourPrice | undefined>((a, p) => (a === undefined || p.date > a.date ? p : a), undefined);
  return latest(prices.filter((p) => p.kind === "on-demand")) ?? latest(prices);
}

/** A system (instance, UltraServer, rack, TPU slice) with its figures in SI units. */
export interface SystemSpec {
  id: string;
  name: string;
  provider: string;
  chip: ChipSpec;
  chipsPerNode: number;
  scaleUpDomain: number;
  /** Scale-up bandwidth per chip, one direction, bytes/s. */
  scaleUpBandwidth?: number;
  /** Scale-out bandwidth per chip, one direction, bytes/s. */
  scaleOutBandwidth?: number;
  hostCpu?: ChipSpec;
  /** Power of one node with all its chips, W, where published. */
  nodePowerW?: number;
  prices: ChipHourPrice[];
  /** The sourced catalog entry (undefined for a system made up from a chip's defaults). */
  entry?: System;
}

function scaleUpPerDirection(chip: Chip): number | undefined {
  const up = chip.scaleUp;
  if (!up) return undefined;
  const b = si(up.bandwidth, "bandwidth");
  return up.direction === "unidirectional" ? b : b / 2;
}

function toChipSpec(c: Chip): ChipSpec {
  const peakFlops: Partial<Record<Precision, number>> = {};
  for (const [p, v] of Object.entries(c.flops) as [Precision, Sourced][]) peakFlops[p] = si(v, "computeRate");
  return {
    id: c.id,
    name: c.name,
    vendor: c.vendor,
    family: c.family,
    kind: c.kind,
    status: c.status,
    peakFlops,
    memoryBytes: siOpt(c.memory, "bytes"),
    memoryBandwidth: siOpt(c.memoryBandwidth, "bandwidth"),
    scaleUpBandwidth: scaleUpPerDirection(c),
    scaleUpDomain: c.scaleUp?.domain ?? 1,
    scaleOutBandwidth: siOpt(c.scaleOut, "bandwidth"),
    tdpW: siOpt(c.tdp, "power"),
    entry: c,
  };
}

function toSystemSpec(s: System, chips: Index<ChipSpec & { aliases: string[] }>): SystemSpec {
  const chip = chips.get(s.chip, `system ${s.id}`);
  const prices = s.prices.map((p) => ({
    usdPerChipHour: p.per === "chip-hour" ? p.usdPerHour : p.usdPerHour / s.chipsPerNode,
    kind: p.kind,
    region: p.region,
    date: p.date,
    sources: p.sources,
    note: p.note,
  }));
  const scaleOutNode = siOpt(s.scaleOutPerNode, "bandwidth");
  return {
    id: s.id,
    name: s.name,
    provider: s.provider,
    chip,
    chipsPerNode: s.chipsPerNode,
    scaleUpDomain: s.scaleUpDomain,
    scaleUpBandwidth: s.scaleUpBandwidth ? si(s.scaleUpBandwidth, "bandwidth") / 2 : chip.scaleUpBandwidth,
    scaleOutBandwidth: scaleOutNode !== undefined ? scaleOutNode / s.chipsPerNode : chip.scaleOutBandwidth,
    hostCpu: s.hostCpu ? chips.get(s.hostCpu, `system ${s.id} hostCpu`) : undefined,
    nodePowerW: siOpt(s.nodePower, "power"),
    prices,
    entry: s,
  };
}

/** The whole catalog, parsed and indexed. */
export class Catalog {
  readonly chips: Index<ChipSpec & { aliases: string[] }>;
  readonly systems: Index<SystemSpec & { aliases: string[] }>;
  readonly models: Index<Model>;
  /** Every source by id. */
  readonly sources: ReadonlyMap<string, Source>;

  constructor(raw: { chips: unknown; systems: unknown; models: unknown }) {
    const chips = ChipsFile.parse(raw.chips);
    const systems = SystemsFile.parse(raw.systems);
    const models = ModelsFile.parse(raw.models);
    const sources = new Map<string, Source>();
    for (const file of [chips, systems, models]) {
      for (const [id, s] of Object.entries(file.sources)) sources.set(id, s);
    }
    this.sources = sources;
    this.chips = new Index(
      "chip",
      chips.chips.map((c) => ({ ...toChipSpec(c), aliases: c.aliases })),
    );
    this.systems = new Index(
      "system",
      systems.systems.map((s) => ({ ...toSystemSpec(s, this.chips), aliases: s.aliases })),
    );
    this.models = new Index("model", models.models);
  }

  /** A chip by id or alias ("trn2", "H100 SXM"). */
  chip(name: string, location?: string): ChipSpec {
    return this.chips.get(name, location);
  }

  /** A system by id or alias ("p5.48xlarge", "trn2-ultraserver"). */
  system(name: string, location?: string): SystemSpec {
    return this.systems.get(name, location);
  }

  /** An LLM architecture by id or alias ("llama-3.1-405b"). */
  model(name: string, location?: string): Model {
    return this.models.get(name, location);
  }

  /**
   * A system by name, or, given a chip's name, a system made from the chip's defaults: its
   * usual scale-up domain, and nodes of `min(domain, 8)` chips.
   */
  systemOrChip(name: string, location?: string): SystemSpec {
    const system = this.systems.find(name);
    if (system) return system;
    const chip = this.chips.find(name);
    if (chip) return systemFromChip(chip);
    const hint = this.systems.suggest(name) ?? this.chips.suggest(name) ?? "see `gigawatt catalog systems`";
    throw new InputError(`unknown system or chip "${name}"`, { location, hint });
  }

  /** The sources behind ids; an unknown id is an internal fault (the tests check all of them). */
  sourcesOf(ids: readonly string[]): Source[] {
    return ids.map((id) => {
      const s = this.sources.get(id);
      if (!s) throw new Error(`catalog: unknown source "${id}"`);
      return s;
    });
  }
}

/** A system made from a chip's catalog defaults. */
export function systemFromChip(chip: ChipSpec): SystemSpec {
  return {
    id: chip.id,
    name: `${chip.name} (catalog defaults)`,
    provider: chip.vendor,
    chip,
    chipsPerNode: Math.min(chip.scaleUpDomain, 8),
    scaleUpDomain: chip.scaleUpDomain,
    scaleUpBandwidth: chip.scaleUpBandwidth,
    scaleOutBandwidth: chip.scaleOutBandwidth,
    prices: [],
  };
}

let shared: Catalog | undefined;

/** The catalog shipped with gigawatt, parsed once. */
export function catalog(): Catalog {
  shared ??= new Catalog({ chips: chipsData, systems: systemsData, models: modelsData });
  return shared;
}
