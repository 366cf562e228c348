/** Inline chips, systems and models for unit tests (independent of the catalog data). */
import { type ChipSpec, type SystemSpec, systemFromChip } from "../../src/catalog/catalog.js";
import type { Model } from "../../src/catalog/schema.js";

export function chip(over: Partial<ChipSpec> = {}): ChipSpec {
  return {
    id: "h100-sxm",
    name: "Test H100",
    vendor: "test",
    family: "nvidia-hopper",
    kind: "gpu",
    status: "available",
    peakFlops: { bf16: 989e12, fp16: 989e12, fp8: 1979e12 },
    memoryBytes: 80e9,
    memoryBandwidth: 3.35e12,
    scaleUpBandwidth: 450e9,
    scaleUpDomain: 8,
    scaleOutBandwidth: 50e9,
    tdpW: 700,
    entry: {} as ChipSpec["entry"],
    ...over,
  };
}

export function system(c: ChipSpec = chip(), over: Partial<SystemSpec> = {}): SystemSpec {
  return {
    ...systemFromChip(c),
    prices: [{ usdPerChipHour: 4, kind: "on-demand", date: "2025", sources: ["test"] }],
    ...over,
  };
}

export function dense(over: Partial<Model> = {}): Model {
  return {
    id: "test-70b",
    name: "Test 70B",
    aliases: [],
    family: "llama",
    hypothetical: true,
    layers: 80,
    hidden: 8192,
    heads: 64,
    kvHeads: 8,
    headDim: 128,
    ffn: 28672,
    activation: "swiglu",
    vocab: 128256,
    tiedEmbeddings: false,
    maxSeq: 131072,
    sources: ["test"],
    notes: [],
    ...over,
  };
}

export function small(): Model {
  return dense({
    id: "test-8b",
    name: "Test 8B",
    layers: 32,
    hidden: 4096,
    heads: 32,
    kvHeads: 8,
    ffn: 14336,
  });
}

export function moe(): Model {
  return dense({
    id: "test-8x7b",
    name: "Test 8x7B",
    layers: 32,
    hidden: 4096,
    heads: 32,
    kvHeads: 8,
    ffn: 14336,
    vocab: 32000,
    moe: { experts: 8, topK: 2, sharedExperts: 0, expertFfn: 14336, denseLayers: 0, every: 1 },
  });
}
