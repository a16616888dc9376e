/**
 * Vocabulary hosts: using their terms is what makes data RDF (4 stars); linking to them is not
 * "linked data" in the 5-star sense, which needs links to other publishers' things.
 */
const VOCABULARY_HOSTS = new Set([
  'www.w3.org',
  'w3.org',
  'purl.org',
  'xmlns.com',
  'schema.org',
  'www.opengis.net',
  'rdfs.org',
  'data.europa.eu',
]);

/**
 * True when RDF text (Turtle, N-Triples, RDF/XML, JSON-LD) refers to resources on at least two hosts
 * besides vocabularies: its own data plus someone else's (e.g. the village's URI in a gazetteer).
 */
export function linksToOtherHosts(text: string): boolean {
  const hosts = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/([a-z0-9.-]+)(\/[^\s"'<>)]*)?/gi)) {
    const host = (m[1] ?? '').toLowerCase();
    if (!VOCABULARY_HOSTS.has(host)) hosts.add(host);
    if (hosts.size >= 2) return true;
  }
  return false;
}
