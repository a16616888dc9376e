/**
 * Turns a parsed query into a filter tree the SQL renderers understand: full-text leaves (already
 * analyzed into our tokens), exact-value leaves (tags, organization, res_format, extras_*, ...),
 * column comparisons and date ranges. Adjacent full-text leaves are merged into one expression so
 * the engine evaluates them in one index pass.
 */
import type { TextField } from './document.ts';
import { facetField } from './facet-fields.ts';
import { normalizeText } from './normalize.ts';
import { type QueryNode, queryError } from './query-parser.ts';
import type { SynonymTable } from './synonyms.ts';
import { pieces, queryUnits } from './tokenizer.ts';

export type TextExpr =
  | { kind: 'phrase'; tokens: string[]; prefix: boolean; cols: TextField[] | null }
  | { kind: 'tand' | 'tor'; items: TextExpr[] }
  | { kind: 'tnot'; item: TextExpr };

export type DocColumn = 'dataset_id' | 'name' | 'state' | 'private' | 'type' | 'owner_org' | 'license_id';

export type Filter =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'text'; expr: TextExpr }
  | { kind: 'facet'; fields: string[]; norm: string | null }
  | { kind: 'col'; col: DocColumn; value: string | number }
  | {
      kind: 'range';
      col: 'modified' | 'created';
      lo: string | null;
      hi: string | null;
      loInc: boolean;
      hiInc: boolean;
    }
  | { kind: 'and' | 'or'; items: Filter[] }
  | { kind: 'not'; item: Filter };

/** Text fields a query may name, and the index columns each searches. */
const TEXT_FIELD_COLS: Record<string, TextField[] | null> = {
  text: null,
  title: ['title'],
  notes: ['notes', 'res'],
  res_name: ['notes', 'res'],
  res_description: ['notes', 'res'],
};
/** Exact-value fields kept in search_facets besides the registered facet fields. */
const EXTRA_EXACT: Record<string, string[]> = {
  organization: ['organization', '_org_alias'],
  identifier: ['_identifier'],
};
const COLUMN_FIELDS: Record<string, DocColumn> = {
  id: 'dataset_id',
  name: 'name',
  state: 'state',
  dataset_type: 'type',
  type: 'type',
  owner_org: 'owner_org',
};
const RANGE_FIELDS: Record<string, 'modified' | 'created'> = {
  metadata_modified: 'modified',
  metadata_created: 'created',
};

export interface CompileOptions {
  synonyms: SynonymTable;
}

/** Compiles a query tree into a filter tree (throws ODP_SEARCH_QUERY for unknown fields or bad values). */
export function compileQuery(node: QueryNode, opts: CompileOptions): Filter {
  return mergeText(toFilter(node, opts));
}

function toFilter(node: QueryNode, opts: CompileOptions): Filter {
  switch (node.kind) {
    case 'all':
      return { kind: 'all' };
    case 'and':
    case 'or':
      return { kind: node.kind, items: node.items.map((n) => toFilter(n, opts)) };
    case 'not':
      return { kind: 'not', item: toFilter(node.item, opts) };
    case 'range':
      return rangeFilter(node);
    case 'term':
      return termFilter(node.field, node.value, node.phrase, opts);
  }
}

function termFilter(field: string | null, value: string, phrase: boolean, opts: CompileOptions): Filter {
  const name = field ?? 'text';
  if (name in TEXT_FIELD_COLS) return textFilter(value, phrase, TEXT_FIELD_COLS[name] ?? null, opts);
  if (value === '*') return existsFilter(name);
  const column = COLUMN_FIELDS[name];
  if (column) return { kind: 'col', col: column, value };
  if (name === 'capacity') {
    if (value !== 'public' && value !== 'private') throw queryError('capacity must be public or private');
    return { kind: 'col', col: 'private', value: value === 'private' ? 1 : 0 };
  }
  if (name === 'license_id' && !facetField(name)) return { kind: 'col', col: 'license_id', value };
  const exact = EXTRA_EXACT[name] ?? (facetField(name) || name.startsWith('extras_') ? [name] : null);
  if (!exact) throw queryError(`unknown field ${name}`);
  return { kind: 'facet', fields: exact, norm: normalizeText(value) };
}

function existsFilter(name: string): Filter {
  if (name in COLUMN_FIELDS || name === 'capacity' || name in RANGE_FIELDS) return { kind: 'all' };
  const exact = EXTRA_EXACT[name] ?? (facetField(name) || name.startsWith('extras_') ? [name] : null);
  if (!exact) throw queryError(`unknown field ${name}`);
  return { kind: 'facet', fields: exact, norm: null };
}

