/**
 * The search tokenizer, one for indexing and for queries (both SQLite FTS5 and PostgreSQL tsvector
 * receive its output, so the two engines match the same documents).
 *
 * Index stream: Latin words (light plural stemming), codes and numbers kept whole ("pm2.5",
 * "a41000000g", "2.16.886.101"), and for every run of CJK characters its overlapping character
 * bigrams followed by the run's last character alone. Any 2+ character CJK query then matches
 * inside a longer word as a phrase of bigrams, and a 1-character query matches as a prefix.
 */
import { normalizeText } from './normalize.ts';

/** Code point ranges of scripts written without spaces (Han, kana, Hangul, Bopomofo): indexed as bigrams. */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff],
  [0x3005, 0x3007],
  [0x3040, 0x30ff],
  [0x3100, 0x312f],
  [0x3130, 0x318f],
  [0x31a0, 0x31bf],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
  [0x20000, 0x3ffff],
];
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const OTHER = 0;
const CJK_CHAR = 1;
const WORD_CHAR = 2;
const classCache = new Map<number, number>();

/** OTHER, CJK_CHAR or WORD_CHAR (a letter or digit of a spaced script). */
function charClass(cp: number): number {
  if (cp < 0x80)
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)
      ? WORD_CHAR
      : OTHER;
  const cached = classCache.get(cp);
  if (cached !== undefined) return cached;
  let c = OTHER;
  for (const [lo, hi] of CJK_RANGES) if (cp >= lo && cp <= hi) c = CJK_CHAR;
  if (c === OTHER && LETTER_OR_DIGIT.test(String.fromCodePoint(cp))) c = WORD_CHAR;
  if (classCache.size < 100_000) classCache.set(cp, c);
  return c;
}
const isConnector = (cp: number): boolean => cp === 0x2e || cp === 0x5f || cp === 0x2d || cp === 0x2f;
const CONNECTOR_RE = /[._\-/]/;
const HAS_DIGIT = /\p{N}/u;

/** Longest token kept (PostgreSQL limits lexemes; both engines must see the same token). */
export const MAX_TOKEN_LENGTH = 60;

/** Token separating values of a multi-valued field, so phrases never span two values. Never produced by queries. */
export const GAP_TOKEN = '_';

/** One piece of text: a CJK run (to be bigrammed) or a Latin word / code. */
export interface Piece {
  kind: 'cjk' | 'word';
  text: string;
}

/** Splits normalized text into CJK runs and words/codes (word chars joined by . _ - /), in order. */
export function pieces(normalized: string): Piece[] {
  const out: Piece[] = [];
  const n = normalized.length;
  let i = 0;
  while (i < n) {
    const cp = normalized.codePointAt(i) ?? 0;
    const cls = charClass(cp);
    if (cls === OTHER) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    let j = i;
    if (cls === CJK_CHAR) {
      while (j < n) {
        const c = normalized.codePointAt(j) ?? 0;
        if (charClass(c) !== CJK_CHAR) break;
        j += c > 0xffff ? 2 : 1;
      }
      out.push({ kind: 'cjk', text: normalized.slice(i, j) });
    } else {
      while (j < n) {
        const c = normalized.codePointAt(j) ?? 0;
        if (charClass(c) === WORD_CHAR) j += c > 0xffff ? 2 : 1;
        else if (isConnector(c) && j + 1 < n && charClass(normalized.codePointAt(j + 1) ?? 0) === WORD_CHAR)
          j++;
        else break;
      }
      const word = normalized.slice(i, j);
      if (HAS_DIGIT.test(word) || !CONNECTOR_RE.test(word)) out.push({ kind: 'word', text: word });
      else for (const part of word.split(CONNECTOR_RE)) if (part) out.push({ kind: 'word', text: part });
    }
    i = j;
  }
  return out;
}

