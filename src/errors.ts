/**
 * Errors caused by a user's input. They carry where the problem is (a file:line:col, a flag or a
 * field path) and a hint, so that the CLI can print one line and exit with code 2. Any other
 * error is an internal fault (exit code 1).
 */
export class InputError extends Error {
  /** Where the problem is: "scenario.yaml:12:5", "--chips", "training.batch". */
  readonly location: string | undefined;
  /** What to do about it. */
  readonly hint: string | undefined;

  constructor(message: string, opts: { location?: string; hint?: string } = {}) {
    super(clip(message));
    this.name = "InputError";
    this.location = opts.location === undefined ? undefined : clip(opts.location, 120);
    this.hint = opts.hint === undefined ? undefined : clip(opts.hint, 1000);
  }

  /** The one line a person reads: `location: message (hint)`. */
  toLine(): string {
    const where = this.location ? `${this.location}: ` : "";
    const hint = this.hint ? ` (${this.hint})` : "";
    return `${where}${this.message}${hint}`;
  }

  /** The same error placed somewhere (keeps an existing, more precise location). */
  at(location: string): InputError {
    if (this.location) return this;
    return new InputError(this.message, { location, hint: this.hint });
  }
}

/** Longest piece of a user's text an error echoes. */
const ECHO = 80;

/**
 * A message with every echoed value cut to about 80 characters and the whole to `max`: a 900 kB
 * value in a bad field must not come back 900 kB long.
 */
export function clip(text: string, max = 300): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return cut(
    text.replace(/"([^"]{81,})"/g, (_m, inner: string) => `"${cut(inner, ECHO)}"`),
    max,
  );
}
