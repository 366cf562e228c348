/**
 * Schemas of the catalog's data files (`data/catalog/*.json`). The schema is the single source
 * of truth: the TypeScript types below are inferred from it, and the loader's tests check every
 * data file against it.
 */
import { z } from "zod";

/** A public source: where a value was read, and the date it speaks for. */
export const Source = z.strictObject({
  title: z.string().min(1),
  address: z.string().min(1),
  date: z.string().min(4),
  kind: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

const sourceIds = z.array(z.string().min(1));

/** One disagreeing value, kept with its own sources. */
export const Alternative = z.strictObject({
  value: z.number(),
  sources: sourceIds.min(1),
  note: z.string().optional(),
});

/** The fields of a sourced number, for schemas that add fields of their own (with `refineSourced`). */
export const SourcedFields = {
  value: z.number(),
  unit: z.string().min(1),
  sources: sourceIds,
  note: z.string().optional(),
  derived: z.boolean().optional(),
  alternatives: z.array(Alternative).optional(),
};

/** The rules every sourced number keeps: quoted values cite a source, derived ones say how. */
export function refineSourced(
  v: { sources: string[]; derived?: boolean; note?: string },
  ctx: z.RefinementCtx,
): void {
  if (v.derived !== true && v.sources.length === 0)
    ctx.addIssue({
      code: "custom",
      message: "a quoted value needs at least one source (or derived: true with a note)",
    });
  if (v.derived === true && (v.note ?? "").length === 0)
    ctx.addIssue({ code: "custom", message: "a derived value needs a note that says how it was computed" });
}

/**
 * A sourced number: `value` in `unit` (written as people write it, e.g. "TFLOP/s", "GiB"),
 * with the ids of its sources. `derived` marks arithmetic done here rather than a quote, and
 * then `note` says how. `alternatives` keeps values that other sources give.
 */
export const Sourced = z.strictObject(SourcedFields).superRefine(refineSourced);
export type Sourced = z.infer<typeof Sourced>;

/** A sourced date (YYYY, YYYY-MM or YYYY-MM-DD) or other text fact. */
export const SourcedText = z.strictObject({
  value: z.string().min(1),
  sources: sourceIds.min(1),
  note: z.string().optional(),
});
export type SourcedText = z.infer<typeof SourcedText>;

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "ids are lower-case letters, digits, '.' and '-'");

export const Precision = z.enum(["fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4"]);
export type Precision = z.infer<typeof Precision>;

/** An accelerator or host CPU. */
export const Chip = z.strictObject({
  id,
  name: z.string(),
  vendor: z.string(),
  /** Calibration family: efficiency constants are kept per family. */
  family: z.string(),
  kind: z.enum(["gpu", "tpu", "accelerator", "cpu"]),
  aliases: z.array(z.string()).default([]),
  status: z.enum(["available", "announced", "retired"]).default("available"),
  announced: SourcedText.optional(),
  available: SourcedText.optional(),
  /** Dense peak FLOP/s per precision (sparsity headlines halved). */
  flops: z.partialRecord(Precision, Sourced).default({}),
  memory: Sourced.optional(),
  memoryBandwidth: Sourced.optional(),
  sram: Sourced.optional(),
  scaleUp: z
    .strictObject({
      name: z.string(),
      /** Per-chip scale-up bandwidth as the source states it. */
      bandwidth: Sourced,
      direction: z.enum(["bidirectional", "unidirectional", "unstated"]),
      /** Chips in one scale-up domain (NVLink/NeuronLink/ICI island) in the usual system. */
      domain: z.number().int().positive(),
      topology: z.string().optional(),
    })
    .optional(),
  /** Scale-out (NIC) bandwidth per chip, one direction. */
  scaleOut: Sourced.optional(),
  tdp: Sourced.optional(),
  /** CPU-only facts. */
  cores: Sourced.optional(),
  notes: z.array(z.string()).default([]),
});
export type Chip = z.infer<typeof Chip>;

export const PriceKind = z.enum(["on-demand", "reserved", "capacity-block", "spot", "list", "estimate"]);

export const Price = z.strictObject({
  usdPerHour: z.number().positive(),
  per: z.enum(["instance-hour", "chip-hour"]),
  kind: PriceKind,
  region: z.string().optional(),
  date: z.string().min(4),
  sources: sourceIds.min(1),
  note: z.string().optional(),
});
export type Price = z.infer<typeof Price>;

/** A system: a cloud instance, an UltraServer, a rack or a TPU slice. */
export const System = z.strictObject({
  id,
  name: z.string(),
  provider: z.string(),
  aliases: z.array(z.string()).default([]),
  chip: id,
  chipsPerNode: z.number().int().positive(),
  /** Chips joined by the scale-up network (>= chipsPerNode for UltraServers and racks). */
  scaleUpDomain: z.number().int().positive(),
  /** Overrides the chip's scale-up bandwidth when the system differs from the chip's default. */
  scaleUpBandwidth: Sourced.optional(),
  /** Scale-out bandwidth of one node (all NICs), one direction. */
  scaleOutPerNode: Sourced.optional(),
  hostCpu: id.optional(),
  vcpus: z.number().int().positive().optional(),
  hostMemory: Sourced.optional(),
  nodePower: Sourced.optional(),
  prices: z.array(Price).default([]),
  sources: sourceIds.default([]),
  notes: z.array(z.string()).default([]),
});
export type System = z.infer<typeof System>;

/** An LLM architecture. Plain architecture fields come from the entry's `sources` (a config file). */
export const Model = z.strictObject({
  id,
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  family: z.string(),
  hypothetical: z.boolean().default(false),
  /** For hypothetical models: what was assumed and why. */
  assumptions: z.string().optional(),
  layers: z.number().int().positive(),
  hidden: z.number().int().positive(),
  heads: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
  /** Dense FFN inner size (for MoE models: of the dense layers, if any). */
  ffn: z.number().int().positive(),
  activation: z.enum(["gelu", "relu", "swiglu", "geglu"]),
  vocab: z.number().int().positive(),
  tiedEmbeddings: z.boolean().default(false),
  /** Learned absolute position embeddings add maxSeq x hidden parameters (GPT-2/3, MPT without ALiBi); default rope. */
  positionEmbedding: z.enum(["rope", "learned", "alibi", "relative", "none"]).optional(),
  maxSeq: z.number().int().positive().optional(),
  moe: z
    .strictObject({
      experts: z.number().int().positive(),
      topK: z.number().int().positive(),
      sharedExperts: z.number().int().nonnegative().default(0),
      expertFfn: z.number().int().positive(),
      /** The first `denseLayers` layers use a dense FFN of size `ffn`. */
      denseLayers: z.number().int().nonnegative().default(0),
      /** Every `every`-th layer is MoE (1 = all layers after denseLayers). */
      every: z.number().int().positive().default(1),
    })
    .optional(),
  mla: z
    .strictObject({
      qLoraRank: z.number().int().nonnegative(),
      kvLoraRank: z.number().int().positive(),
      qkNopeHeadDim: z.number().int().positive(),
      qkRopeHeadDim: z.number().int().positive(),
      vHeadDim: z.number().int().positive(),
    })
    .optional(),
  /**
   * Parameters the architecture fields do not describe (a vision encoder, relative-position
   * projections), so that the computed count can be checked against the published one.
   */
  uncountedParams: Sourced.optional(),
  /** Published total and active parameter counts, to check the architecture math against. */
  params: Sourced.optional(),
  activeParams: Sourced.optional(),
  sources: sourceIds.min(1),
  notes: z.array(z.string()).default([]),
});
export type Model = z.infer<typeof Model>;

const sourcesMap = z.record(z.string(), Source);

export const ChipsFile = z.strictObject({ sources: sourcesMap, chips: z.array(Chip) });
export const SystemsFile = z.strictObject({ sources: sourcesMap, systems: z.array(System) });
export const ModelsFile = z.strictObject({ sources: sourcesMap, models: z.array(Model) });
