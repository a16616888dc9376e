import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { BlobStore } from '../platform/blobs.ts';
import type { ResourceInput } from './dataset-input.ts';

/** A resource file kept in the blob store. */
export interface StoredFile {
  key: string;
  fileName: string;
  mimetype: string;
  size: number;
  sha256: string;
}

/** Keeps a file name readable (Chinese included) but free of path tricks. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'file';
}

/** Blob key of an uploaded resource file. */
export const resourceFileKey = (resourceId: string, fileName: string): string =>
  `uploads/${resourceId}/${safeFileName(fileName)}`;

/** Streams a file into the blob store under the resource's key, computing its SHA-256 on the way. */
export async function storeResourceFile(
  blobs: BlobStore,
  resourceId: string,
  fileName: string,
  mimetype: string,
  source: Readable,
): Promise<StoredFile> {
  const name = safeFileName(fileName);
  const key = resourceFileKey(resourceId, name);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const size = await blobs.put(key, source.pipe(tap));
  return { key, fileName: name, mimetype, size, sha256: hash.digest('hex') };
}

/** The resource fields describing a stored file: the file becomes the resource's content. */
export function storedFileFields(file: StoredFile, baseUrl: string, resourceId: string): ResourceInput {
  return {
    url: `${baseUrl}/api/v1/resources/${resourceId}/download/${encodeURIComponent(file.fileName)}`,
    urlType: 'upload',
    size: file.size,
    sha256: file.sha256,
    mimetype: file.mimetype,
    lastModified: new Date().toISOString(),
  };
}
