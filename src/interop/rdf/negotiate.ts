/**
 * Picks the RDF serialisation for a request: an explicit extension (/catalog.ttl, .jsonld, .rdf, .xml)
 * wins; otherwise the Accept header with q-values; otherwise null (the route answers 406 or its default).
 */

import type { RdfFormat } from './serialize.ts';

const EXTENSIONS: Record<string, RdfFormat> = {
  ttl: 'turtle',
  turtle: 'turtle',
  jsonld: 'jsonld',
  json: 'jsonld',
  rdf: 'rdfxml',
  xml: 'rdfxml',
  owl: 'rdfxml',
};

const MEDIA: Record<string, RdfFormat> = {
  'text/turtle': 'turtle',
  'application/x-turtle': 'turtle',
  'application/ld+json': 'jsonld',
  'application/json': 'jsonld',
  'application/rdf+xml': 'rdfxml',
  'application/xml': 'rdfxml',
  'text/xml': 'rdfxml',
};

/** Format for a file extension with or without the dot ("ttl", ".jsonld"), or null. */
export function rdfFormatFromExtension(extension: string): RdfFormat | null {
  return EXTENSIONS[extension.replace(/^\./, '').toLowerCase()] ?? null;
}

interface AcceptItem {
  type: string;
  q: number;
  order: number;
}

function parseAccept(header: string): AcceptItem[] {
  return header
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((i) => i.type && i.q > 0);
}

/**
 * The best format the Accept header allows, highest q first, then the more specific media range, then
 * header order; `* / *` and `application/*` fall back to `fallback` (Turtle unless told otherwise).
 */
export function rdfFormatFromAccept(accept: string, fallback: RdfFormat | null = 'turtle'): RdfFormat | null {
  const items = parseAccept(accept).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const item of items) {
    const exact = MEDIA[item.type];
    if (exact) return exact;
    if (item.type === '*/*' || item.type === 'application/*' || item.type === 'text/*') return fallback;
  }
  return null;
}

/** Extension first, then Accept header. */
export function negotiateRdfFormat(req: { extension?: string; accept?: string }): RdfFormat | null {
  if (req.extension) return rdfFormatFromExtension(req.extension);
  return rdfFormatFromAccept(req.accept ?? '*/*');
}
