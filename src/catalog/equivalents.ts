/**
 * Known things reports compare power to (`data/catalog/equivalents.json`): a Hoover Dam, a US
 * nuclear reactor, each with its sourced power, so "5 GW, more than two Hoover Dams" can be checked.
 */
import { z } from "zod";
import equivalentsData from "../../data/catalog/equivalents.json" with { type: "json" };
import { Source, Sourced } from "./schema.js";

const POWER_UNITS: Record<string, number> = { W: 1, kW: 1e3, MW: 1e6, GW: 1e9 };

export const EquivalentsFile = z.strictObject({
  sources: z.record(z.string(), Source),
  /** By what reports count: "dams", "reactors". */
  equivalents: z.record(
    z.string(),
    z.strictObject({
      name: z.string(),
      power: Sourced.refine((v) => v.unit in POWER_UNITS, { message: "unit must be W, kW, MW or GW" }),
    }),
  ),
});
export type EquivalentsFile = z.infer<typeof EquivalentsFile>;

/** A known thing's power in watts, with its catalog entry. */
export interface Equivalent {
  name: string;
  powerW: number;
  sources: string[];
  note?: string;
}

let parsed: EquivalentsFile | undefined;

/** The file, parsed once. */
export function equivalentsFile(): EquivalentsFile {
  parsed ??= EquivalentsFile.parse(equivalentsData);
  return parsed;
}

/** What one of `what` ("dams", "reactors") stands for in power, if the catalog knows it. */
export function equivalent(what: string): Equivalent | undefined {
  const e = equivalentsFile().equivalents[what];
  if (!e) return undefined;
  return {
    name: e.name,
    powerW: e.power.value * POWER_UNITS[e.power.unit]!,
    sources: e.power.sources,
    note: e.power.note,
  };
}
