/** Reports on the catalog: lists of chips, systems and models, and one entry with its sources. */
import type { Catalog } from "../catalog/catalog.js";
import { type DealsCatalog, dealSI } from "../catalog/deals.js";
import type { Source, Sourced } from "../catalog/schema.js";
import { InputError } from "../errors.js";
import { architectureShape } from "../llm/architecture.js";
import { formatBytes, formatMoney, formatNumber, formatQuantity, formatSI } from "../units/format.js";
import { type Block, type Doc, table } from "./document.js";

const tflops = (x?: number) => (x === undefined ? "" : formatNumber(x / 1e12, 4));

/** Every chip with its headline figures. */
export function chipsReport(cat: Catalog): Doc {
  const rows = cat.chips.entries.map((c) => ({
    id: c.id,
    name: c.name,
    family: c.family,
    status: c.status,
    bf16: tflops(c.peakFlops.bf16),
    fp8: tflops(c.peakFlops.fp8),
    fp4: tflops(c.peakFlops.fp4),
    memory: c.entry.memory ? `${c.entry.memory.value} ${c.entry.memory.unit}` : "",
    bandwidth: c.memoryBandwidth ? formatSI(c.memoryBandwidth, "B/s") : "",
    scaleUp: c.scaleUpBandwidth ? `${formatSI(c.scaleUpBandwidth, "B/s")} x${c.scaleUpDomain}` : "",
    tdp: c.tdpW ? formatSI(c.tdpW, "W") : "",
  }));
  const t = table(
    [
      ["id", "id"],
      ["name", "name"],
      ["family", "family"],
      ["status", "status"],
      ["bf16", "BF16 TFLOP/s"],
      ["fp8", "FP8 TFLOP/s"],
      ["fp4", "FP4 TFLOP/s"],
      ["memory", "memory"],
      ["bandwidth", "mem. bandwidth"],
      ["scaleUp", "scale-up/dir x domain"],
      ["tdp", "TDP"],
    ],
    rows,
    undefined,
    "Dense peak figures (sparsity headlines halved). `gigawatt catalog show ID` gives every value's sources.",
  );
  return {
    schema: "gigawatt/catalog-chips@1",
    title: `Chips (${rows.length})`,
    blocks: [t],
    data: { chips: cat.chips.entries.map((c) => c.entry) },
  };
}

/** Every system with chips, networks and its lowest on-demand price per chip-hour. */
export function systemsReport(cat: Catalog): Doc {
  const rows = cat.systems.entries.map((s) => {
    const onDemand = s.prices.filter((p) => p.kind === "on-demand").map((p) => p.usdPerChipHour);
    return {
      id: s.id,
      provider: s.provider,
      chip: s.chip.id,
      chipsPerNode: s.chipsPerNode,
      scaleUpDomain: s.scaleUpDomain,
      scaleOut: s.scaleOutBandwidth ? formatSI(s.scaleOutBandwidth * 8, "b/s") : "",
      price: onDemand.length ? formatQuantity(Math.min(...onDemand) / 3600, "moneyRate") : "",
    };
  });
  const t = table(
    [
      ["id", "id"],
      ["provider", "provider"],
      ["chip", "chip"],
      ["chipsPerNode", "chips/node"],
      ["scaleUpDomain", "scale-up domain"],
      ["scaleOut", "scale-out/chip"],
      ["price", "on-demand $/chip-h"],
    ],
    rows,
  );
  return {
    schema: "gigawatt/catalog-systems@1",
    title: `Systems (${rows.length})`,
    blocks: [t],
    data: { systems: cat.systems.entries.map((s) => s.entry) },
  };
}

