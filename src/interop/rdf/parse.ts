/**
 * Reads Turtle, JSON-LD and RDF/XML into quads. JSON-LD documents may not pull remote contexts: the
 * document loader refuses every URL, so a harvested document cannot make ODP fetch arbitrary addresses.
 * The JSON-LD and RDF/XML libraries load on first use (they cost the server's start a fifth of a second).
 */

import type { Quad } from 'n3';
import { n3 } from '../../platform/lazy-libraries.ts';
import type { RdfFormat } from './serialize.ts';

/** Parses Turtle (or N-Triples) text. */
export function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new (n3().Parser)(baseIRI ? { baseIRI } : {}).parse(text);
}

/** Parses a JSON-LD document (text or object); remote contexts are refused. */
export async function parseJsonLd(doc: string | object): Promise<Quad[]> {
  const input = typeof doc === 'string' ? (JSON.parse(doc) as object) : doc;
  const { default: jsonld } = await import('jsonld');
  const nquads = await jsonld.toRDF(input, {
    format: 'application/n-quads',
    documentLoader: async (url: string) => {
      throw new Error(`remote JSON-LD context refused: ${url}`);
    },
  });
  return new (n3().Parser)({ format: 'N-Quads' }).parse(String(nquads));
}

/** Parses RDF/XML text. */
export async function parseRdfXml(text: string, baseIRI = 'urn:odp:harvest'): Promise<Quad[]> {
  const { RdfXmlParser } = await import('rdfxml-streaming-parser');
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI });
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Parses text in the given format. */
export async function parseRdf(text: string, format: RdfFormat): Promise<Quad[]> {
  if (format === 'turtle') return parseTurtle(text);
  if (format === 'rdfxml') return parseRdfXml(text);
  return parseJsonLd(text);
}
