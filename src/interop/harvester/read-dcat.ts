/** Reads a DCAT source: Turtle, JSON-LD or RDF/XML, following hydra:next pages (loops and runaway paging cut off). */

import type { HarvestRecord } from '../dataset-input.ts';
import { harvestDcatGraph } from '../harvest/dcat.ts';
import { rdfFormatFromAccept, rdfFormatFromExtension } from '../rdf/negotiate.ts';
import { parseRdf } from '../rdf/parse.ts';
import type { RdfFormat } from '../rdf/serialize.ts';
import { NS } from '../rdf/vocab.ts';
import { decodeText, type Fetched, type FetchPolicy, fetchDocument } from './fetch.ts';
import type { SourceRead } from './read-source.ts';

const MAX_PAGES = 1000;
const ACCEPT = 'text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8, */*;q=0.1';

/** The serialisation of a fetched document: served type, else the URL's extension, else a sniff. */
export function rdfFormatOf(doc: Fetched, text: string): RdfFormat {
  const byType = doc.contentType ? rdfFormatFromAccept(doc.contentType.split(';')[0] ?? '', null) : null;
  if (byType) return byType;
  const ext = /\.([a-z]+)(?:[?#].*)?$/i.exec(doc.url)?.[1];
  const byExt = ext ? rdfFormatFromExtension(ext) : null;
  if (byExt) return byExt;
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'jsonld';
  if (head.startsWith('<?xml') || head.startsWith('<rdf:RDF')) return 'rdfxml';
  return 'turtle';
}

/** Every DCAT page of the source; a page that does not parse fails the read (so nothing is withdrawn). */
export async function readDcat(url: string, policy: FetchPolicy): Promise<SourceRead> {
  const records: HarvestRecord[] = [];
  const seen = new Set<string>();
  let next: string | null = url;
  while (next && !seen.has(next) && seen.size < MAX_PAGES) {
    seen.add(next);
    const doc = await fetchDocument(next, policy, ACCEPT);
    const text = decodeText(doc.body);
    const format = rdfFormatOf(doc, text);
    let quads: Awaited<ReturnType<typeof parseRdf>>;
    try {
      quads = await parseRdf(text, format);
    } catch (e) {
      throw new Error(`${next}: not valid ${format}: ${e instanceof Error ? e.message : String(e)}`);
    }
    records.push(...harvestDcatGraph(quads));
    const nextPage = quads.find((q) => q.predicate.value === `${NS.hydra}next`)?.object.value ?? null;
    // Only follow pages on the source's own origin (a document must not steer the harvester elsewhere).
    next = nextPage && sameOrigin(nextPage, url) ? nextPage : null;
  }
  const presentIds = new Set(records.flatMap((r) => ('remoteId' in r ? [r.remoteId] : [])));
  return { records, presentIds: seen.size >= MAX_PAGES ? null : presentIds, documents: seen.size };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return /^https?:/i.test(b) ? new URL(a).origin === new URL(b).origin : false;
  } catch {
    return false;
  }
}
