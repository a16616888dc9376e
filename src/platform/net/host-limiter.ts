/**
 * Caps how many requests run at once against one host, so a link sweep over thousands of resources
 * never hammers a single agency server. Waiters are served in arrival order.
 */
export interface HostLimiter {
  /** Runs `task` once fewer than the limit are running for `host`. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Requests currently running for `host` (for tests and metrics). */
  active(host: string): number;
}

/** Creates a limiter allowing `perHost` concurrent tasks per host name. */
export function createHostLimiter(perHost: number): HostLimiter {
  const running = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();

  const release = (host: string): void => {
    const queue = waiting.get(host);
    const next = queue?.shift();
    if (queue && queue.length === 0) waiting.delete(host);
    if (next) {
      next();
      return;
    }
    const n = (running.get(host) ?? 1) - 1;
    if (n <= 0) running.delete(host);
    else running.set(host, n);
  };

  const acquire = (host: string): Promise<void> => {
    const n = running.get(host) ?? 0;
    if (n < perHost) {
      running.set(host, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(host) ?? [];
      queue.push(resolve);
      waiting.set(host, queue);
    });
  };

  return {
    async run(host, task) {
      const key = host.toLowerCase();
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    active: (host) => running.get(host.toLowerCase()) ?? 0,
  };
}
