/**
 * Renders analyzed full-text expressions for each engine. Tokens come from our tokenizer (letters,
 * digits, . _ -), so quoting them is enough; the strings are bound as parameters, never spliced into SQL.
 */
import type { TextField } from './document.ts';
import type { TextExpr } from './query-compile.ts';

/** FTS5 MATCH expression. */
export function toFts5(e: TextExpr): string {
  switch (e.kind) {
    case 'phrase': {
      const cols = e.cols ? `{${e.cols.join(' ')}} : ` : '';
      return `${cols}"${e.tokens.join(' ')}"${e.prefix ? '*' : ''}`;
    }
    case 'tor':
      return e.items.map((i) => `(${toFts5(i)})`).join(' OR ');
    case 'tand': {
      const pos = e.items.filter((i) => i.kind !== 'tnot');
      const neg = e.items.filter((i) => i.kind === 'tnot');
      let out = pos.map((i) => `(${toFts5(i)})`).join(' AND ');
      for (const n of neg) if (n.kind === 'tnot') out = `(${out}) NOT (${toFts5(n.item)})`;
      return out;
    }
    case 'tnot':
      throw new Error('tnot outside tand');
  }
}

const WEIGHT: Record<TextField, string> = { title: 'A', tags: 'B', org: 'C', notes: 'D', res: 'D' };

/** PostgreSQL tsquery text (cast with ::tsquery; weights restrict fields). */
export function toTsquery(e: TextExpr): string {
  switch (e.kind) {
    case 'phrase': {
      const w = e.cols ? [...new Set(e.cols.map((c) => WEIGHT[c]))].join('') : '';
      return e.tokens
        .map((t, i) => {
          const last = i === e.tokens.length - 1;
          const flags = `${last && e.prefix ? '*' : ''}${w}`;
          return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${flags ? `:${flags}` : ''}`;
        })
        .join(' <-> ');
    }
    case 'tor':
      return e.items.map((i) => `(${toTsquery(i)})`).join(' | ');
    case 'tand':
      return e.items
        .map((i) => (i.kind === 'tnot' ? `!(${toTsquery(i.item)})` : `(${toTsquery(i)})`))
        .join(' & ');
    case 'tnot':
      return `!(${toTsquery(e.item)})`;
  }
}
