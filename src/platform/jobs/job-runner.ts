import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import { defaultJobRegistry, type JobRegistry } from './job-registry.ts';
import { claimNext, markFailed, markSucceeded, releaseJob, renewLease } from './job-store.ts';
import type { Job } from './job-types.ts';

export interface JobRunnerOptions {
  registry?: JobRegistry;
  /** Only these kinds (default: every kind in the registry at claim time). */
  kinds?: string[];
  /** Unique per runner instance; default `<host>:<pid>:<random>`. */
  workerId?: string;
  /** Jobs run at once by this runner (default 1). */
  concurrency?: number;
  /** Idle wait between polls, ms (default 1000). */
  pollMs?: number;
  /** Lease length, ms (default 60 s); renewed every third of it while the handler runs. */
  leaseMs?: number;
  /** Delay before retry number `attempt` (1-based), ms; default 2^attempt s, at most 1 h. */
  backoffMs?: (attempt: number) => number;
  /** Called with errors of the runner itself (claim/store failures); handler errors are stored on the job. */
  onError?: (err: unknown) => void;
  /**
   * True while the process has more urgent work (a serving process: requests in flight). The runner then
   * waits before claiming its next job, checking every 20 ms, but at most `maxYieldMs` (default 1 s) per
   * job, so jobs still advance under constant load.
   */
  busy?: () => boolean;
  maxYieldMs?: number;
}

export interface JobRunner {
  readonly workerId: string;
  /** Starts polling in the background. A runner is single-use: after stop(), create a new one. */
  start(): void;
  /** Stops polling, aborts running handlers, returns interrupted jobs to the queue, waits for the loops. */
  stop(): Promise<void>;
  /** Claims and runs at most one due job (for the CLI and tests); returns it, or null when none was due. */
  runOnce(): Promise<Job | null>;
}

const defaultBackoff = (attempt: number): number => Math.min(2 ** attempt * 1000, 3_600_000);

const errorText = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : `Error: ${String(err)}`;

/**
 * A job runner over the metadata store. Jobs survive restarts (they are rows); a job whose runner died
 * is taken over once its lease expires; failed attempts retry with backoff; recurring jobs re-arm.
 */
export function createJobRunner(db: Db, opts: JobRunnerOptions = {}): JobRunner {
  const registry = opts.registry ?? defaultJobRegistry;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const backoff = opts.backoffMs ?? defaultBackoff;
  const onError = opts.onError ?? (() => {});
  const stopping = new AbortController();
  let loops: Promise<void>[] = [];
  const wakers = new Set<() => void>();

  const kinds = (): string[] => opts.kinds ?? registry.kinds();

  async function execute(job: Job): Promise<void> {
    const handler = registry.get(job.kind);
    if (!handler || job.attempts > job.maxAttempts) {
      const why = handler
        ? 'Lease expired on every attempt (runner died)'
        : `No handler for kind ${job.kind}`;
      await markFailed(db, { ...job, attempts: job.maxAttempts }, workerId, why, 0);
      return;
    }
    const ctl = new AbortController();
    const signal = AbortSignal.any([ctl.signal, stopping.signal]);
    const timer = setInterval(() => {
      renewLease(db, job.id, workerId, leaseMs)
        .then((held) => {
          if (!held) ctl.abort(new Error('Lease lost'));
        })
        .catch(onError);
    }, leaseMs / 3);
    try {
      const result = await handler({ job, payload: job.payload, db, signal });
      await markSucceeded(db, job, workerId, result);
    } catch (err) {
      if (stopping.signal.aborted) await releaseJob(db, job, workerId);
      else await markFailed(db, job, workerId, errorText(err), backoff(job.attempts));
    } finally {
      clearInterval(timer);
    }
  }

  async function runOnce(): Promise<Job | null> {
    const job = await claimNext(db, workerId, kinds(), leaseMs);
    if (!job) return null;
    await execute(job);
    return job;
  }

  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(done, pollMs);
      function done() {
        clearTimeout(t);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  const busy = opts.busy;
  const maxYieldMs = opts.maxYieldMs ?? 1000;
  async function yieldToBusy(): Promise<void> {
    // On SQLite every query settles as a microtask, so back-to-back jobs would never let the event loop
    // take in a request: give it a turn between jobs.
    await new Promise((resolve) => setImmediate(resolve));
    if (!busy) return;
    const until = performance.now() + maxYieldMs;
    while (busy() && performance.now() < until && !stopping.signal.aborted)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let job: Job | null = null;
      await yieldToBusy();
      try {
        job = await runOnce();
      } catch (err) {
        onError(err);
      }
      if (!job && !stopping.signal.aborted) await idle();
    }
  }

  return {
    workerId,
    start() {
      if (loops.length > 0) return;
      loops = Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, () => loop());
    },
    async stop() {
      stopping.abort();
      for (const w of [...wakers]) w();
      await Promise.all(loops);
      loops = [];
    },
    runOnce,
  };
}
