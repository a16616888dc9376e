/**
 * Writes a graph as Turtle, JSON-LD (compacted with DCAT-friendly prefixes) or RDF/XML. The JSON-LD
 * library loads on first use.
 */

import type { Quad, WriterOptions } from 'n3';
import { n3 } from '../../platform/lazy-libraries.ts';
import { toRdfXml } from './rdf-xml-writer.ts';
import { NS } from './vocab.ts';

export type RdfFormat = 'turtle' | 'jsonld' | 'rdfxml';

/** Media type of each format. */
export const RDF_MEDIA_TYPES: Record<RdfFormat, string> = {
  turtle: 'text/turtle',
  jsonld: 'application/ld+json',
  rdfxml: 'application/rdf+xml',
};

/** Quads reordered so each subject's triples are adjacent (first-appearance order), for readable output. */
export function groupBySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}|${q.subject.value}`;
    const list = groups.get(key);
    if (list) list.push(q);
    else groups.set(key, [q]);
  }
  return [...groups.values()].flat();
}

function write(quads: readonly Quad[], options: WriterOptions): Promise<string> {
  const writer = new (n3().Writer)(options);
  writer.addQuads(groupBySubject(quads));
  return new Promise((resolve, reject) =>
    writer.end((err, out: string) => (err ? reject(err) : resolve(out))),
  );
}

/** Turtle with the usual prefixes. */
export function toTurtle(quads: readonly Quad[]): Promise<string> {
  return write(quads, { prefixes: { ...NS } });
}

/** N-Triples (one triple a line; also the input jsonld.fromRDF reads). */
export function toNTriples(quads: readonly Quad[]): Promise<string> {
  return write(quads, { format: 'N-Triples' });
}

/** JSON-LD compacted against a context of our prefixes (no remote context is referenced or fetched). */
export async function toJsonLd(quads: readonly Quad[]): Promise<object> {
  const nquads = await toNTriples(quads);
  const { default: jsonld } = await import('jsonld');
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  const context: Record<string, string> = { ...NS };
  return jsonld.compact(expanded, context);
}

/** Serialises to the named format; JSON-LD is returned as pretty JSON text. */
export async function serializeRdf(quads: readonly Quad[], format: RdfFormat): Promise<string> {
  if (format === 'turtle') return toTurtle(quads);
  if (format === 'rdfxml') return toRdfXml(quads);
  return `${JSON.stringify(await toJsonLd(quads), null, 2)}\n`;
}
