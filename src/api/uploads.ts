import { createHash, randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../platform/blobs.ts';
import { badRequest, OdpError } from '../platform/errors.ts';

/** A file received in a multipart request and stored in the blob store. */
export interface StoredUpload {
  key: string;
  fileName: string;
  mimetype: string;
  size: number;
  sha256: string;
}

/** Blob key of an uploaded resource file. */
export const uploadKey = (resourceId: string, fileName: string): string =>
  `uploads/${resourceId}/${safeFileName(fileName)}`;

/** Keeps a file name readable (Chinese included) but free of path tricks. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'file';
}

/**
 * Reads a multipart body: text fields into `fields`, the file part named `upload` (CKAN's name) or `file`
 * streamed to the blob store while its SHA-256 is computed. Over the size limit -> 413, nothing kept.
 */
export async function receiveMultipart(
  req: FastifyRequest,
  blobs: BlobStore,
  resourceId: string,
): Promise<{ fields: Record<string, string>; upload: StoredUpload | null }> {
  const fields: Record<string, string> = {};
  let upload: StoredUpload | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'upload' && part.fieldname !== 'file') {
      part.file.resume();
      continue;
    }
    if (upload) throw badRequest('Only one file per request');
    const fileName = safeFileName(part.filename || 'file');
    const key = uploadKey(resourceId, fileName);
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const size = await blobs.put(key, part.file.pipe(tap));
    if (part.file.truncated) {
      await blobs.delete(key);
      throw new OdpError('too_large', 'ODP_UPLOAD_TOO_LARGE', 'The file is larger than this portal accepts');
    }
    upload = { key, fileName, mimetype: part.mimetype, size, sha256: hash.digest('hex') };
  }
  return { fields, upload };
}

/** A fresh id for a resource whose file arrives before the resource row exists. */
export const newResourceId = (): string => randomUUID();
