/**
 * A tiny triple builder over n3's DataFactory: subjects and objects are IRIs (strings) or literals, so the
 * DCAT mapping reads like the table in the spec. Empty values are skipped, which keeps optional fields out.
 */

import type { Quad } from 'n3';
import { n3 } from '../../platform/lazy-libraries.ts';
import { iri, type Prefix } from './vocab.ts';

/** n3's term factory, loaded with n3 on the first graph built. */
const terms = () => n3().DataFactory;

export type Curie = `${Prefix}:${string}`;

/** Accumulates triples. */
export class GraphBuilder {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();

  /** Adds a triple once: shared nodes (publisher, license, formats) are described by many datasets. */
  private add(q: Quad): void {
    const o = q.object;
    const key = `${q.subject.value} ${q.predicate.value} ${o.termType} ${o.value} ${o.termType === 'Literal' ? `${o.language}|${o.datatype.value}` : ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(q);
  }

  /** subject -> predicate -> IRI object (skipped when the object is ''). */
  link(subject: string, predicate: Curie, object: string): this {
    if (object)
      this.add(
        terms().quad(
          terms().namedNode(subject),
          terms().namedNode(iri(predicate)),
          terms().namedNode(object),
        ),
      );
    return this;
  }

  /** rdf:type, for each class given. */
  type(subject: string, ...classes: Curie[]): this {
    for (const c of classes) this.link(subject, 'rdf:type', iri(c));
    return this;
  }

  /** A plain or typed literal (skipped when the value is ''). */
  text(subject: string, predicate: Curie, value: string, datatype?: Curie): this {
    if (value === '') return this;
    const lit = datatype ? terms().literal(value, terms().namedNode(iri(datatype))) : terms().literal(value);
    this.add(terms().quad(terms().namedNode(subject), terms().namedNode(iri(predicate)), lit));
    return this;
  }

  /** A language-tagged literal (skipped when the value is ''). */
  lang(subject: string, predicate: Curie, value: string, language: string): this {
    if (value !== '')
      this.add(
        terms().quad(
          terms().namedNode(subject),
          terms().namedNode(iri(predicate)),
          terms().literal(value, language),
        ),
      );
    return this;
  }

  /** A timestamp as xsd:dateTime, or a bare date as xsd:date (skipped when empty). */
  date(subject: string, predicate: Curie, value: string): this {
    if (!value) return this;
    return /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? this.text(subject, predicate, value, 'xsd:date')
      : this.text(subject, predicate, value, 'xsd:dateTime');
  }
}
