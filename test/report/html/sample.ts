/** A report with every chart kind and plausible numbers, for the HTML tests and screenshots. */
import type { HtmlReportSpec } from "../../../src/report/html/spec.js";
import { monteCarlo } from "../../../src/uncertainty/monte-carlo.js";
import { sensitivity } from "../../../src/uncertainty/sensitivity.js";
import type { Uncertain } from "../../../src/uncertainty/value.js";

const inputs: Record<string, Uncertain> = {
  power: {
    type: "choice",
    options: [
      { value: 5e9, weight: 2, sources: ["Reuters"] },
      { value: 2.2e9, weight: 1, sources: ["The Information"] },
    ],
  },
  pue: { type: "triangular", low: 1.08, mode: 1.15, high: 1.3 },
  chipW: { type: "triangular", low: 900, mode: 1000, high: 1300 },
  mfu: { type: "uniform", low: 0.3, high: 0.5 },
  flopsPerChip: { type: "lognormal", median: 1.3e15, sigma: 0.15 },
};
const evaluate = (v: Record<string, number>) => {
  const chips = v.power! / (v.chipW! * 1.3 * v.pue!);
  return {
    chips,
    eflops: chips * v.flopsPerChip!,
    runsPerYear: (chips * v.flopsPerChip! * v.mfu! * 3.156e7) / 3.8e25,
  };
};

