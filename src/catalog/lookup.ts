/** Finding catalog entries by id or alias, with "did you mean" for near misses. */
import { distance } from "fastest-levenshtein";
import { InputError } from "../errors.js";

/** The key an id or alias is matched by: case, spaces, dashes, dots and underscores ignored. */
export function lookupKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.]/g, "");
}

interface Named {
  id: string;
  aliases: string[];
}

/** An index of entries by every id and alias. */
export class Index<T extends Named> {
  private readonly byKey = new Map<string, T>();

  constructor(
    /** "chip", "system", "model": used in messages. */
    readonly what: string,
    readonly entries: readonly T[],
  ) {
    for (const e of entries) {
      for (const name of [e.id, ...e.aliases]) {
        const key = lookupKey(name);
        const prior = this.byKey.get(key);
        if (prior && prior !== e) {
          throw new Error(`catalog: ${what} name "${name}" is used by both "${prior.id}" and "${e.id}"`);
        }
        this.byKey.set(key, e);
      }
    }
  }

  /** The entry named `name`, or undefined. */
  find(name: string): T | undefined {
    return this.byKey.get(lookupKey(name));
  }

  /** The entry named `name`; an InputError with suggestions when there is none. */
  get(name: string, location?: string): T {
    const found = this.find(name);
    if (found) return found;
    const hint = this.suggest(name);
    throw new InputError(`unknown ${this.what} "${name}"`, {
      location,
      hint: hint ?? `see \`gigawatt catalog ${this.what}s\` for the list`,
    });
  }

  /** "did you mean ..." for the ids nearest to `name`, or undefined when none is near. */
  suggest(name: string): string | undefined {
    const key = lookupKey(name);
    const scored: [number, string][] = [];
    for (const [k, e] of this.byKey) {
      // A prefix ("trainium" of "trainium2") is as near as one edit.
      const d = k.startsWith(key) && key.length >= 3 ? 1 : distance(k, key);
      scored.push([d, e.id]);
    }
    const limit = Math.max(1, Math.floor(key.length / 3));
    const best = new Map<string, number>();
    for (const [d, id] of scored)
      if (d <= limit && d < (best.get(id) ?? Number.POSITIVE_INFINITY)) best.set(id, d);
    const ids = [...best].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => `"${id}"`);
    if (ids.length === 0) return undefined;
    const shown = ids.slice(0, 3);
    const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
    return `did you mean ${list}?`;
  }
}
