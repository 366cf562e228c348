/**
 * Reading a JSON request body the way the CLI reads its flags: each field by name, quantities as
 * people write them ("5GW", "$2.5/h") parsed with src/units, and every mistake an InputError
 * located at the field (`body.chips`), with a hint.
 */
import { closest, distance } from "fastest-levenshtein";
import { InputError } from "../errors.js";
import { parseQuantity, type QuantityKind } from "../units/quantity.js";

/** The fields of one request body; unknown fields are refused with "did you mean". */
export class Fields {
  private readonly data: Record<string, unknown>;

  constructor(body: unknown, allowed: readonly string[]) {
    if (body === null || typeof body !== "object" || Array.isArray(body))
      throw new InputError("the body must be a JSON object", {
        location: "body",
        hint: `fields: ${allowed.join(", ")}`,
      });
    this.data = body as Record<string, unknown>;
    for (const key of Object.keys(this.data)) {
      if (allowed.includes(key)) continue;
      const near = allowed.length ? closest(key, [...allowed]) : undefined;
      const guess =
        near !== undefined && distance(near, key) <= Math.max(2, key.length / 3)
          ? `did you mean "${near}"? `
          : "";
      throw new InputError(`unknown field "${key}"`, {
        location: `body.${key}`,
        hint: `${guess}fields: ${allowed.join(", ")}`,
      });
    }
  }

  /** Where a field is, for error locations. */
  where(name: string): string {
    return `body.${name}`;
  }

  has(name: string): boolean {
    return this.data[name] !== undefined && this.data[name] !== null;
  }

  private raw(name: string, required: boolean, hint: string): unknown {
    const v = this.data[name];
    if ((v === undefined || v === null) && required)
      throw new InputError(`missing required field "${name}"`, { location: this.where(name), hint });
    return v ?? undefined;
  }

  /** Text (a number is taken as its text). */
  text(name: string, opts: { required: true; hint: string }): string;
  text(name: string, opts?: { required?: boolean; hint?: string }): string | undefined;
  text(name: string, opts: { required?: boolean; hint?: string } = {}): string | undefined {
    const v = this.raw(name, opts.required ?? false, opts.hint ?? "");
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v !== "string")
      throw new InputError(`"${name}" should be text`, { location: this.where(name), hint: opts.hint });
    return v;
  }

  /** A whole number above 0: 8, "8", "16k". */
  positiveInt(name: string, opts: { required?: boolean; hint?: string } = {}): number | undefined {
    const v = this.raw(name, opts.required ?? false, opts.hint ?? "e.g. 8");
    if (v === undefined) return undefined;
    const n =
      typeof v === "number"
        ? v
        : typeof v === "string"
          ? Number(v.replace(/[,_]/g, "").replace(/k$/i, "000"))
          : NaN;
    if (!Number.isInteger(n) || n <= 0)
      throw new InputError(`expected a whole number above 0, got ${JSON.stringify(v)}`, {
        location: this.where(name),
        hint: opts.hint ?? "e.g. 8",
      });
    return n;
  }

  /** A quantity of `kind` in SI base units, from text like "5GW" (a bare number only where the kind allows). */
  quantity(name: string, kind: QuantityKind, hint?: string): number | undefined {
    const v = this.raw(name, false, hint ?? "");
    if (v === undefined) return undefined;
    if (typeof v !== "string" && typeof v !== "number")
      throw new InputError(`"${name}" should be a quantity`, { location: this.where(name), hint });
    try {
      return parseQuantity(typeof v === "number" ? String(v) : v, kind).value;
    } catch (e) {
      if (e instanceof InputError)
        throw new InputError(e.message, { location: this.where(name), hint: hint ?? e.hint });
      throw e;
    }
  }

  /** true or false. */
  bool(name: string): boolean | undefined {
    const v = this.raw(name, false, "");
    if (v === undefined) return undefined;
    if (typeof v !== "boolean")
      throw new InputError(`"${name}" should be true or false`, { location: this.where(name) });
    return v;
  }

  /** One of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const v = this.raw(name, false, "");
    if (v === undefined) return undefined;
    const t = typeof v === "number" ? String(v) : v;
    if (typeof t !== "string" || !choices.includes(t as T))
      throw new InputError(`"${name}" must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, {
        location: this.where(name),
        hint: `got ${JSON.stringify(v)}`,
      });
    return t as T;
  }

  /** A list of names: ["h200", "trainium2"] or the CLI's "h200,trainium2". */
  list(name: string, hint?: string): string[] | undefined {
    const v = this.raw(name, false, hint ?? "");
    if (v === undefined) return undefined;
    const items =
      typeof v === "string"
        ? v.split(",")
        : Array.isArray(v) && v.every((x) => typeof x === "string")
          ? v
          : undefined;
    if (!items)
      throw new InputError(`"${name}" should be a list of names`, {
        location: this.where(name),
        hint: hint ?? 'e.g. ["h200", "trainium2"]',
      });
    return (items as string[]).map((x) => x.trim()).filter((x) => x.length > 0);
  }
}
