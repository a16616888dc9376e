/**
 * Remembered filtered totals. A datastore table's Parquet file never changes once written (a new version is
 * a new path), so the count of rows matching a WHERE clause is a fact about that path: paging through a
 * filtered result, or re-sorting it, asks for the same total again, and on a 10M-row table each count is a
 * scan (~70 ms CPU on the cached copy).
 */
import type { DuckDBValue } from '@duckdb/node-api';

/** Totals kept per engine; the oldest is forgotten first. */
const MAX_ENTRIES = 2000;

const memos = new WeakMap<object, Map<string, Promise<number>>>();

/**
 * The memoized total for (`owner` engine, Parquet path, counting SQL, params); `count` runs on a miss.
 * A failed count is not remembered.
 */
export function memoCount(
  owner: object,
  parquetPath: string,
  sql: string,
  params: DuckDBValue[],
  count: () => Promise<number>,
): Promise<number> {
  let memo = memos.get(owner);
  if (!memo) {
    memo = new Map();
    memos.set(owner, memo);
  }
  const key = `${parquetPath}\u0000${sql}\u0000${JSON.stringify(params, plain)}`;
  const known = memo.get(key);
  if (known) {
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const pending = count();
  memo.set(key, pending);
  pending.catch(() => memo.delete(key));
  if (memo.size > MAX_ENTRIES) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
  return pending;
}

/** JSON for bound values: bigints as text (JSON.stringify refuses them). */
function plain(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
