/**
 * A fixed pool of worker threads with a bounded queue (Node only): the HTTP API runs its heavy work
 * here, off the event loop. A job has a time budget counted from its arrival; a job past its budget,
 * or whose caller gives up (its AbortSignal), is stopped: taken out of the queue, or its worker
 * terminated and replaced, so its work does not go on. Where workers cannot load (sources run
 * without a build, e.g. under vitest) jobs run in this thread instead, with the same queue.
 */
import { Worker } from "node:worker_threads";

/** Why a job was not answered. */
export class PoolRefusal extends Error {
  constructor(
    readonly reason: "full" | "timeout" | "aborted" | "closed" | "crashed",
    message: string,
  ) {
    super(message);
    this.name = "PoolRefusal";
  }
}

export interface PoolOptions<J, R> {
  /** The worker's module: it answers each `{id, job}` message with `{id, result}` or `{id, fault}`. */
  worker: URL;
  /** Worker threads (at least 1). */
  size: number;
  /** Jobs that may wait for a worker; one more is refused as "full". */
  maxQueue: number;
  /** Handed to every worker as its `workerData`. */
  workerData?: unknown;
  /** Each worker's heap limit, MB (a job that needs more crashes its worker, not the process). */
  maxHeapMb?: number;
  /** Runs a job in this thread when workers cannot load. */
  inline: (job: J) => Promise<R>;
}

interface Pending<J, R> {
  id: number;
  job: J;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
  worker?: Slot;
}

interface Slot {
  worker?: Worker;
  busy?: Pending<unknown, unknown>;
}

/** Messages from a pool worker. */
export type PoolReply<R> = { id: number; result: R } | { id: number; fault: string };

/** Whether worker threads can load compiled modules next to this file. */
const compiled = import.meta.url.endsWith(".js");

export class WorkerPool<J, R> {
  private readonly slots: Slot[];
  private readonly queue: Pending<J, R>[] = [];
  private nextId = 1;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: PoolOptions<J, R>) {
    this.slots = Array.from({ length: Math.max(1, opts.size) }, () => ({}));
    if (compiled) for (const s of this.slots) this.spawn(s);
  }

  /** Jobs running and waiting. */
  stats(): { workers: number; busy: number; queued: number; threads: boolean } {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.busy).length,
      queued: this.queue.length,
      threads: compiled,
    };
  }

  /**
   * Runs `job` within `budgetMs` of now. Rejects with a PoolRefusal when the queue is full, the
   * budget runs out, `signal` aborts, or the pool is closing.
   */
  run(job: J, opts: { budgetMs: number; signal?: AbortSignal }): Promise<R> {
    if (this.closed) return Promise.reject(new PoolRefusal("closed", "the server is shutting down"));
    if (opts.signal?.aborted) return Promise.reject(new PoolRefusal("aborted", "the client left"));
    const free = this.slots.some((s) => !s.busy);
    if (!free && this.queue.length >= this.opts.maxQueue)
      return Promise.reject(new PoolRefusal("full", `${this.queue.length} requests are already waiting`));
    return new Promise<R>((resolve, reject) => {
      const p: Pending<J, R> = {
        id: this.nextId++,
        job,
        resolve,
        reject,
        signal: opts.signal,
        timer: setTimeout(
          () => this.stop(p, new PoolRefusal("timeout", `the work took longer than ${opts.budgetMs} ms`)),
          opts.budgetMs,
        ),
      };
      if (opts.signal) {
        p.onAbort = () => this.stop(p, new PoolRefusal("aborted", "the client left"));
        opts.signal.addEventListener("abort", p.onAbort, { once: true });
      }
      this.queue.push(p);
      this.dispatch();
    });
  }

  /**
   * Stops taking jobs, lets running and queued ones finish for up to `graceMs`, then terminates
   * every worker (what is still running is refused as "closed").
   */
  async close(graceMs = 3000): Promise<void> {
    this.closed = true;
    const idle = new Promise<void>((r) => {
      if (this.stats().busy === 0 && this.queue.length === 0) r();
      else this.idleWaiters.push(r);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([idle, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (const p of [...this.queue])
      this.stop(p as Pending<J, R>, new PoolRefusal("closed", "the server is shutting down"));
    for (const s of this.slots) {
      if (s.busy)
        this.stop(s.busy as Pending<J, R>, new PoolRefusal("closed", "the server is shutting down"));
      await s.worker?.terminate();
      s.worker = undefined;
    }
  }

  private spawn(slot: Slot): void {
    const w = new Worker(this.opts.worker, {
      workerData: this.opts.workerData,
      resourceLimits: this.opts.maxHeapMb ? { maxOldGenerationSizeMb: this.opts.maxHeapMb } : undefined,
    });
    slot.worker = w;
    w.on("message", (m: PoolReply<R>) => {
      const p = slot.busy as Pending<J, R> | undefined;
      if (!p || p.id !== m.id) return;
      this.settle(p);
      if ("result" in m) p.resolve(m.result);
      else p.reject(new Error(m.fault));
      this.dispatch();
    });
    // A crash (out of heap, a fault outside a job): refuse its job and start another worker.
    w.on("error", (e) => this.crashed(slot, w, e.message));
    w.on("exit", () => this.crashed(slot, w, "the worker stopped"));
  }

  private crashed(slot: Slot, w: Worker, why: string): void {
    if (slot.worker !== w) return;
    slot.worker = undefined;
    const p = slot.busy as Pending<J, R> | undefined;
    if (p) {
      this.settle(p);
      p.reject(new PoolRefusal("crashed", why));
    }
    if (!this.closed) this.spawn(slot);
    this.dispatch();
  }

  /** Clears a job's timer and listener and frees its worker. */
  private settle(p: Pending<J, R>): void {
    clearTimeout(p.timer);
    if (p.onAbort) p.signal?.removeEventListener("abort", p.onAbort);
    const slot = this.slots.find((s) => s.busy === p);
    if (slot) slot.busy = undefined;
    if (this.stats().busy === 0 && this.queue.length === 0) for (const r of this.idleWaiters.splice(0)) r();
  }

  /** Refuses a job; a running one's worker is terminated (its work must not go on) and replaced. */
  private stop(p: Pending<J, R>, why: PoolRefusal): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.busy === p);
    if (queued < 0 && !slot) return; // already answered
    this.settle(p);
    if (slot?.worker) {
      const w = slot.worker;
      slot.worker = undefined;
      void w.terminate();
      if (!this.closed) this.spawn(slot);
    }
    p.reject(why);
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      if (compiled && !slot.worker) continue;
      const p = this.queue.shift()!;
      slot.busy = p as Pending<unknown, unknown>;
      if (slot.worker) slot.worker.postMessage({ id: p.id, job: p.job });
      else
        this.opts.inline(p.job).then(
          (r) => {
            if (slot.busy !== p) return;
            this.settle(p);
            p.resolve(r);
            this.dispatch();
          },
          (e: unknown) => {
            if (slot.busy !== p) return;
            this.settle(p);
            p.reject(e instanceof Error ? e : new Error(String(e)));
            this.dispatch();
          },
        );
    }
  }
}
