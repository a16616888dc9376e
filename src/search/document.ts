import type { DocSource } from './doc-source.ts';
import { facetFields, filterOnlyValues, twProfile } from './facet-fields.ts';
import { normalizeText } from './normalize.ts';
import type { SearchDocsTable } from './tables.ts';
import { indexValues } from './tokenizer.ts';

/** Full-text fields, in FTS5 column order; PostgreSQL weights A (title) .. D (notes, res). */
export const TEXT_FIELDS = ['title', 'tags', 'org', 'notes', 'res'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Token caps per field keep PostgreSQL positions (max 16383) apart, so phrases behave alike. */
const CAPS: Record<TextField, number> = { title: 200, tags: 1000, org: 200, notes: 8000, res: 6000 };

/** One dataset's index rows, built from its sources; no I/O. */
export interface IndexDoc {
  row: Omit<SearchDocsTable, 'doc' | 'codes'> & { doc?: never };
  /** Facet values as `field \x1f value` keys (what search_facet_codes codes). */
  facetKeys: string[];
  /** Full-text column contents. */
  text: DocText;
  facetRows: { field: string; value: string; norm: string }[];
}

export const FACET_PAIR = '\x1f';
export const FACET_SEP = '\x1e';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The full-text columns of a dataset, ready to store: FTS5 column texts, or a tsvector literal. */
export interface DocText {
  /** Space-joined tokens per TEXT_FIELDS column (SQLite). */
  fts: string[] | null;
  /** tsvector literal (PostgreSQL). */
  tsv: string | null;
}

/** Tokenizes a dataset's text fields (pure; the costly part of indexing, so reindexAll runs it in a worker). */
export function buildText(src: DocSource, dialect: 'sqlite' | 'postgres'): DocText {
  const d = src.dataset;
  const profile = twProfile(src);
  const org = src.organization;
  const text: Record<TextField, string[]> = {
    title: indexValues([d.title, d.name], CAPS.title),
    tags: indexValues(src.tags, CAPS.tags),
    org: indexValues(org ? [org.title, org.name, org.orgCode, org.govOid] : [], CAPS.org),
    notes: indexValues(
      [
        d.notes,
        str(profile.fieldDescriptions),
        str(profile.remarks),
        str(profile.spatial),
        d.identifier,
        d.author,
      ],
      CAPS.notes,
    ),
    res: indexValues(
      src.resources.flatMap((r) => [r.name, r.description, r.format]),
      CAPS.res,
    ),
  };
  return dialect === 'sqlite'
    ? { fts: TEXT_FIELDS.map((f) => text[f].join(' ')), tsv: null }
    : { fts: null, tsv: tsvectorLiteral(text) };
}

/** Builds the index rows of a dataset (`text` from buildText, computed here when not given). */
export function buildDoc(src: DocSource, dialect: 'sqlite' | 'postgres', text?: DocText): IndexDoc {
  const d = src.dataset;
  const facetRows: IndexDoc['facetRows'] = [];
  const blob: string[] = [];
  const seen = new Set<string>();
  const add = (field: string, value: string, facet: boolean): void => {
    const key = `${field}${FACET_PAIR}${value}`;
    if (value === '' || seen.has(key)) return;
    seen.add(key);
    facetRows.push({ field, value, norm: normalizeText(value) });
    if (facet) blob.push(key);
  };
  for (const f of facetFields()) for (const v of f.values(src)) add(f.name, v, true);
  for (const { field, value } of filterOnlyValues(src)) add(field, value, false);
  const isPublic = d.state === 'active' && d.private === 0 ? 1 : 0;
  return {
    row: {
      dataset_id: d.id,
      name: d.name,
      title: d.title,
      title_norm: normalizeText(d.title),
      state: d.state,
      private: d.private,
      public: isPublic,
      owner_org: d.owner_org,
      creator_user_id: d.creator_user_id,
      type: d.type,
      license_id: d.license_id,
      created: d.created,
      modified: d.modified,
      facets: blob.join(FACET_SEP),
    },
    text: text ?? buildText(src, dialect),
    facetRows,
    facetKeys: blob,
  };
}

/** Splits a facets blob back into field/value pairs. */
export function parseFacetBlob(blob: string): [string, string][] {
  if (blob === '') return [];
  return blob.split(FACET_SEP).map((p) => {
    const i = p.indexOf(FACET_PAIR);
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

const PG_WEIGHT: Record<TextField, string> = { title: 'A', tags: 'B', org: 'C', notes: 'D', res: 'D' };

/**
 * The PostgreSQL tsvector literal of a document: our tokens with positions and field weights.
 * Gap tokens and field boundaries leave an unused position, as FTS5 columns/gap tokens do.
 */
export function tsvectorLiteral(text: Record<TextField, string[]>): string {
  const lexemes = new Map<string, string[]>();
  let pos = 0;
  for (const field of TEXT_FIELDS) {
    pos++;
    for (const tok of text[field]) {
      pos++;
      if (tok === '_') continue;
      const entry = `${Math.min(pos, 16383)}${PG_WEIGHT[field]}`;
      const list = lexemes.get(tok);
      if (list) list.push(entry);
      else lexemes.set(tok, [entry]);
    }
  }
  const parts: string[] = [];
  for (const [tok, positions] of lexemes)
    parts.push(`'${tok.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${positions.join(',')}`);
  return parts.join(' ');
}
