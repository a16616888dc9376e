/**
 * Parser for the query language shared by the web search box, /api/v1 and CKAN's package_search
 * q/fq (the Solr subset real clients send): words (all must match), "phrases", -exclusion, +required,
 * AND / OR / NOT (&&, ||, !), parentheses, field:value, field:"phrase", field:(a OR b),
 * ranges field:[X TO Y] / {X TO Y} with * for open ends, *:* for everything.
 * OR binds tighter than AND, so `捷運 OR MRT 時刻表` means (捷運 OR MRT) AND 時刻表.
 * Solr local params (`{!...}`) are refused.
 */
import { OdpError } from '../platform/errors.ts';

export type QueryNode =
  | { kind: 'and' | 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode }
  | { kind: 'all' }
  | { kind: 'term'; field: string | null; value: string; phrase: boolean }
  | { kind: 'range'; field: string; lo: string | null; hi: string | null; loInc: boolean; hiInc: boolean };

type Tok =
  | { t: '(' | ')' | 'AND' | 'OR' | 'NOT' | '+' | '-' }
  | { t: 'field'; name: string }
  | { t: 'word'; value: string }
  | { t: 'quoted'; value: string }
  | { t: 'range'; lo: string | null; hi: string | null; loInc: boolean; hiInc: boolean };

/** Longest accepted q or fq string, deepest nesting, most terms: bounds on work per request. */
export const MAX_QUERY_LENGTH = 2000;
const MAX_DEPTH = 20;
const MAX_TERMS = 64;

/** The error CKAN maps to "Search Query Error". */
export function queryError(message: string): OdpError {
  return new OdpError('bad_request', 'ODP_SEARCH_QUERY', message);
}

const SPECIAL = new Set(['(', ')', '"', ' ', '\t', '\n', '\r', '\u3000']);

function lex(input: string): Tok[] {
  if (input.length > MAX_QUERY_LENGTH) throw queryError(`query longer than ${MAX_QUERY_LENGTH} characters`);
  if (input.includes('{!')) throw queryError('local parameters ({!...}) are not supported');
  const out: Tok[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i] ?? '';
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (input.startsWith('&&', i)) {
      out.push({ t: 'AND' });
      i += 2;
      continue;
    }
    if (input.startsWith('||', i)) {
      out.push({ t: 'OR' });
      i += 2;
      continue;
    }
    const next = input[i + 1] ?? ' ';
    if ((c === '+' || c === '-' || c === '!') && !/\s/u.test(next)) {
      out.push({ t: c === '+' ? '+' : '-' });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n && input[j] !== '"') {
        if (input[j] === '\\' && j + 1 < n) j++;
        value += input[j];
        j++;
      }
      if (j >= n) throw queryError('unterminated quoted phrase');
      out.push({ t: 'quoted', value });
      i = j + 1;
      continue;
    }
    if ((c === '[' || c === '{') && out[out.length - 1]?.t === 'field') {
      const close = input.slice(i).search(/[\]}]/);
      if (close < 0) throw queryError('unterminated range');
      const body = input.slice(i + 1, i + close).trim();
      const m = /^(\S+)\s+TO\s+(\S+)$/.exec(body);
      if (!m?.[1] || !m[2]) throw queryError(`bad range ${input.slice(i, i + close + 1)}`);
      const endChar = input[i + close];
      out.push({
        t: 'range',
        lo: m[1] === '*' ? null : m[1],
        hi: m[2] === '*' ? null : m[2],
        loInc: c === '[',
        hiInc: endChar === ']',
      });
      i += close + 1;
      continue;
    }
    let j = i;
    let value = '';
    while (j < n && !SPECIAL.has(input[j] ?? ' ') && input[j] !== ':') {
      if (input[j] === '\\' && j + 1 < n) j++;
      value += input[j];
      j++;
    }
    if (input[j] === ':' && j > i) {
      if (!/^(\*|[A-Za-z_][A-Za-z0-9_]*)$/.test(value)) throw queryError(`bad field name ${value}`);
      out.push({ t: 'field', name: value });
      i = j + 1;
      continue;
    }
    if (j === i) {
      // A lone ':' or other stray character: treat it as a separator.
      i++;
      continue;
    }
    if (value === 'AND' || value === 'OR' || value === 'NOT') out.push({ t: value });
    else out.push({ t: 'word', value });
    i = j;
  }
  return out;
}

class Parser {
  private pos = 0;
  private terms = 0;
  private readonly toks: Tok[];
  constructor(toks: Tok[]) {
    this.toks = toks;
  }

  parse(): QueryNode {
    if (this.toks.length === 0) return { kind: 'all' };
    const node = this.andExpr(null, 0);
    if (this.pos < this.toks.length) throw queryError(`unexpected ${this.describe(this.toks[this.pos])}`);
    return node;
  }

  private describe(tok: Tok | undefined): string {
    if (!tok) return 'end of query';
    if (tok.t === 'word' || tok.t === 'quoted') return `"${tok.value}"`;
    if (tok.t === 'field') return `${tok.name}:`;
    return tok.t;
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private andExpr(field: string | null, depth: number): QueryNode {
    if (depth > MAX_DEPTH) throw queryError('query nested too deeply');
    const items: QueryNode[] = [this.orExpr(field, depth)];
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.t === ')') break;
      if (tok.t === 'AND') this.pos++;
      items.push(this.orExpr(field, depth));
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  private orExpr(field: string | null, depth: number): QueryNode {
    const items: QueryNode[] = [this.unary(field, depth)];
    while (this.peek()?.t === 'OR') {
      this.pos++;
      items.push(this.unary(field, depth));
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
  }

  private unary(field: string | null, depth: number): QueryNode {
    const tok = this.peek();
    if (tok?.t === 'NOT' || tok?.t === '-') {
      this.pos++;
      return { kind: 'not', item: this.unary(field, depth) };
    }
    if (tok?.t === '+') {
      this.pos++;
      return this.unary(field, depth);
    }
    return this.primary(field, depth);
  }

  private primary(field: string | null, depth: number): QueryNode {
    const tok = this.toks[this.pos++];
    if (!tok) throw queryError('query ends where a term was expected');
    switch (tok.t) {
      case '(': {
        const inner = this.andExpr(field, depth + 1);
        if (this.toks[this.pos++]?.t !== ')') throw queryError('missing )');
        return inner;
      }
      case 'field': {
        if (field !== null) throw queryError(`field ${tok.name}: inside ${field}:(...)`);
        const value = this.peek();
        if (tok.name === '*') {
          this.pos++;
          if (value?.t === 'word' && value.value === '*') return { kind: 'all' };
          throw queryError('*: must be followed by *');
        }
        if (value?.t === 'range') {
          this.pos++;
          return {
            kind: 'range',
            field: tok.name,
            lo: value.lo,
            hi: value.hi,
            loInc: value.loInc,
            hiInc: value.hiInc,
          };
        }
        if (value?.t === '(' || value?.t === 'word' || value?.t === 'quoted')
          return this.primary(tok.name, depth);
        throw queryError(`field ${tok.name}: has no value`);
      }
      case 'word':
      case 'quoted':
        if (++this.terms > MAX_TERMS) throw queryError(`more than ${MAX_TERMS} terms`);
        return { kind: 'term', field, value: tok.value, phrase: tok.t === 'quoted' };
      default:
        throw queryError(`unexpected ${this.describe(tok)}`);
    }
  }
}

/** Parses one q or fq string into a query tree (throws ODP_SEARCH_QUERY on syntax errors). */
export function parseQuery(input: string): QueryNode {
  return new Parser(lex(input)).parse();
}