export function sampleReport(): HtmlReportSpec {
  const mc = monteCarlo({ inputs, evaluate, samples: 4000, seed: 1 });
  const [tornado] = sensitivity({ inputs, evaluate, output: "runsPerYear" });
  const years = ["2026", "2027", "2028", "2029", "2030", "2031"];
  return {
    title: "Amazon-Anthropic 2026: what 5 GW buys",
    subtitle: "Sample report with every chart kind <and> escaping & checks",
    footer: "gigawatt test sample, seed 1, 4,000 samples",
    sections: [
      {
        title: "Headline",
        intro: "Each figure is the p50 of 4,000 samples, with its p5-p95 range and the sources it traces to.",
        figures: [
          {
            label: "Investment",
            value: "$5B",
            range: { p5: "$4B", p95: "$25B" },
            sources: ["Reuters", "CNBC", "The Information"],
          },
          {
            label: "Power",
            value: "5 GW",
            range: { p5: "2.2 GW", p95: "5 GW" },
            sources: ["Amazon press release"],
          },
          {
            label: "Chips",
            value: "3.3M",
            range: { p5: "1.4M", p95: "3.6M" },
            limit: "power (5 GW at PUE 1.15)",
          },
          { label: "Peak compute", value: "4.3 EFLOP/s", range: { p5: "1.9", p95: "5.2" } },
          { label: "Homes equivalent", value: "4.2M US homes", note: "10,500 kWh per home per year" },
        ],
      },
      {
        title: "Capacity",
        charts: [
          {
            kind: "stackedBar",
            title: "Power online by chip generation",
            unit: { kind: "power" },
            valueLabel: "power online",
            categories: years,
            series: [
              { label: "Trainium2", values: [0.5e9, 1e9, 1e9, 0.8e9, 0.5e9, 0.2e9] },
              { label: "Trainium3", values: [0, 0.5e9, 1.5e9, 2e9, 2e9, 1.8e9] },
              { label: "Trainium4", values: [0, 0, 0.3e9, 1.2e9, 2.5e9, 3e9] },
            ],
            markers: [{ value: 5e9, label: "5 GW commitment" }],
            caption: "Ramp from the deal's phases; generations from the seeds.",
          },
          {
            kind: "stackedBar",
            title: "Cost per chip-hour",
            unit: { kind: "money", suffix: "/h" },
            categories: ["Trainium2", "Trainium3", "H100"],
            series: [
              { label: "chips", values: [0.62, 0.9, 1.4] },
              { label: "servers and network", values: [0.25, 0.3, 0.45] },
              { label: "facility", values: [0.18, 0.22, 0.2] },
              { label: "electricity", values: [0.06, 0.09, 0.08] },
            ],
          },
        ],
        tables: [
          {
            title: "Chips by generation",
            columns: [
              { key: "gen", label: "generation" },
              { key: "chips", label: "chips" },
              { key: "w", label: "W per chip (all-in)" },
            ],
            rows: [
              { gen: "Trainium2", chips: 1_200_000, w: 910 },
              { gen: "Trainium3", chips: 1_500_000, w: 1_450 },
              { gen: "Trainium4 <b>x</b>", chips: 600_000, w: null },
            ],
            note: "W per chip includes host, network and PUE.",
          },
        ],
      },
      {
        title: "Deal",
        charts: [
          {
            kind: "groupedBar",
            title: "Cash flows per party",
            unit: { kind: "money" },
            categories: years,
            series: [
              { label: "Amazon", values: [-8e9, -6e9, 3e9, 9e9, 12e9, 14e9] },
              { label: "Anthropic", values: [5e9, -4e9, -10e9, -12e9, -13e9, -14e9] },
            ],
          },
        ],
      },
      {
        title: "Training",
        charts: [
          {
            kind: "horizontalStackedBar",
            title: "Step time by component",
            unit: { kind: "time" },
            categories: ["TP8 PP16 DP512", "TP4 PP32 DP512"],
            series: [
              { label: "compute", values: [7.1, 7.3] },
              { label: "TP collectives", values: [0.8, 0.4] },
              { label: "pipeline bubble", values: [0.9, 1.6] },
              { label: "DP exposed", values: [0.3, 0.3] },
            ],
          },
          {
            kind: "horizontalStackedBar",
            title: "Memory per chip against HBM",
            unit: { kind: "bytes" },
            categories: ["TP8 PP16", "TP4 PP32"],
            series: [
              { label: "weights", values: [6.3e9, 6.3e9] },
              { label: "gradients", values: [6.3e9, 6.3e9] },
              { label: "optimizer", values: [12e9, 12e9] },
              { label: "activations", values: [41e9, 60e9] },
            ],
            markers: [{ value: 96e9, label: "HBM 96 GB", color: "#D55E00" }],
          },
        ],
      },
      {
        title: "Serving",
        charts: [
          {
            kind: "line",
            title: "Throughput against latency",
            unit: { kind: "count" },
            valueLabel: "tokens/s per chip",
            xUnit: { kind: "time" },
            xLabel: "time per output token",
            series: [
              {
                label: "Trainium2",
                points: [
                  [0.012, 180],
                  [0.018, 900],
                  [0.03, 2400],
                  [0.05, 3900],
                  [0.09, 5200],
                ],
              },
              {
                label: "H200",
                points: [
                  [0.009, 260],
                  [0.014, 1300],
                  [0.024, 3300],
                  [0.04, 5200],
                  [0.07, 6900],
                ],
              },
            ],
            markers: [{ value: 0.05, label: "50 ms target" }],
          },
        ],
      },
      {
        title: "Uncertainty",
        intro: "Distributions of key outputs and the inputs that move them most.",
        charts: [
          {
            kind: "histogram",
            title: "Frontier training runs per year",
            unit: { kind: "count" },
            samples: mc.outputs.runsPerYear!.samples,
          },
          {
            kind: "histogram",
            title: "Peak compute",
            unit: { kind: "computeRate" },
            samples: mc.outputs.eflops!.samples,
          },
          {
            kind: "tornado",
            title: "What moves training runs per year",
            unit: { kind: "count" },
            base: tornado!.base,
            rows: tornado!.rows,
            inputLabels: { power: "power (2.2 - 5 GW)", pue: "PUE (1.08 - 1.3)" },
          },
          { kind: "histogram", title: "An output with no finite sample", samples: [Number.NaN, Number.NaN] },
        ],
        notes: ["Seed 1; 4,000 samples.", "Inputs at p5 and p95 for unbounded distributions."],
      },
    ],
  };
}
