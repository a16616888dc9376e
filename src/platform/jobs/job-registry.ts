import type { JobHandler } from './job-types.ts';

/** Job kinds and their handlers. A runner only claims jobs whose kind its registry knows. */
export interface JobRegistry {
  register(kind: string, handler: JobHandler): void;
  get(kind: string): JobHandler | undefined;
  kinds(): string[];
}

/** A fresh, empty registry (tests, or a process that runs only some kinds). */
export function createJobRegistry(): JobRegistry {
  const handlers = new Map<string, JobHandler>();
  return {
    register(kind, handler) {
      if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(kind)) throw new Error(`Invalid job kind: ${kind}`);
      handlers.set(kind, handler);
    },
    get: (kind) => handlers.get(kind),
    kinds: () => [...handlers.keys()].sort(),
  };
}

/** The process-wide registry modules add their kinds to (datastore loader, harvester, quality). */
export const defaultJobRegistry: JobRegistry = createJobRegistry();

/** Registers a job kind in the process-wide registry; a later call for the same kind replaces it. */
export function registerJobKind(kind: string, handler: JobHandler): void {
  defaultJobRegistry.register(kind, handler);
}
