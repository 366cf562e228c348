/**
 * Progress of long runs (Monte Carlo, large searches) on a terminal: one line on stderr,
 * redrawn at most every `intervalMs`, cleared when done. Quiet when stderr is not a terminal
 * (pipes, files, CI), so output stays clean.
 */

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Shortest time between redraws (default 100 ms). */
  intervalMs?: number;
  /** The clock, in ms (default performance.now). */
  now?: () => number;
}

/** A progress line: `update(done, total)` as work completes, `finish()` at the end. */
export interface Progress {
  readonly active: boolean;
  update(done: number, total: number): void;
  finish(): void;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * A progress line labelled `label`, e.g. `Monte Carlo  42%  4,200/10,000  1.3 s, ~1.8 s left`.
 * Its `update` fits the engine's `onProgress(done, total)` callback.
 */
export function progress(label: string, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? 100;
  const active = stream.isTTY === true;
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    active,
    update(done, total) {
      if (!active) return;
      const t = now();
      if (t - last < interval && done < total) return;
      last = t;
      const elapsed = t - started;
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      const left = done > 0 && done < total ? `, ~${seconds((elapsed * (total - done)) / done)} left` : "";
      const counts = `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
      stream.write(`\r\x1b[K${label}  ${String(pct).padStart(3)}%  ${counts}  ${seconds(elapsed)}${left}`);
      drawn = true;
    },
    finish() {
      if (active && drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}
