/**
 * A plain RDF/XML writer (n3 writes Turtle and N-Triples only): one rdf:Description per subject, literals
 * with xml:lang or rdf:datatype, IRI objects as rdf:resource, blank nodes as rdf:nodeID. Predicates whose
 * IRI has no namespace we know get an ad-hoc prefix, so any graph can be written.
 */

import type { Quad, Term } from 'n3';
import { NS } from './vocab.ts';

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

// XML 1.0 cannot carry most control characters even escaped; drop them rather than emit invalid XML.
const xmlAllowed = (c: number): boolean =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
const dropControl = (s: string): string => [...s].filter((ch) => xmlAllowed(ch.codePointAt(0) ?? 0)).join('');

/** Splits an IRI into namespace and an XML-name local part, or null when it cannot be a QName. */
function splitIri(iri: string): [string, string] | null {
  const m = /^(.*[#/])([A-Za-z_][\w.-]*)$/.exec(iri);
  return m?.[1] && m[2] ? [m[1], m[2]] : null;
}

function subjectAttr(t: Term): string {
  return t.termType === 'BlankNode'
    ? `rdf:nodeID="${xmlEscape(t.value)}"`
    : `rdf:about="${xmlEscape(t.value)}"`;
}

/** Serialises quads (default graph) as an RDF/XML document. */
export function toRdfXml(quads: readonly Quad[]): string {
  const prefixes = new Map<string, string>(Object.entries(NS).map(([p, ns]) => [ns, p]));
  const used = new Set<string>(['rdf']);
  const qname = (iri: string): string => {
    const parts = splitIri(iri);
    if (!parts) throw new Error(`Predicate ${iri} cannot be written in RDF/XML`);
    let p = prefixes.get(parts[0]);
    if (!p) {
      p = `ns${prefixes.size}`;
      prefixes.set(parts[0], p);
    }
    used.add(p);
    return `${p}:${parts[1]}`;
  };
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}|${q.subject.value}`;
    const list = bySubject.get(key);
    if (list) list.push(q);
    else bySubject.set(key, [q]);
  }
  const body: string[] = [];
  for (const list of bySubject.values()) {
    const first = list[0];
    if (!first) continue;
    body.push(`  <rdf:Description ${subjectAttr(first.subject)}>`);
    for (const q of list) {
      const name = qname(q.predicate.value);
      const o = q.object;
      if (o.termType === 'NamedNode') body.push(`    <${name} rdf:resource="${xmlEscape(o.value)}"/>`);
      else if (o.termType === 'BlankNode') body.push(`    <${name} rdf:nodeID="${xmlEscape(o.value)}"/>`);
      else if (o.termType === 'Literal') {
        const attr = o.language
          ? ` xml:lang="${xmlEscape(o.language)}"`
          : o.datatype.value !== `${NS.xsd}string`
            ? ` rdf:datatype="${xmlEscape(o.datatype.value)}"`
            : '';
        body.push(`    <${name}${attr}>${xmlEscape(dropControl(o.value))}</${name}>`);
      }
    }
    body.push('  </rdf:Description>');
  }
  const decls = [...prefixes]
    .filter(([, p]) => used.has(p))
    .map(([ns, p]) => `\n    xmlns:${p}="${xmlEscape(ns)}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${decls.join('')}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}
