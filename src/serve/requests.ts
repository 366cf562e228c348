/**
 * Reading a serving request as people write it, shared by the CLI and the HTTP API: lengths
 * ("2048", "2k", a range "1000..3000"), a system named by its chip, TP counted in NeuronCores,
 * and the targets in words.
 */
import { type Catalog, catalog, type SystemSpec } from "../catalog/catalog.js";
import { tpUnitsPerChip } from "../catalog/labels.js";
import { InputError } from "../errors.js";
import { parseQuantity } from "../units/quantity.js";
import type { Length, ServingOptions } from "./options.js";
import type { ServingSearch } from "./search.js";

function tokens(text: string, location: string): number {
  try {
    return parseQuantity(text, "tokens").value;
  } catch (e) {
    if (e instanceof InputError) throw e.at(location);
    throw e;
  }
}

/** Tokens per request: "2048", "2k", or a range "1000..3000" (uniform). */
export function parseLength(text: string, location: string): Length {
  const range = /^\s*([^.]+)\.\.(.+)$/.exec(text);
  if (range) {
    const low = tokens(range[1]!, location);
    const high = tokens(range[2]!, location);
    if (!(low >= 1 && high >= low)) {
      throw new InputError(`bad range "${text}"`, {
        location,
        hint: "write LOW..HIGH with 1 <= LOW <= HIGH",
      });
    }
    return { type: "uniform", low, high };
  }
  const v = tokens(text, location);
  if (!(v >= 1))
    throw new InputError(`expected at least 1 token, got "${text}"`, { location, hint: "e.g. 2048" });
  return v;
}

/**
 * A system by name; a chip's name picks the catalog system built on it that has a price
 * (on-demand first), so that comparisons by chip come with cost per token.
 */
export function pricedSystem(name: string, location: string, cat: Catalog = catalog()): SystemSpec {
  const found = cat.systems.find(name);
  if (found) return found;
  const chip = cat.chips.find(name);
  if (chip) {
    const priced = cat.systems.entries
      .filter((s) => s.chip.id === chip.id && s.prices.length > 0)
      .sort(
        (a, b) =>
          Number(b.prices.some((p) => p.kind === "on-demand")) -
            Number(a.prices.some((p) => p.kind === "on-demand")) || b.chipsPerNode - a.chipsPerNode,
      );
    if (priced[0]) return priced[0];
  }
  return cat.systemOrChip(name, location);
}

/**
 * TP in chips. Neuron counts TP in NeuronCores: tp 24 on 12 Inferentia2 chips means 12 chips;
 * when that reading applies, `note` says so.
 */
export function tpInChips(
  tp: number,
  pp: number | undefined,
  chips: number | undefined,
  sys: SystemSpec,
): { tp: number; note?: string } {
  const units = tpUnitsPerChip(sys.chip);
  if (tp * (pp ?? 1) > (chips ?? sys.chipsPerNode) && units > 1 && tp % units === 0) {
    return {
      tp: tp / units,
      note: `tp ${tp} counts NeuronCores (${units} per ${sys.chip.name}): tp ${tp / units} chips`,
    };
  }
  return { tp };
}

/** The latency targets in words ("TTFT <= 2 s, TPOT <= 100 ms at p50"). */
export function targetsText(o: ServingOptions): string {
  const t = o.targets;
  const parts: string[] = [];
  if (t?.ttftS !== undefined) parts.push(`TTFT <= ${t.ttftS} s`);
  if (t?.tpotS !== undefined) parts.push(`TPOT <= ${t.tpotS * 1e3} ms`);
  return parts.length ? `${parts.join(", ")} at ${t?.percentile ?? "p50"}` : "no latency targets";
}

/**
 * The error for a search no configuration passes: which target, and the closest configuration.
 * `where` names the target's flag or field (e.g. "--slo-tpot").
 */
export function unmetTargets(
  s: ServingSearch,
  chips: number,
  sys: SystemSpec,
  where: { ttft: string; tpot: string },
): InputError {
  const c = s.closest;
  const closest = c
    ? `closest: tp ${c.layout.tp} pp ${c.layout.pp} batch ${c.batch}, TTFT ${(c.ttftS * 1e3).toFixed(0)} ms, TPOT ${(c.tpotS * 1e3).toFixed(1)} ms`
    : "no configuration fits";
  return new InputError(`no configuration meets ${s.unmet.join(", ")} on ${chips} x ${sys.chip.id}`, {
    location: s.unmet[0]?.startsWith("TPOT") ? where.tpot : where.ttft,
    hint: `${closest}; relax the target or add chips`,
  });
}
