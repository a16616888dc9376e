/** A counting semaphore: at most `limit` holders at once, the rest wait first come, first served. */
export interface Gate {
  acquire(): Promise<() => void>;
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when nobody holds or waits for the gate. */
  drain(): Promise<void>;
}

/** Creates a gate admitting `limit` concurrent holders. */
export function createGate(limit: number): Gate {
  let active = 0;
  const waiting: Array<() => void> = [];
  const idle: Array<() => void> = [];

  const release = (): void => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    } else if (active === 0) {
      for (const done of idle.splice(0)) done();
    }
  };

  const acquire = (): Promise<() => void> => {
    let released = false;
    const once = (): void => {
      if (released) return;
      released = true;
      release();
    };
    if (active < limit) {
      active += 1;
      return Promise.resolve(once);
    }
    return new Promise((resolve) => waiting.push(() => resolve(once)));
  };

  return {
    acquire,
    async run(fn) {
      const done = await acquire();
      try {
        return await fn();
      } finally {
        done();
      }
    },
    drain: () => (active === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve))),
  };
}
