/** Test support: validates quads against SEMIC's DCAT-AP 3.0.1 shapes (dcat-ap-SHACL.ttl + ranges.ttl). */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import rdf from '@zazuko/env-node';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { QuadLike } from '../rdf/graph-index.ts';
import { FIXTURES } from './demo-catalog.ts';

let validator: SHACLValidator | null = null;

function load(): SHACLValidator {
  if (validator) return validator;
  const shapes = rdf.dataset();
  for (const file of ['dcat-ap-SHACL.ttl', 'ranges.ttl']) {
    for (const q of new Parser().parse(readFileSync(resolve(FIXTURES, 'dcat-ap-3.0.1', file), 'utf8')))
      shapes.add(q);
  }
  validator = new SHACLValidator(shapes, { factory: rdf });
  return validator;
}

/** Violations as "focus node | path | message" lines (empty when the graph conforms). */
export async function dcatApViolations(quads: Iterable<QuadLike>): Promise<string[]> {
  const data = rdf.dataset();
  for (const q of quads) {
    const term = (t: QuadLike['subject']) =>
      t.termType === 'NamedNode'
        ? rdf.namedNode(t.value)
        : t.termType === 'BlankNode'
          ? rdf.blankNode(t.value)
          : rdf.literal(
              t.value,
              t.language || rdf.namedNode((t as { datatype?: { value: string } }).datatype?.value ?? ''),
            );
    data.add(rdf.quad(term(q.subject) as never, rdf.namedNode(q.predicate.value), term(q.object) as never));
  }
  const report = await load().validate(data);
  return report.results.map(
    (r) => `${r.focusNode?.value} | ${r.path?.value} | ${r.message.map((m) => m.value).join(' ')}`,
  );
}
