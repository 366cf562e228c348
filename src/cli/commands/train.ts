import { type Command, Option } from "commander";
import { catalog } from "../../catalog/catalog.js";
import type { Precision } from "../../catalog/schema.js";
import { InputError } from "../../errors.js";
import { searchChipCountsParallel } from "../../node/train-chips.js";
import { defaultThreads, searchTrainingParallel } from "../../node/train-parallel.js";
import type { Format } from "../../report/document.js";
import {
  type TrainContext,
  trainChipsReport,
  trainEstimateReport,
  trainSearchReport,
} from "../../report/train.js";
import { parseBatch, parseChipCounts } from "../../requests/train.js";
import { estimateTraining } from "../../train/estimate.js";
import type { Strategy, TrainingOptions } from "../../train/types.js";
import { parseQuantity } from "../../units/quantity.js";
import { positiveInt, print, withFormat } from "../common.js";

interface TrainFlags {
  model: string;
  system: string;
  chips?: number;
  maxChips?: number;
  chipCounts?: string;
  seq: number;
  batch?: string;
  batchSeqs?: number;
  tokens?: string;
  precision: Precision;
  tp?: number;
  pp?: number;
  vp?: number;
  dp?: number;
  cp?: number;
  ep?: number;
  microBatch?: number;
  zero?: string;
  recompute?: Strategy["recompute"];
  search?: boolean;
  top: number;
  price?: string;
  pue?: string;
  threads?: number;
  format: Format;
}

function quantityFlag(
  text: string,
  kind: "tokens" | "moneyRate" | "fraction",
  flag: string,
  hint: string,
): number {
  try {
    return parseQuantity(text, kind).value;
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, { location: flag, hint });
    throw e;
  }
}

