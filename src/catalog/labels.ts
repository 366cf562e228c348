/**
 * Hardware as people and papers write it: free-form labels of published runs ("8x NVIDIA
 * H100-SXM-80GB", "AWS Trainium (Trn1)", "TPU v5p-512") mapped to catalog ids, and how the
 * vendors' software counts tensor parallelism on a chip. One table for the training and serving
 * validators and the planners' inputs; it maps names only, never results.
 */
import type { Catalog, ChipSpec, SystemSpec } from "./catalog.js";
import { systemFromChip } from "./catalog.js";

/** A label pattern and the catalog systems or chips it names, best first. */
export interface HardwareLabel {
  pattern: RegExp;
  /** Catalog ids (systems first, then the chip); empty: the label is ambiguous. */
  ids: string[];
}

/** Patterns in order: the first that matches wins (GB200 before B200, GH200 before H200). */
export const HARDWARE_LABELS: readonly HardwareLabel[] = [
  { pattern: /\bA100\/H100\b/, ids: [] },
  { pattern: /GB300/i, ids: ["gb300-nvl72", "gb300"] },
  { pattern: /GB200/i, ids: ["gb200-nvl72", "gb200"] },
  { pattern: /GH200/i, ids: ["gh200"] },
  { pattern: /\bB300\b/i, ids: ["dgx-b300", "b300"] },
  { pattern: /\bB200\b/i, ids: ["dgx-b200", "b200"] },
  { pattern: /H800/i, ids: ["h800"] },
  { pattern: /H200/i, ids: ["p5e.48xlarge", "h200"] },
  { pattern: /H100.*PCIe/i, ids: ["h100-pcie"] },
  { pattern: /H100.*\bA3\b/i, ids: ["a3-highgpu-8g"] },
  { pattern: /H100/i, ids: ["dgx-h100", "p5.48xlarge", "h100-sxm"] },
  { pattern: /A100.*40\s?GB/i, ids: ["a100-40gb", "p4d.24xlarge"] },
  { pattern: /A100/i, ids: ["dgx-a100", "a100-80gb", "p4de.24xlarge"] },
  { pattern: /V100/i, ids: ["v100", "p3dn.24xlarge"] },
  { pattern: /L40S/i, ids: ["l40s"] },
  { pattern: /RTX PRO 6000/i, ids: ["rtx-pro-6000"] },
  { pattern: /TPU\s*v5\s*e|v5e|v5\s*lite/i, ids: ["gcp-tpu-v5e", "tpu-v5e"] },
  { pattern: /TPU\s*v5\s*p|v5p/i, ids: ["gcp-tpu-v5p", "tpu-v5p"] },
  { pattern: /TPU\s*v6|trillium/i, ids: ["gcp-tpu-v6e", "tpu-v6e"] },
  { pattern: /TPU\s*v4/i, ids: ["gcp-tpu-v4", "tpu-v4"] },
  { pattern: /TPU\s*v3/i, ids: ["gcp-tpu-v3", "tpu-v3"] },
  { pattern: /Inferentia\s*2|Inf2/i, ids: ["inf2.48xlarge", "inferentia2"] },
  { pattern: /Trainium\s*3|trn3/i, ids: ["trn3-ultraserver", "trainium3"] },
  { pattern: /Trainium\s*2|trn2/i, ids: ["trn2.48xlarge", "trainium2"] },
  { pattern: /Trainium\s*1?\b|trn1/i, ids: ["trn1.32xlarge", "trainium1"] },
  { pattern: /MI355/i, ids: ["mi355x"] },
  { pattern: /MI325/i, ids: ["mi325x"] },
  { pattern: /MI300/i, ids: ["mi300x"] },
  { pattern: /MI250/i, ids: ["mi250x"] },
  { pattern: /Gaudi\s*3/i, ids: ["gaudi3"] },
  { pattern: /Gaudi\s*2/i, ids: ["gaudi2"] },
];

/** What a hardware label names: the chip, and the systems (or a system made from the chip), best first. */
export interface ResolvedHardware {
  chip: ChipSpec;
  systems: SystemSpec[];
}

/**
 * Resolves a free-form hardware label; `undefined` with the reason when it names nothing in the
 * catalog (or is ambiguous). A label that is a catalog alias of a chip resolves to that chip.
 */
export function resolveHardware(label: string, cat: Catalog): ResolvedHardware | { reason: string } {
  const direct = cat.chips.find(label);
  const h = HARDWARE_LABELS.find((x) => x.pattern.test(label));
  if (h && h.ids.length === 0) return { reason: `ambiguous hardware "${label}"` };
  const systems: SystemSpec[] = [];
  for (const id of h?.ids ?? []) {
    const s = cat.systems.find(id);
    const c = s ? undefined : cat.chips.find(id);
    const sys = s ?? (c ? systemFromChip(c) : undefined);
    if (sys && !systems.some((x) => x.id === sys.id)) systems.push(sys);
  }
  const chip = direct ?? systems[0]?.chip;
  if (!chip) {
    return {
      reason: h
        ? `hardware "${label}" maps to ${h.ids.join("/")}, not in the catalog`
        : `hardware "${label}" matches no catalog chip`,
    };
  }
  return { chip, systems: systems.length > 0 ? systems : [systemFromChip(chip)] };
}

/**
 * How many units of a published tensor-parallel degree make one chip: Neuron counts TP in
 * NeuronCores - two per Inferentia2 or Trainium1 chip (NeuronCore-v2), four logical cores per
 * Trainium2 chip at the default logical-NeuronCore setting LNC=2 (8 physical NeuronCore-v3);
 * Trainium3 is taken to count the same way (8 NeuronCore-v4, LNC=2). Everything else counts chips.
 */
const TP_UNITS_PER_CHIP: Readonly<Record<string, number>> = {
  inferentia2: 2,
  trainium1: 2,
  trainium2: 4,
  trainium3: 4,
  trainium4: 4,
};

/** Units of a published TP degree per chip (1 outside Neuron). */
export function tpUnitsPerChip(chip: Pick<ChipSpec, "id">): number {
  return TP_UNITS_PER_CHIP[chip.id] ?? 1;
}
