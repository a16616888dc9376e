/**
 * Serialized search answers for anonymous visitors, kept per process for as long as the index is
 * unchanged. On SQLite the store's write stamp of the index tables says so: it moves with every write
 * to them through this connection and with every commit by another process, and every change that a
 * package dict shows reindexes its dataset. An answer computed while the stamp moved is not kept.
 * PostgreSQL has no such stamp (other servers may write), so there the cache stays off.
 */
import type { Db } from '../platform/db/database.ts';

/** Every index write touches these (in-place updates and rebuilds log to search_changes too). */
const INDEX_TABLES = ['search_docs', 'search_changes'] as const;
/** Longer keys (very long queries) are not worth keeping. */
const MAX_KEY = 4096;
/** Bytes of answers kept per process (least recently used go first). */
const MAX_BYTES = 32 * 1024 * 1024;

class AnswerCache {
  private stamp = '';
  private bytes = 0;
  /** Key -> UTF-8 JSON; Map order is recency (a hit moves its entry to the end). */
  private readonly entries = new Map<string, Buffer>();

  async answer(stampOf: () => string, key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
    const stamp = stampOf();
    if (stamp !== this.stamp) this.reset(stamp);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const json = await compute();
    if (this.stamp === stamp && stampOf() === stamp) this.keep(key, json);
    return json;
  }

  private reset(stamp: string): void {
    this.stamp = stamp;
    this.entries.clear();
    this.bytes = 0;
  }

  private keep(key: string, json: Buffer): void {
    const size = key.length + json.byteLength;
    if (size > MAX_BYTES / 8) return;
    this.entries.set(key, json);
    this.bytes += size;
    for (const [k, j] of this.entries) {
      if (this.bytes <= MAX_BYTES) break;
      this.entries.delete(k);
      this.bytes -= k.length + j.byteLength;
    }
  }
}

const caches = new WeakMap<object, AnswerCache>();

/**
 * The answer for `key` (which must name everything the answer depends on besides the index: the
 * request's parameters, and that the viewer is anonymous), from the cache or from `compute`.
 */
export function cachedAnswer(db: Db, key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
  const writeStamp = db.writeStamp;
  if (!writeStamp || key.length > MAX_KEY) return compute();
  let cache = caches.get(db.kysely);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(db.kysely, cache);
  }
  return cache.answer(() => writeStamp(INDEX_TABLES), key, compute);
}
