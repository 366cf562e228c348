/**
 * Named efficiency constants per chip family, stored as data (`data/calibration/training.json`)
 * with the validation rows that justify each one. A family covers chips by id or by the catalog's
 * `family` field; anything a family leaves out comes from `default`.
 */
import data from "../../data/calibration/training.json" with { type: "json" };
import type { ChipSpec } from "../catalog/catalog.js";

/** The constants of one chip family. */
export interface FamilyCalibration {
  /** Fraction of the dense bf16/fp16 peak that large training GEMMs sustain. */
  matmulEfficiency: number;
  /** Fraction of the fp8/fp4 dense peak that large GEMMs sustain (scaling and casts cost more). */
  lowPrecisionMatmulEfficiency: number;
  /** Throughput of routed-expert (grouped) GEMMs relative to dense GEMMs: permutation, imbalance, small groups. */
  moeEfficiency: number;
  /** Fraction of the bf16 peak that flash-style attention sustains (forward and backward). */
  attentionEfficiency: number;
  /** GEMM dimension at which a matmul reaches half its large-size efficiency (tiles, waves). */
  gemmHalfSize: number;
  /** Fraction of HBM bandwidth that elementwise kernels sustain. */
  memoryBandwidthEfficiency: number;
  /** Fraction of scale-up link bandwidth that collectives sustain. */
  scaleUpEfficiency: number;
  /** Fraction of scale-out (NIC) bandwidth that collectives sustain. */
  scaleOutEfficiency: number;
  /** Fraction of tensor-parallel communication hidden behind GEMMs. */
  tpOverlap: number;
  /** Launch and synchronisation overhead per layer per micro-batch (forward + backward), s. */
  kernelOverheadS: number;
  /** Fixed overhead per optimizer step (data loading, logging, launch), s. */
  stepOverheadS: number;
}

interface FamilyEntry extends Partial<FamilyCalibration> {
  chips: string[];
  families?: string[];
  notes?: Record<string, string>;
}

const families = (data as unknown as { families: Record<string, FamilyEntry> }).families;

const KEYS: (keyof FamilyCalibration)[] = [
  "matmulEfficiency",
  "lowPrecisionMatmulEfficiency",
  "attentionEfficiency",
  "moeEfficiency",
  "gemmHalfSize",
  "memoryBandwidthEfficiency",
  "scaleUpEfficiency",
  "scaleOutEfficiency",
  "tpOverlap",
  "kernelOverheadS",
  "stepOverheadS",
];

function pick(entry: Partial<FamilyCalibration>): Partial<FamilyCalibration> {
  const out: Partial<FamilyCalibration> = {};
  for (const k of KEYS) if (typeof entry[k] === "number") out[k] = entry[k];
  return out;
}

/** The name of the calibration family that covers a chip ("default" if none does). */
export function calibrationFamily(chip: Pick<ChipSpec, "id" | "family">): string {
  for (const [name, f] of Object.entries(families)) {
    if (name === "default") continue;
    if (f.chips.includes(chip.id)) return name;
    if (f.families?.some((x) => x.toLowerCase() === chip.family.toLowerCase())) return name;
  }
  return "default";
}

/** The constants for a chip: its family's, filled from `default`, then `override`. */
export function calibrationFor(
  chip: Pick<ChipSpec, "id" | "family">,
  override: Partial<FamilyCalibration> = {},
): FamilyCalibration & { family: string } {
  const family = calibrationFamily(chip);
  const base = pick(families.default as FamilyEntry) as FamilyCalibration;
  return { ...base, ...pick(families[family] ?? { chips: [] }), ...override, family };
}

/** The `default` family's constants: the starting point of a fit, and what an unfitted family uses. */
export function defaultCalibration(): FamilyCalibration {
  return pick(families.default as FamilyEntry) as FamilyCalibration;
}

/** Every family with its constants and notes, for reports. */
export function calibrationTable(): {
  family: string;
  chips: string[];
  constants: Partial<FamilyCalibration>;
  notes: Record<string, string>;
}[] {
  return Object.entries(families).map(([family, f]) => ({
    family,
    chips: f.chips,
    constants: pick(f),
    notes: f.notes ?? {},
  }));
}
