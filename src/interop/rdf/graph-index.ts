/** Read access to a parsed graph: objects of (subject, predicate), subjects of a class, literal picking. */

import type { Curie } from './graph.ts';
import { iri } from './vocab.ts';

/** The RDF.js term fields we read (n3 and rdfxml-streaming-parser terms both have them). */
export interface TermLike {
  termType: string;
  value: string;
  language?: string;
}

export interface QuadLike {
  subject: TermLike;
  predicate: TermLike;
  object: TermLike;
}

const key = (t: TermLike): string => `${t.termType === 'BlankNode' ? '_:' : ''}${t.value}`;

/** Indexes quads by subject and predicate, keeping document order. */
export class GraphIndex {
  private readonly bySubject = new Map<string, Map<string, TermLike[]>>();

  constructor(quads: Iterable<QuadLike>) {
    for (const q of quads) {
      const s = key(q.subject);
      let preds = this.bySubject.get(s);
      if (!preds) {
        preds = new Map();
        this.bySubject.set(s, preds);
      }
      const list = preds.get(q.predicate.value);
      if (list) list.push(q.object);
      else preds.set(q.predicate.value, [q.object]);
    }
  }

  /** Objects of subject/predicate (subject as key: an IRI, or `_:id` for a blank node). */
  objects(subject: string, predicate: Curie): TermLike[] {
    return this.bySubject.get(subject)?.get(iri(predicate)) ?? [];
  }

  /** Subject keys with rdf:type cls, in document order. */
  subjectsOfType(cls: Curie): string[] {
    const target = iri(cls);
    const out: string[] = [];
    for (const [s, preds] of this.bySubject) {
      if (preds.get(iri('rdf:type'))?.some((t) => t.value === target)) out.push(s);
    }
    return out;
  }

  /** The key of a node object, to follow links. */
  static nodeKey(t: TermLike): string {
    return key(t);
  }

  /** First literal value, preferring the given languages in order, then untagged, then any. */
  text(subject: string, predicate: Curie, languages: string[] = ['zh-hant', 'zh-tw', 'zh']): string {
    const lits = this.objects(subject, predicate).filter((t) => t.termType === 'Literal');
    for (const lang of languages) {
      const hit = lits.find((t) => t.language?.toLowerCase() === lang);
      if (hit) return hit.value;
    }
    return (lits.find((t) => !t.language) ?? lits[0])?.value ?? '';
  }

  /** All literal values of subject/predicate. */
  texts(subject: string, predicate: Curie): string[] {
    return this.objects(subject, predicate)
      .filter((t) => t.termType === 'Literal')
      .map((t) => t.value);
  }

  /** First IRI object, or ''. */
  link(subject: string, predicate: Curie): string {
    return this.objects(subject, predicate).find((t) => t.termType === 'NamedNode')?.value ?? '';
  }

  /** First node object (IRI or blank) as a key, or ''. */
  node(subject: string, predicate: Curie): string {
    const t = this.objects(subject, predicate).find((o) => o.termType !== 'Literal');
    return t ? key(t) : '';
  }
}
