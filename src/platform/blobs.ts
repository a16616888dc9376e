import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where files (uploads, Parquet tables) live. Keys are relative paths like `uploads/<id>/<name>`. */
export interface BlobStore {
  /** Streams `source` to `key` atomically (temp file + rename); returns the byte count. */
  put(key: string, source: Readable | Buffer): Promise<number>;
  get(key: string): Readable;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
  /** A local filesystem path for engines that read files directly (DuckDB). */
  localPath(key: string): string;
}

/** Blob store on a local folder. */
export function localBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    const p = resolve(base, key);
    if (!p.startsWith(base + sep)) throw new Error(`blob key escapes the store: ${key}`);
    return p;
  };
  return {
    async put(key, source) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.tmp-${randomUUID()}`);
      try {
        if (Buffer.isBuffer(source)) {
          await pipeline(async function* () {
            yield source;
          }, createWriteStream(tmp));
        } else {
          await pipeline(source, createWriteStream(tmp));
        }
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return (await stat(target)).size;
    },
    get: (key) => createReadStream(pathOf(key)),
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch {
        return null;
      }
    },
    delete: (key) => rm(pathOf(key), { force: true, recursive: true }),
    localPath: pathOf,
  };
}