/** Light English stemming (Harman's S-stemmer plus -xes/-ches/-shes/-sses): plural endings only; codes and numbers untouched. */
export function stem(word: string): string {
  if (word.length < 4 || HAS_DIGIT.test(word) || !/^\p{L}+$/u.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies'))
    return `${word.slice(0, -3)}y`;
  if (/(?:x|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes'))
    return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The token for a word or code as indexed and queried. */
export function wordToken(word: string): string {
  return stem(word).slice(0, MAX_TOKEN_LENGTH);
}

/** Character bigrams of a CJK run (a single character stays itself). */
export function bigrams(run: string): string[] {
  const chars = run.length === 1 || !/[\uD800-\uDBFF]/.test(run) ? run.split('') : [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Index token stream of a text: words/codes, and per CJK run its bigrams plus its last character. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const p of pieces(normalizeText(text))) {
    if (p.kind === 'word') out.push(wordToken(p.text));
    else {
      const chars = [...p.text];
      if (chars.length > 1) out.push(...bigrams(p.text));
      out.push(chars[chars.length - 1] ?? '');
    }
  }
  return out;
}

/** Index stream of several values (tags, resource names): values separated by GAP_TOKEN, capped. */
export function indexValues(values: readonly string[], maxTokens: number): string[] {
  const out: string[] = [];
  for (const v of values) {
    const toks = indexTokens(v);
    if (toks.length === 0) continue;
    if (out.length > 0) out.push(GAP_TOKEN);
    out.push(...toks);
    if (out.length >= maxTokens) break;
  }
  return out.slice(0, maxTokens);
}

const segmenter = new Intl.Segmenter('zh-Hant', { granularity: 'word' });

/** Single-character CJK words dropped from queries when the run has other words (function words). */
const CJK_STOP = new Set(['的', '之', '及', '與', '和', '或', '暨', '等', '各', '其', '在', '了']);

/**
 * A query word as the index sees it: a phrase of tokens (bigrams for CJK), or a one-character
 * prefix (a lone CJK character, which the index holds only as the first half of bigrams or a run end).
 */
export interface QueryUnit {
  tokens: string[];
  prefix: boolean;
}

/** Units for one CJK run of a query: Intl.Segmenter words, each a bigram phrase. */
function cjkUnits(run: string, segment: boolean): QueryUnit[] {
  if (!segment) return [runUnit(run)];
  const words = [...segmenter.segment(run)].map((s) => s.segment).filter((w) => w.length > 0);
  const multi = words.some((w) => [...w].length > 1);
  const kept = multi ? words.filter((w) => !CJK_STOP.has(w)) : words;
  return kept.map(runUnit);
}

function runUnit(run: string): QueryUnit {
  const chars = [...run];
  return chars.length === 1 ? { tokens: chars, prefix: true } : { tokens: bigrams(run), prefix: false };
}

/**
 * Analyzes free query text into units that must all match (the caller ANDs them).
 * With `phrase` the whole text is one unit: a single token sequence, CJK runs unsegmented.
 */
export function queryUnits(text: string, phrase = false): QueryUnit[] {
  const ps = pieces(normalizeText(text));
  if (!phrase) {
    return ps.flatMap((p) =>
      p.kind === 'word' ? [{ tokens: [wordToken(p.text)], prefix: false }] : cjkUnits(p.text, true),
    );
  }
  if (ps.length === 0) return [];
  // A phrase mirrors the index stream: inner CJK runs end where the next piece starts (their last
  // character follows the bigrams), the final run may continue in the document, and a final
  // single character is matched as a prefix of the next bigram.
  const tokens: string[] = [];
  ps.forEach((p, i) => {
    if (p.kind === 'word') tokens.push(wordToken(p.text));
    else {
      const chars = [...p.text];
      tokens.push(...bigrams(p.text));
      if (chars.length > 1 && i < ps.length - 1) tokens.push(chars[chars.length - 1] ?? '');
    }
  });
  const last = ps[ps.length - 1];
  return [{ tokens, prefix: last?.kind === 'cjk' && [...last.text].length === 1 }];
}
