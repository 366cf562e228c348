/**
 * Who and what a sentence names: the parties of compute deals (the labs, clouds, investors and
 * vendors of the deals catalog) and the chips of the chip catalog ("Trainium3", "H100s").
 */
import { type Catalog, catalog } from "../catalog/catalog.js";
import { type DealEntry, dealsCatalog } from "../catalog/deals.js";

/** Other names reports use for a deals-catalog party. */
const PARTY_ALIASES: Record<string, string[]> = {
  Amazon: ["AWS", "Amazon Web Services"],
  Google: ["Alphabet", "Google Cloud", "Google DeepMind"],
  Microsoft: ["Azure"],
  NVIDIA: ["Nvidia"],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Named {
  name: string;
  re: RegExp;
}

let parties: Named[] | undefined;

/** Every party of the deals catalog, with the names it goes by. */
function partyNames(): Named[] {
  if (!parties) {
    const names = new Set<string>();
    for (const d of dealsCatalog().file.deals)
      for (const p of [d.lab, d.provider, d.investor]) if (p) names.add(p);
    parties = [...names].map((name) => {
      const all = [name, ...(PARTY_ALIASES[name] ?? [])].sort((a, b) => b.length - a.length);
      return { name, re: new RegExp(`\\b(?:${all.map(escapeRegExp).join("|")})(?:['’]s)?\\b`, "g") };
    });
  }
  return parties;
}

/** A party named in a text, with where. */
export interface PartyMention {
  name: string;
  index: number;
}

/** The deal parties a text names, in order of first mention. */
export function partiesIn(text: string): PartyMention[] {
  const found: PartyMention[] = [];
  for (const p of partyNames()) {
    p.re.lastIndex = 0;
    const m = p.re.exec(text);
    if (m) found.push({ name: p.name, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

const chipRes = new WeakMap<Catalog, { id: string; re: RegExp }[]>();

/** Names that are chips (ids and aliases with a digit, so "v4" or "Trillium" alone do not count). */
function chipNames(cat: Catalog): { id: string; re: RegExp }[] {
  let list = chipRes.get(cat);
  if (!list) {
    list = cat.chips.entries.map((c) => {
      const names = [c.id, c.name, ...c.aliases]
        .filter((n) => /\d/.test(n) && /[a-z]/i.test(n) && n.length >= 4 && !/^v\d/i.test(n))
        .sort((a, b) => b.length - a.length);
      return { id: c.id, re: new RegExp(`\\b(?:${names.map(escapeRegExp).join("|")})s?\\b`, "gi") };
    });
    chipRes.set(cat, list);
  }
  return list;
}

/** A chip named in a text. */
export interface ChipMention {
  id: string;
  index: number;
  end: number;
}

/** The catalog chips a text names, in order. */
export function chipsIn(text: string, cat: Catalog = catalog()): ChipMention[] {
  const found: ChipMention[] = [];
  for (const c of chipNames(cat)) {
    c.re.lastIndex = 0;
    for (let m = c.re.exec(text); m; m = c.re.exec(text))
      found.push({ id: c.id, index: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The catalog deal between a lab and a provider or investor, if there is one. */
export function dealBetween(lab: string, other: string): DealEntry | undefined {
  return dealsCatalog().file.deals.find(
    (d) => d.lab === lab && (d.provider === other || d.investor === other),
  );
}

/** Whether a party is a lab in the deals catalog (Anthropic, OpenAI). */
export function isLab(name: string): boolean {
  return dealsCatalog().file.deals.some((d) => d.lab === name);
}
