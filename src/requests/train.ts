/**
 * The training request (`gigawatt train`, POST /v1/train): a strategy to estimate, a search for the
 * best one, or, without a chip count, a sweep of chip counts against time.
 */
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { Strategy, TrainingOptions } from "../train/types.js";
import { LIMITS } from "../units/limits.js";
import { parseQuantity, SECONDS_PER_HOUR } from "../units/quantity.js";
import { amount, catalogRef, flag, oneOf, whole } from "./fields.js";
import { conflict, type EngineNames } from "./read.js";

/** "16M" or "16M tokens" -> tokens; "1536 seqs" / "1536 sequences" -> sequences. */
const batch = z.union([z.string(), z.number()]).transform((v, ctx): { tokens?: number; seqs?: number } => {
  const t = String(v);
  const seqs = /^\s*(.+?)\s*(seq|seqs|sequences?)\s*$/i.exec(t);
  try {
    if (seqs) {
      const n = parseQuantity(seqs[1]!, "count").value;
      if (Number.isInteger(n) && n > 0 && n <= LIMITS.batchSeqs.max) return { seqs: n };
    } else {
      const n = parseQuantity(t, "tokens").value;
      if (n >= 1 && n <= LIMITS.batchTokens.max) return { tokens: n };
    }
  } catch {
    // refused below, with the batch's own hint
  }
  ctx.addIssue({
    code: "custom",
    message: `"${t}" is not a global batch of 1 to ${LIMITS.batchTokens.max.toExponential()} tokens or up to ${LIMITS.batchSeqs.max.toExponential()} sequences`,
    params: { hint: "e.g. 16M (tokens) or 1536 seqs" },
  });
  return z.NEVER;
});

/** "1024,2048,4k" or [1024, 2048, "4k"]: whole chip counts, at most LIMITS.sweepCounts of them. */
const chipCounts = z
  .union([z.string().max(LIMITS.text.max), z.array(z.union([z.string(), z.number()]))])
  .transform((v, ctx): number[] => {
    const items = (typeof v === "string" ? v.split(",") : v)
      .map((x) => String(x).trim())
      .filter((x) => x !== "");
    const bad = (message: string, hint = "e.g. 1024,2048,4096") => {
      ctx.addIssue({ code: "custom", message, params: { hint } });
      return z.NEVER;
    };
    if (items.length === 0) return bad("no chip counts given");
    if (items.length > LIMITS.sweepCounts.max)
      return bad(
        `${items.length} chip counts, above the ${LIMITS.sweepCounts.max} allowed`,
        LIMITS.sweepCounts.why,
      );
    const counts: number[] = [];
    for (const x of items) {
      let n = Number.NaN;
      try {
        n = parseQuantity(x, "count").value;
      } catch {
        // refused below
      }
      if (!Number.isInteger(n) || n <= 0) return bad(`"${x}" is not a whole number of chips above 0`);
      if (n > LIMITS.chips.max)
        return bad(`"${x}" is above ${LIMITS.chips.max.toLocaleString("en-US")}`, LIMITS.chips.why);
      counts.push(n);
    }
    return counts;
  });

const STRATEGY = ["tp", "pp", "vp", "dp", "cp", "ep", "microBatch"] as const;

