/** Inline chips, systems and models for the training planner's tests (no catalog needed). */
import type { ChipSpec, SystemSpec } from "../../src/catalog/catalog.js";
import type { Model } from "../../src/catalog/schema.js";

export function h100(): ChipSpec {
  return {
    id: "h100-sxm",
    name: "H100 SXM",
    vendor: "NVIDIA",
    family: "hopper",
    kind: "gpu",
    status: "available",
    peakFlops: { bf16: 989e12, fp8: 1979e12 },
    memoryBytes: 80e9,
    memoryBandwidth: 3.35e12,
    scaleUpBandwidth: 450e9,
    scaleUpDomain: 8,
    scaleOutBandwidth: 50e9,
    tdpW: 700,
    entry: {} as ChipSpec["entry"],
  };
}

export function p5(): SystemSpec {
  const chip = h100();
  return {
    id: "p5.48xlarge",
    name: "p5.48xlarge",
    provider: "AWS",
    chip,
    chipsPerNode: 8,
    scaleUpDomain: 8,
    scaleUpBandwidth: 450e9,
    scaleOutBandwidth: 50e9,
    nodePowerW: 10200,
    prices: [{ usdPerChipHour: 3.9, kind: "on-demand", date: "2025", sources: ["x"] }],
  };
}

function model(m: Partial<Model> & Pick<Model, "layers" | "hidden" | "heads" | "ffn" | "vocab">): Model {
  return {
    id: "m",
    name: "test model",
    aliases: [],
    family: "test",
    hypothetical: false,
    kvHeads: m.heads,
    headDim: m.hidden / m.heads,
    activation: "gelu",
    tiedEmbeddings: false,
    sources: ["inline"],
    notes: [],
    ...m,
  } as Model;
}

export const gpt3 = (): Model =>
  model({
    id: "gpt3-175b",
    name: "GPT-3 175B",
    layers: 96,
    hidden: 12288,
    heads: 96,
    ffn: 49152,
    vocab: 50257,
  });

export const llama405 = (): Model =>
  model({
    id: "llama-3.1-405b",
    name: "Llama 3.1 405B",
    layers: 126,
    hidden: 16384,
    heads: 128,
    kvHeads: 8,
    headDim: 128,
    ffn: 53248,
    activation: "swiglu",
    vocab: 128256,
  });

export const small = (): Model =>
  model({ id: "small", name: "small", layers: 24, hidden: 2048, heads: 16, ffn: 8192, vocab: 50368 });

export const moe = (): Model =>
  model({
    id: "moe",
    name: "MoE test",
    layers: 24,
    hidden: 2048,
    heads: 32,
    kvHeads: 4,
    headDim: 128,
    ffn: 6144,
    activation: "swiglu",
    vocab: 151936,
    moe: { experts: 64, topK: 8, sharedExperts: 0, expertFfn: 768, denseLayers: 0, every: 1 },
  });