/** Every LLM architecture with its computed parameter counts. */
export function modelsReport(cat: Catalog): Doc {
  const rows = cat.models.entries.map((m) => {
    const shape = architectureShape(m);
    return {
      id: m.id,
      name: m.name,
      params: `${formatNumber(shape.totalParams / 1e9, 4)}B`,
      active: m.moe ? `${formatNumber(shape.activeParams / 1e9, 3)}B` : "",
      layers: m.layers,
      hidden: m.hidden,
      heads: `${m.heads}/${m.kvHeads}`,
      ffn: m.activation,
      moe: m.moe
        ? `${m.moe.experts}e top-${m.moe.topK}${m.moe.sharedExperts ? ` +${m.moe.sharedExperts} shared` : ""}`
        : "",
      attention: m.mla ? "MLA" : m.kvHeads === m.heads ? "MHA" : m.kvHeads === 1 ? "MQA" : "GQA",
      note: m.hypothetical ? "hypothetical" : "",
    };
  });
  const t = table(
    [
      ["id", "id"],
      ["name", "name"],
      ["params", "params"],
      ["active", "active"],
      ["layers", "layers"],
      ["hidden", "hidden"],
      ["heads", "heads/kv"],
      ["attention", "attention"],
      ["ffn", "MLP"],
      ["moe", "MoE"],
      ["note", ""],
    ],
    rows,
    undefined,
    "Parameter counts computed from the architecture (`gigawatt catalog show ID` compares them with the published counts).",
  );
  return {
    schema: "gigawatt/catalog-models@1",
    title: `LLM architectures (${rows.length})`,
    blocks: [t],
    data: { models: cat.models.entries },
  };
}

function isSourced(v: unknown): v is Sourced {
  return !!v && typeof v === "object" && "value" in v && "unit" in v && "sources" in v;
}

/** Numbers sources in order of first citation, so that tables cite "[1, 3]" and list them once. */
class SourceRefs {
  readonly order: string[] = [];
  ref(ids: readonly string[]): string {
    const nums = ids.map((id) => {
      let i = this.order.indexOf(id);
      if (i < 0) i = this.order.push(id) - 1;
      return i + 1;
    });
    return nums.length ? `[${nums.join(", ")}]` : "";
  }
}

/** Flattens an entry into [field path, value text, sources] rows. */
function valueRows(refs: SourceRefs, entry: object, prefix = ""): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const [k, v] of Object.entries(entry)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (k === "sources" || k === "prices" || k === "notes" || v === undefined) continue;
    if (isSourced(v)) {
      const alts = (v.alternatives ?? []).map(
        (a) => `alternative: ${a.value} ${v.unit} ${refs.ref(a.sources)}${a.note ? ` (${a.note})` : ""}`,
      );
      rows.push({
        field: path,
        value: `${v.value} ${v.unit}${v.derived ? " (derived)" : ""}`,
        sources: refs.ref(v.sources),
        note: [v.note, ...alts].filter(Boolean).join("; "),
      });
    } else if (v && typeof v === "object" && !Array.isArray(v) && "value" in v && "sources" in v) {
      const t = v as { value: string; sources: string[]; note?: string };
      rows.push({ field: path, value: String(t.value), sources: refs.ref(t.sources), note: t.note ?? "" });
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      rows.push(...valueRows(refs, v, path));
    } else if (Array.isArray(v) && v.some((x) => x && typeof x === "object")) {
      v.forEach((x, i) => {
        rows.push(...valueRows(refs, x as object, `${path}[${i}]`));
      });
    } else if (Array.isArray(v)) {
      if (v.length) rows.push({ field: path, value: v.join(", "), sources: "", note: "" });
    } else {
      rows.push({ field: path, value: String(v), sources: "", note: "" });
    }
  }
  return rows;
}