export const TrainRequest = z
  .strictObject({
    model: catalogRef("models").describe("catalog model, e.g. llama-3.1-405b"),
    system: catalogRef("systemOrChip").describe("catalog system or chip, e.g. p5.48xlarge or trainium2"),
    chips: whole(LIMITS.chips).optional().describe("number of chips (leave out to sweep chip counts)"),
    maxChips: whole(LIMITS.chips)
      .optional()
      .describe("without chips: largest count of the sweep (default 64 x the smallest that fits)"),
    chipCounts: chipCounts.optional().describe("without chips: the counts to sweep, e.g. 1024,2048,4096"),
    seq: whole(LIMITS.sequence).describe("sequence length in tokens, e.g. 8192"),
    batch: batch.optional().describe("global batch: tokens (16M) or sequences (1536 seqs)"),
    batchSeqs: whole(LIMITS.batchSeqs).optional().describe("global batch in sequences, e.g. 1536"),
    tokens: amount("tokens", { zero: false, max: LIMITS.trainingTokens })
      .optional()
      .describe("training tokens, e.g. 15T, for time to train, energy and cost"),
    precision: oneOf(["bf16", "fp16", "fp8", "fp4"])
      .default("bf16")
      .describe("matmul precision: bf16 (the default), fp16, fp8 or fp4"),
    tp: whole().optional().describe("tensor parallel"),
    pp: whole().optional().describe("pipeline stages"),
    vp: whole().optional().describe("virtual stages per pipeline rank"),
    dp: whole().optional().describe("data parallel"),
    cp: whole().optional().describe("context parallel"),
    ep: whole().optional().describe("expert parallel"),
    microBatch: whole(LIMITS.batchSeqs).optional().describe("sequences per micro-batch"),
    zero: oneOf(["0", "1", "2", "3"]).optional().describe("ZeRO stage (3 = FSDP)"),
    recompute: oneOf(["none", "selective", "partial", "full"])
      .optional()
      .describe("activation recomputation"),
    search: flag.optional().describe("search the fields not given (default when no strategy field is given)"),
    top: whole(LIMITS.top).default(5).describe("how many strategies to list"),
    price: amount("moneyRate", { zero: false, max: LIMITS.money })
      .optional()
      .describe("price per chip-hour, e.g. $2.5/h (default: the system's)"),
    pue: amount("count", { min: { min: 1, why: "PUE is facility power over IT power: 1 or more" }, max: 10 })
      .optional()
      .describe("datacenter PUE, e.g. 1.2 (the default)"),
  })
  .superRefine((r, ctx) => {
    conflict(ctx, r, "batch", "batchSeqs");
    conflict(ctx, r, "chips", "maxChips");
    conflict(ctx, r, "chips", "chipCounts");
    conflict(ctx, r, "maxChips", "chipCounts");
    if (r.batch === undefined && r.batchSeqs === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["batch"],
        message: "no global batch",
        params: { hint: "give {batch} 16M (tokens) or 1536 seqs, or {batchSeqs}" },
      });
    if (r.chips === undefined && r.dp !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["dp"],
        message: "{dp} needs {chips}",
        params: { hint: "leave {dp} out to sweep chip counts (dp is derived at each count)" },
      });
  });
export type TrainRequest = z.output<typeof TrainRequest>;

/** Engine options named otherwise in the request. */
export const TRAIN_NAMES: EngineNames = {
  batchTokens: "batch",
  pricePerChipHour: "price",
  "max chips": "maxChips",
};

/** What a training request asks: one strategy's estimate, a search, or a sweep of chip counts. */
export type TrainPlan =
  | { kind: "estimate" | "search"; options: TrainingOptions & { top: number }; chips: number }
  | {
      kind: "sweep";
      options: Omit<TrainingOptions, "chips"> & { top: 1; maxChips?: number };
      counts?: number[];
    };

/** The engine's options for a training request. */
export function trainPlan(r: TrainRequest, cat: Catalog): TrainPlan {
  const strategy: Partial<Strategy> = {};
  for (const k of STRATEGY) if (r[k] !== undefined) strategy[k] = r[k];
  if (r.zero !== undefined) strategy.zero = Number(r.zero) as Strategy["zero"];
  if (r.recompute !== undefined) strategy.recompute = r.recompute;
  const common = {
    model: cat.model(r.model),
    system: cat.systemOrChip(r.system),
    seq: r.seq,
    batchTokens: r.batch?.tokens,
    batchSeqs: r.batchSeqs ?? r.batch?.seqs,
    precision: r.precision,
    tokens: r.tokens,
    // The request's price is US$ per second (a moneyRate); the engine's is per chip-hour.
    pricePerChipHour: r.price !== undefined ? r.price * SECONDS_PER_HOUR : undefined,
    pue: r.pue,
    strategy,
  };
  if (r.chips === undefined)
    return { kind: "sweep", options: { ...common, top: 1, maxChips: r.maxChips }, counts: r.chipCounts };
  const search = r.search === true || Object.keys(strategy).length === 0;
  return {
    kind: search ? "search" : "estimate",
    options: { ...common, chips: r.chips, top: r.top },
    chips: r.chips,
  };
}
