/**
 * The calibration files (`data/calibration/*.json`): each planner's few named efficiency
 * constants per chip family, stored as data with the rows that justify them. Training and
 * serving share one format, checked by one zod schema; each planner names its constants.
 * Here, below the planners in the chain, because both read their constants through it.
 */
import { z } from "zod";
import type { ChipSpec } from "./catalog.js";

/**
 * The schema of a calibration file whose constants are `keys`: `default` gives every constant,
 * each family overrides some for the chips it covers (by catalog id, or by the catalog's
 * `family` field), and says why in `justification` and per-constant `notes`.
 */
export function calibrationFileSchema<K extends string>(keys: readonly [K, ...K[]]) {
  const number = z.number().refine(Number.isFinite, "must be a finite number");
  const all = z.strictObject(Object.fromEntries(keys.map((k) => [k, number])) as Record<K, typeof number>);
  const notes = z.partialRecord(z.enum(keys), z.string().min(1));
  const family = z.strictObject({
    family: z.string().regex(/^[a-z0-9-]+$/, "family names are lower-case letters, digits and '-'"),
    chips: z.array(z.string().min(1)),
    catalogFamilies: z.array(z.string().min(1)).default([]),
    constants: all.partial(),
    justification: z.string().min(1),
    notes: notes.default({}),
  });
  return z.strictObject({
    about: z.string().min(1),
    default: z.strictObject({ constants: all, notes: notes.default({}) }),
    families: z.array(family),
  });
}

/** One family of a calibration file, as parsed. */
export interface CalibrationFamily<C> {
  family: string;
  chips: string[];
  catalogFamilies: string[];
  constants: Partial<C>;
  justification: string;
  notes: Partial<Record<keyof C, string>>;
}

/** A parsed calibration file: the constants for a chip, by its family. */
export class CalibrationTable<C extends Record<string, number>> {
  readonly defaults: Readonly<C>;
  readonly families: readonly CalibrationFamily<C>[];
  readonly defaultNotes: Partial<Record<keyof C, string>>;

  /**
   * Parses `raw` (a calibration file) with the schema of `keys`; a malformed file is an internal
   * fault naming the file and the field (the tests check the shipped files).
   */
  constructor(name: string, keys: readonly [keyof C & string, ...(keyof C & string)[]], raw: unknown) {
    const parsed = calibrationFileSchema(keys).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${name}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
    }
    this.defaults = parsed.data.default.constants as unknown as C;
    this.defaultNotes = parsed.data.default.notes as Partial<Record<keyof C, string>>;
    this.families = parsed.data.families as unknown as CalibrationFamily<C>[];
    const seen = new Set<string>();
    for (const f of this.families) {
      if (seen.has(f.family) || f.family === "default")
        throw new Error(`${name}: family "${f.family}" twice`);
      seen.add(f.family);
    }
  }

  /** The family covering a chip: by catalog id first, then by the catalog's family name. */
  familyOf(chip: Pick<ChipSpec, "id" | "family">): CalibrationFamily<C> | undefined {
    const fam = chip.family.toLowerCase();
    return (
      this.families.find((f) => f.chips.includes(chip.id)) ??
      this.families.find((f) => f.family === fam || f.catalogFamilies.some((x) => x.toLowerCase() === fam))
    );
  }

  /** The family by name ("default" or unknown: undefined). */
  named(family: string): CalibrationFamily<C> | undefined {
    return this.families.find((f) => f.family === family);
  }

  /** The constants for a chip: the defaults, its family's, then `override`. */
  constantsFor(chip: Pick<ChipSpec, "id" | "family">, override: Partial<C> = {}): C & { family: string } {
    const f = this.familyOf(chip);
    const given = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
    return { ...this.defaults, ...(f?.constants ?? {}), ...given, family: f?.family ?? "default" } as C & {
      family: string;
    };
  }
}
