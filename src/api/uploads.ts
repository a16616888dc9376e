import type { FastifyRequest } from 'fastify';
import { type StoredFile, storeResourceFile } from '../catalog/resource-files.ts';
import type { BlobStore } from '../platform/blobs.ts';
import { badRequest, OdpError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';

/**
 * Reads a multipart body: text fields into `fields`, the file part named `upload` (CKAN's name) or `file`
 * streamed to the blob store while its SHA-256 is computed. Over the size limit -> 413, nothing kept.
 */
export async function receiveMultipart(
  req: FastifyRequest,
  blobs: BlobStore,
  resourceId: string,
): Promise<{ fields: Record<string, string>; upload: StoredFile | null }> {
  const fields: Record<string, string> = {};
  let upload: StoredFile | null = null;
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
    upload = await storeResourceFile(blobs, resourceId, part.filename || 'file', part.mimetype, part.file);
    if (part.file.truncated) {
      await blobs.delete(upload.key);
      throw new OdpError('too_large', 'ODP_UPLOAD_TOO_LARGE', 'The file is larger than this portal accepts');
    }
  }
  return { fields, upload };
}

/** A fresh id for a resource whose file arrives before the resource row exists. */
export const newResourceId = (): string => newId();