/** Analyzes free text into a full-text expression; words expand to their synonyms. */
function textFilter(value: string, phrase: boolean, cols: TextField[] | null, opts: CompileOptions): Filter {
  if (!phrase && value.endsWith('*') && value.length > 1) {
    const ps = pieces(normalizeText(value.slice(0, -1)));
    const only = ps[0];
    if (ps.length === 1 && only?.kind === 'word')
      return { kind: 'text', expr: { kind: 'phrase', tokens: [only.text], prefix: true, cols } };
  }
  const analyze = (text: string, asPhrase: boolean): TextExpr | null => {
    const units = queryUnits(text, asPhrase);
    const items: TextExpr[] = units.map((u) => ({
      kind: 'phrase',
      tokens: u.tokens,
      prefix: u.prefix,
      cols,
    }));
    if (items.length === 0) return null;
    return items.length === 1 ? (items[0] as TextExpr) : { kind: 'tand', items };
  };
  const synonyms = phrase ? undefined : opts.synonyms.get(normalizeText(value));
  if (synonyms) {
    const alts = synonyms.map((s) => analyze(s, false)).filter((e): e is TextExpr => e !== null);
    if (alts.length > 0)
      return { kind: 'text', expr: alts.length === 1 ? (alts[0] as TextExpr) : { kind: 'tor', items: alts } };
  }
  const expr = analyze(value, phrase);
  return expr ? { kind: 'text', expr } : { kind: 'all' };
}

/** Solr date values: ISO dates/times, NOW, NOW-7DAYS style offsets; normalized to stored ISO text. */
export function parseDateBound(raw: string): string {
  const m = /^NOW(?:([+-])(\d{1,4})(DAYS?|MONTHS?|YEARS?|HOURS?))?(?:\/DAY)?$/.exec(raw);
  if (m) {
    const d = new Date();
    if (m[1] && m[2] && m[3]) {
      const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
      if (m[3].startsWith('DAY')) d.setUTCDate(d.getUTCDate() + n);
      else if (m[3].startsWith('MONTH')) d.setUTCMonth(d.getUTCMonth() + n);
      else if (m[3].startsWith('YEAR')) d.setUTCFullYear(d.getUTCFullYear() + n);
      else d.setUTCHours(d.getUTCHours() + n);
    }
    return d.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(raw))
    throw queryError(`bad date ${raw}`);
  const d = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw.endsWith('Z') ? raw : `${raw}Z`);
  if (Number.isNaN(d.getTime())) throw queryError(`bad date ${raw}`);
  return d.toISOString();
}

function rangeFilter(node: Extract<QueryNode, { kind: 'range' }>): Filter {
  const col = RANGE_FIELDS[node.field];
  if (!col) throw queryError(`field ${node.field} does not support ranges`);
  return {
    kind: 'range',
    col,
    lo: node.lo === null ? null : parseDateBound(node.lo),
    hi: node.hi === null ? null : parseDateBound(node.hi),
    loInc: node.loInc,
    hiInc: node.hiInc,
  };
}

const isPositiveText = (f: Filter): f is Extract<Filter, { kind: 'text' }> => f.kind === 'text';
const isNegatedText = (f: Filter): f is { kind: 'not'; item: Extract<Filter, { kind: 'text' }> } =>
  f.kind === 'not' && f.item.kind === 'text';

/** Merges full-text children of AND/OR nodes into single text leaves; drops match-all conjuncts. */
export function mergeText(f: Filter): Filter {
  if (f.kind === 'not') {
    const item = mergeText(f.item);
    if (item.kind === 'all') return { kind: 'none' };
    if (item.kind === 'none') return { kind: 'all' };
    return { kind: 'not', item };
  }
  if (f.kind !== 'and' && f.kind !== 'or') return f;
  let items = f.items.map(mergeText);
  if (f.kind === 'and') {
    if (items.some((i) => i.kind === 'none')) return { kind: 'none' };
    items = items.filter((i) => i.kind !== 'all');
    const pos = items.filter(isPositiveText);
    const neg = items.filter(isNegatedText);
    if (pos.length > 0 && pos.length + neg.length > 1) {
      const merged: TextExpr = {
        kind: 'tand',
        items: [
          ...pos.map((p) => p.expr),
          ...neg.map((n): TextExpr => ({ kind: 'tnot', item: n.item.expr })),
        ],
      };
      items = [
        { kind: 'text', expr: merged },
        ...items.filter((i) => !isPositiveText(i) && !isNegatedText(i)),
      ];
    }
    if (items.length === 0) return { kind: 'all' };
  } else {
    if (items.some((i) => i.kind === 'all')) return { kind: 'all' };
    items = items.filter((i) => i.kind !== 'none');
    if (items.length === 0) return { kind: 'none' };
    if (items.every(isPositiveText))
      return { kind: 'text', expr: { kind: 'tor', items: items.map((i) => i.expr) } };
  }
  return items.length === 1 ? (items[0] as Filter) : { kind: f.kind, items };
}
