import { type Kysely, sql } from 'kysely';
import type { Queryable } from './database.ts';
import type { Tables } from './schema.ts';

/** Most units one SQLite transaction carries before it commits. */
const MAX_UNITS = 64;
/** Longest a batch stays open to take in more units (ms). */
const MAX_OPEN_MS = 10;

interface Unit {
  fn: (trx: Queryable) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Group commit for the embedded store. On SQLite a commit costs far more than the statements of a
 * dataset write (every dirtied page goes to the WAL with its own write), and writers queue for the one
 * connection anyway. Units that are waiting, or arrive within one turn of the event loop, run one after
 * another in one transaction, each inside its own savepoint, and share one commit:
 * - a unit that throws is rolled back to its savepoint alone; its caller gets its error;
 * - every caller's promise settles only after the shared commit, so a caller never reports a write
 *   that is not durable (synchronous=NORMAL in WAL mode, as for a single transaction);
 * - when the commit fails, every unit of the batch fails with the commit's error.
 * Units never interleave: each sees the writes of the units before it, as with serial transactions.
 */
export class GroupCommit {
  private readonly queue: Unit[] = [];
  private running = false;
  private readonly kysely: Kysely<Tables>;

  constructor(kysely: Kysely<Tables>) {
    this.kysely = kysely;
  }

  /** Runs `fn` in a transaction shared with other units; resolves after that transaction committed. */
  run<T>(fn: (trx: Queryable) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.batch();
    } finally {
      this.running = false;
    }
  }

  /** One transaction: runs queued units until none arrives within a turn, then commits. */
  private async batch(): Promise<void> {
    const done: { unit: Unit; value: unknown }[] = [];
    let current: Unit | undefined;
    const opened = performance.now();
    const trx = await this.kysely.startTransaction().execute();
    try {
      for (;;) {
        current = this.queue.shift();
        if (!current) {
          if (done.length >= MAX_UNITS || performance.now() - opened > MAX_OPEN_MS) break;
          await nextTurn();
          if (this.queue.length === 0) break;
          continue;
        }
        await sql`savepoint odp_unit`.execute(trx);
        try {
          const value = await current.fn(trx);
          await sql`release odp_unit`.execute(trx);
          done.push({ unit: current, value });
        } catch (error) {
          // If SQLite itself ended the transaction (I/O error, disk full), this throws and fails the batch.
          await sql`rollback to odp_unit`.execute(trx);
          await sql`release odp_unit`.execute(trx);
          current.reject(error);
        }
        current = undefined;
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      current?.reject(error);
      for (const d of done) d.unit.reject(error);
      return;
    }
    for (const d of done) d.unit.resolve(d.value);
  }
}

const instances = new WeakMap<object, GroupCommit>();

/** The group committer of a SQLite store (one per Kysely instance, shared by every caller). */
export function groupCommitOf(kysely: Kysely<Tables>): GroupCommit {
  let g = instances.get(kysely);
  if (!g) {
    g = new GroupCommit(kysely);
    instances.set(kysely, g);
  }
  return g;
}
