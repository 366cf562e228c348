/** An inline catalog for capacity and deal tests, independent of data/catalog. */
import { Catalog } from "../../src/catalog/catalog.js";

const src = ["t"];
const v = (value: number, unit: string) => ({ value, unit, sources: src });

export const rawCatalog = {
  chips: {
    sources: { t: { title: "test", address: "test", date: "2025" } },
    chips: [
      {
        id: "trainium2",
        name: "Trainium2",
        vendor: "AWS",
        family: "trainium",
        kind: "accelerator",
        aliases: ["trn2"],
        flops: { bf16: v(667, "TFLOP/s"), fp8: v(1299, "TFLOP/s") },
        memory: v(96, "GiB"),
        tdp: v(500, "W"),
      },
      {
        id: "trainium3",
        name: "Trainium3",
        vendor: "AWS",
        family: "trainium",
        kind: "accelerator",
        flops: { bf16: v(671, "TFLOP/s"), fp8: v(2517, "TFLOP/s") },
        memory: v(144, "GiB"),
        tdp: v(1000, "W"),
      },
      {
        id: "trainium4",
        name: "Trainium4",
        vendor: "AWS",
        family: "trainium",
        kind: "accelerator",
        flops: {},
      },
      {
        id: "h100-sxm",
        name: "H100 SXM",
        vendor: "NVIDIA",
        family: "hopper",
        kind: "gpu",
        flops: { bf16: v(989, "TFLOP/s") },
        memory: v(80, "GB"),
        tdp: v(700, "W"),
      },
    ],
  },
  systems: {
    sources: { t: { title: "test", address: "test", date: "2025" } },
    systems: [
      {
        id: "trn2.48xlarge",
        name: "trn2.48xlarge",
        provider: "AWS",
        chip: "trainium2",
        chipsPerNode: 16,
        scaleUpDomain: 16,
        prices: [{ usdPerHour: 44.7, per: "instance-hour", kind: "on-demand", date: "2025", sources: src }],
      },
    ],
  },
  models: {
    sources: { t: { title: "test", address: "test", date: "2025" } },
    models: [
      {
        id: "llama-3.1-405b",
        name: "Llama 3.1 405B",
        family: "llama",
        layers: 126,
        hidden: 16384,
        heads: 128,
        kvHeads: 8,
        headDim: 128,
        ffn: 53248,
        activation: "swiglu",
        vocab: 128256,
        sources: src,
      },
    ],
  },
};

export const testCatalog = new Catalog(rawCatalog);