/** One entry (chip, system or model) with every value's sources and alternatives. */
export function showReport(cat: Catalog, name: string, deals?: DealsCatalog): Doc {
  const chip = cat.chips.find(name);
  const system = chip ? undefined : cat.systems.find(name);
  const model = chip || system ? undefined : cat.models.find(name);
  const deal = chip || system || model ? undefined : deals?.deals.find(name);
  const entry = chip?.entry ?? system?.entry ?? model ?? deal;
  if (!entry) {
    const hint =
      cat.chips.suggest(name) ??
      cat.systems.suggest(name) ??
      cat.models.suggest(name) ??
      deals?.deals.suggest(name);
    throw new InputError(`no chip, system, model or deal is called "${name}"`, {
      hint: hint ?? "see `gigawatt catalog chips|systems|models|deals`",
    });
  }
  const what = chip ? "chip" : system ? "system" : model ? "model" : "deal";
  const refs = new SourceRefs();
  const entrySources = "sources" in entry && entry.sources.length ? refs.ref(entry.sources) : "";
  const blocks: Block[] = [
    table(
      [
        ["field", "field"],
        ["value", "value"],
        ["sources", "sources"],
        ["note", "note"],
      ],
      valueRows(refs, entry),
      "Values",
      entrySources ? `Plain fields come from the entry's own sources ${entrySources}.` : undefined,
    ),
  ];
  if (system?.entry?.prices.length) {
    blocks.push(
      table(
        [
          ["price", "price"],
          ["kind", "kind"],
          ["region", "region"],
          ["date", "date"],
          ["sources", "sources"],
          ["note", "note"],
        ],
        system.entry.prices.map((p) => ({
          price: `$${p.usdPerHour}/${p.per}`,
          kind: p.kind,
          region: p.region ?? "",
          date: p.date,
          sources: refs.ref(p.sources),
          note: p.note ?? "",
        })),
        "Prices",
      ),
    );
  }
  if (model) {
    const shape = architectureShape(model);
    const items: [string, string][] = [
      ["computed total", `${formatNumber(shape.totalParams / 1e9, 5)}B params`],
    ];
    if (model.params) {
      const published = model.params.value * 1e9;
      items.push([
        "published total",
        `${model.params.value}B ${model.params.derived ? "(derived)" : refs.ref(model.params.sources)}`,
      ]);
      items.push(["difference", `${formatNumber((100 * (shape.totalParams - published)) / published, 2)}%`]);
    }
    if (model.moe) items.push(["computed active", `${formatNumber(shape.activeParams / 1e9, 4)}B params`]);
    items.push([
      "KV cache per token (bf16)",
      formatBytes(shape.layers.length * shape.kvElementsPerTokenPerLayer * 2),
    ]);
    blocks.push({ kind: "kv", title: "Architecture math", items });
  }
  if (entry.notes.length)
    blocks.push({ kind: "text", title: "Notes", text: entry.notes.map((n) => `- ${n}`).join("\n") });
  const sources: Record<string, Source> = {};
  const sourceLines = refs.order.map((id, i) => {
    const s = cat.sources.get(id) ?? deals?.sources.get(id);
    if (!s) throw new Error(`catalog: unknown source "${id}"`);
    sources[id] = s;
    return `[${i + 1}] ${s.title}. ${s.address} (${s.date})`;
  });
  blocks.push({ kind: "text", title: "Sources", text: sourceLines.join("\n") });
  return {
    schema: `gigawatt/catalog-${what}@1`,
    title: `${what} ${entry.id}: ${entry.name}`,
    blocks,
    data: { kind: what, entry, sources },
  };
}

/** Every deal with its headline terms. */
export function dealsReport(deals: DealsCatalog): Doc {
  const money = (xs: { amount: Sourced }[]) =>
    xs.length ? formatMoney(xs.reduce((a, x) => a + dealSI(x.amount), 0)) : "";
  const rows = deals.deals.entries.map((d) => ({
    id: d.id,
    name: d.name,
    lab: d.lab,
    provider: d.provider,
    years: `${d.start}-${d.end}`,
    power: d.committedPower ? formatSI(dealSI(d.committedPower), "W") : "",
    commitments: money(d.commitments),
    investment: money(d.tranches),
  }));
  const t = table(
    [
      ["id", "id"],
      ["name", "name"],
      ["lab", "lab"],
      ["provider", "provider"],
      ["years", "years"],
      ["power", "committed power"],
      ["commitments", "commitments"],
      ["investment", "investment (all tranches)"],
    ],
    rows,
    undefined,
    "Every term is sourced; `gigawatt catalog show ID` lists them, `gigawatt deal ID` evaluates one.",
  );
  return {
    schema: "gigawatt/catalog-deals@1",
    title: `Deals (${rows.length})`,
    blocks: [t],
    data: { deals: deals.deals.entries },
  };
}