/** `gigawatt train`: estimate a fixed strategy, or search for the best one. */
export function register(program: Command): void {
  const cmd = program
    .command("train")
    .description("plan LLM training: memory, step time, parallelism search, MFU, time, energy and cost")
    .requiredOption("--model <id>", "catalog model, e.g. llama-3.1-405b")
    .requiredOption("--system <id>", "catalog system or chip, e.g. p5.48xlarge or trainium2")
    .option("--chips <n>", "number of chips (leave out to sweep chip counts)", positiveInt("--chips"))
    .option(
      "--max-chips <n>",
      "without --chips: largest count of the sweep (default 64 x the smallest that fits)",
      positiveInt("--max-chips"),
    )
    .option("--chip-counts <list>", "without --chips: the counts to sweep, e.g. 1024,2048,4096")
    .requiredOption("--seq <n>", "sequence length in tokens", positiveInt("--seq"))
    .option("--batch <size>", "global batch: tokens (16M) or sequences (1536 seqs)")
    .option("--batch-seqs <n>", "global batch in sequences", positiveInt("--batch-seqs"))
    .option("--tokens <n>", "training tokens, e.g. 15T, for time to train, energy and cost")
    .addOption(
      new Option("--precision <p>", "matmul precision")
        .choices(["bf16", "fp16", "fp8", "fp4"])
        .default("bf16"),
    )
    .option("--tp <n>", "tensor parallel", positiveInt("--tp"))
    .option("--pp <n>", "pipeline stages", positiveInt("--pp"))
    .option("--vp <n>", "virtual stages per pipeline rank", positiveInt("--vp"))
    .option("--dp <n>", "data parallel", positiveInt("--dp"))
    .option("--cp <n>", "context parallel", positiveInt("--cp"))
    .option("--ep <n>", "expert parallel", positiveInt("--ep"))
    .option("--micro-batch <n>", "sequences per micro-batch", positiveInt("--micro-batch"))
    .addOption(new Option("--zero <stage>", "ZeRO stage (3 = FSDP)").choices(["0", "1", "2", "3"]))
    .addOption(
      new Option("--recompute <mode>", "activation recomputation").choices([
        "none",
        "selective",
        "partial",
        "full",
      ]),
    )
    .option("--search", "search the fields not given (default when no strategy flag is given)")
    .option("--top <n>", "how many strategies to list", positiveInt("--top"), 5)
    .option("--price <rate>", "price per chip-hour, e.g. $2.5/h (default: the system's)")
    .option("--pue <x>", "datacenter PUE (default 1.2)")
    .option("--threads <n>", "search threads (default: every core)", positiveInt("--threads"));
  withFormat(cmd).action(async (f: TrainFlags) => {
    const cat = catalog();
    const model = cat.model(f.model, "--model");
    const system = cat.systemOrChip(f.system, "--system");
    if (f.batch === undefined && f.batchSeqs === undefined)
      throw new InputError("no global batch", {
        location: "--batch",
        hint: "give --batch 16M (tokens) or --batch '1536 seqs'",
      });
    const batch = f.batchSeqs !== undefined ? { batchSeqs: f.batchSeqs } : parseBatch(f.batch!);
    const strategy: Partial<Strategy> = {};
    for (const k of ["tp", "pp", "vp", "dp", "cp", "ep", "microBatch"] as const)
      if (f[k] !== undefined) strategy[k] = f[k];
    if (f.zero !== undefined) strategy.zero = Number(f.zero) as Strategy["zero"];
    if (f.recompute !== undefined) strategy.recompute = f.recompute;
    if (f.chips !== undefined && (f.maxChips !== undefined || f.chipCounts !== undefined))
      throw new InputError("--max-chips and --chip-counts sweep chip counts; they do not go with --chips", {
        location: f.maxChips !== undefined ? "--max-chips" : "--chip-counts",
        hint: "leave out --chips to sweep, or the sweep flags to plan one count",
      });
    const opts: TrainingOptions = {
      model,
      system,
      chips: f.chips ?? 0,
      seq: f.seq,
      ...batch,
      precision: f.precision,
      tokens: f.tokens !== undefined ? quantityFlag(f.tokens, "tokens", "--tokens", "e.g. 15T") : undefined,
      pricePerChipHour:
        f.price !== undefined ? quantityFlag(f.price, "moneyRate", "--price", "e.g. $2.5/h") : undefined,
      pue: f.pue !== undefined ? Number(f.pue) : undefined,
      strategy,
    };
    if (opts.pue !== undefined && !(opts.pue >= 1))
      throw new InputError(`PUE must be a number of at least 1, got "${f.pue}"`, {
        location: "--pue",
        hint: "e.g. 1.2",
      });
    if (f.chips === undefined) {
      if (strategy.dp !== undefined)
        throw new InputError("--dp needs --chips", {
          location: "--dp",
          hint: "leave --dp out to sweep chip counts (dp is derived at each count)",
        });
      const counts = f.chipCounts !== undefined ? parseChipCounts(f.chipCounts) : undefined;
      const t0 = performance.now();
      const { chips: _, ...rest } = opts;
      const r = await searchChipCountsParallel(
        { ...rest, top: 1, maxChips: f.maxChips },
        counts,
        f.threads ?? defaultThreads(),
      );
      const sweepCtx = {
        model: model.name,
        system: system.name,
        chip: system.chip.name,
        seq: f.seq,
        precision: f.precision,
      };
      print(
        trainChipsReport(r, sweepCtx, { wallS: (performance.now() - t0) / 1000, workers: r.threads }),
        f.format,
      );
      return;
    }
    const ctx: TrainContext = {
      model: model.name,
      system: system.name,
      chip: system.chip.name,
      chips: f.chips,
      seq: f.seq,
      precision: f.precision,
    };
    const search = f.search || Object.keys(strategy).length === 0;
    if (!search) {
      print(trainEstimateReport(estimateTraining(opts), ctx), f.format);
      return;
    }
    const t0 = performance.now();
    const r = await searchTrainingParallel({ ...opts, top: f.top }, f.threads ?? defaultThreads());
    print(
      trainSearchReport(r, ctx, { wallS: (performance.now() - t0) / 1000, workers: r.threads }),
      f.format,
    );
  });
}
