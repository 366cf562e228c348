/**
 * Named efficiency constants of the training planner per chip family, stored as data
 * (`data/calibration/training.json`, the format of src/catalog/calibration.ts) with the
 * validation rows that justify each one. A family covers chips by id or by the catalog's
 * `family` field; anything a family leaves out comes from `default`.
 */
import data from "../../data/calibration/training.json" with { type: "json" };
import { CalibrationTable } from "../catalog/calibration.js";
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

/** The names of the constants, in the order reports list them. */
export const TRAINING_CONSTANTS = [
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
] as const satisfies readonly (keyof FamilyCalibration)[];

/** The training calibration file, parsed and checked. */
export const trainingCalibration = new CalibrationTable<FamilyCalibration & Record<string, number>>(
  "data/calibration/training.json",
  TRAINING_CONSTANTS,
  data,
);

/** The name of the calibration family that covers a chip ("default" if none does). */
export function calibrationFamily(chip: Pick<ChipSpec, "id" | "family">): string {
  return trainingCalibration.familyOf(chip)?.family ?? "default";
}

/** The constants for a chip: its family's, filled from `default`, then `override`. */
export function calibrationFor(
  chip: Pick<ChipSpec, "id" | "family">,
  override: Partial<FamilyCalibration> = {},
): FamilyCalibration & { family: string } {
  return trainingCalibration.constantsFor(chip, override);
}

/** The `default` family's constants: the starting point of a fit, and what an unfitted family uses. */
export function defaultCalibration(): FamilyCalibration {
  return { ...trainingCalibration.defaults };
}
