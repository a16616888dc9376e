import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors.ts';

/** The revision a write is based on: `If-Match: "7"` (or W/"7") or a `revision` field; undefined = unconditional. */
export function expectedRevision(req: FastifyRequest, bodyRevision?: number): number | undefined {
  const h = req.headers['if-match'];
  if (typeof h === 'string' && h.trim() && h.trim() !== '*') {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
    if (!m?.[1]) throw badRequest('If-Match must hold a dataset revision such as "7"', 'ODP_BAD_IF_MATCH');
    return Number(m[1]);
  }
  return bodyRevision;
}

/** The ETag of a dataset revision. */
export const etagOf = (revision: number): string => `"${revision}"`;
