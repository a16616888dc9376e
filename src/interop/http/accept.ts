/**
 * Whether a request to a shared address (/dataset/{name}, which the web portal answers for browsers) asks
 * for RDF: only an explicit RDF media type that the client prefers at least as much as HTML counts.
 * Wildcards and generic XML/JSON types (browsers send application/xml) never do.
 */

import type { RdfFormat } from '../rdf/serialize.ts';

const RDF_TYPES: Record<string, RdfFormat> = {
  'text/turtle': 'turtle',
  'application/x-turtle': 'turtle',
  'application/ld+json': 'jsonld',
  'application/rdf+xml': 'rdfxml',
};

/** The RDF format an Accept header explicitly asks for, or null (leave the request to the web layer). */
export function explicitRdfFormat(accept: string | undefined): RdfFormat | null {
  if (!accept) return null;
  let best: { format: RdfFormat; q: number } | null = null;
  let htmlQ = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml') htmlQ = Math.max(htmlQ, q);
    const format = RDF_TYPES[type];
    if (format && (!best || q > best.q)) best = { format, q };
  }
  return best && best.q > htmlQ ? best.format : null;
}
