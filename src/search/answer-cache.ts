/**
 * Serialized search answers for anonymous visitors, kept per process for as long as the index is
 * unchanged. The version is the newest seq of search_changes: on SQLite every index write (one writer
 * at a time, so seqs commit in order) adds a row, in this process or another, and every change that
 * a package dict shows reindexes its dataset. An answer computed while the version moved is not kept.
 * PostgreSQL commits bigserial values out of order, so there the cache stays off.
 */
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

/** Longer keys (very long queries) are not worth keeping. */
const MAX_KEY = 4096;
/** Bytes of answers kept per process (least recently used go first). */
const MAX_BYTES = 32 * 1024 * 1024;

async function indexVersion(db: Db): Promise<number> {
  const r = await sql<{ v: number | null }>`select max(seq) as v from search_changes`.execute(db.kysely);
  return Number(r.rows[0]?.v ?? 0);
}

class AnswerCache {
  private version = -1;
  private bytes = 0;
  /** Key -> JSON; Map order is recency (a hit moves its entry to the end). */
  private readonly entries = new Map<string, string>();

  async answer(db: Db, key: string, compute: () => Promise<string>): Promise<string> {
    const v = await indexVersion(db);
    if (v !== this.version) this.reset(v);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const json = await compute();
    if (this.version === v && (await indexVersion(db)) === v) this.keep(key, json);
    return json;
  }

  private reset(version: number): void {
    this.version = version;
    this.entries.clear();
    this.bytes = 0;
  }

  private keep(key: string, json: string): void {
    const size = key.length + json.length;
    if (size > MAX_BYTES / 8) return;
    this.entries.set(key, json);
    this.bytes += size;
    for (const [k, j] of this.entries) {
      if (this.bytes <= MAX_BYTES) break;
      this.entries.delete(k);
      this.bytes -= k.length + j.length;
    }
  }
}

const caches = new WeakMap<object, AnswerCache>();

/**
 * The answer for `key` (which must name everything the answer depends on besides the index: the
 * request's parameters, and that the viewer is anonymous), from the cache or from `compute`.
 */
export function cachedAnswer(db: Db, key: string, compute: () => Promise<string>): Promise<string> {
  if (db.dialect !== 'sqlite' || key.length > MAX_KEY) return compute();
  let cache = caches.get(db.kysely);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(db.kysely, cache);
  }
  return cache.answer(db, key, compute);
}
