/** Rows a validation cannot evaluate, with the reason. */

/** A row left out, and why. */
export interface ValidationSkip {
  id: string;
  reason: string;
}

/** Thrown while preparing or predicting a row that cannot be evaluated. */
export class Skip extends Error {}

/** The skip record of an error: a Skip or a user-input error; anything else is a fault. */
export function skipOf(id: string, e: unknown): ValidationSkip {
  if (e instanceof Skip) return { id, reason: e.message };
  if (e instanceof Error && e.name === "InputError") return { id, reason: e.message };
  throw e;
}
