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
    super(message);
    this.name = "InputError";
    this.location = opts.location;
    this.hint = opts.hint;
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
