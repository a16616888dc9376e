import { randomUUID } from 'node:crypto';

/**
 * A new row id: a UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds and the
 * rest random. Ids made one after another sort together, so a write adds to the same few index pages
 * instead of a random page of every index keyed by id (with random UUIDs each create dirtied a page per
 * index, and writing those pages was most of a commit's cost on SQLite).
 */
export function newId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
