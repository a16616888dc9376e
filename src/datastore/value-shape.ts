import { digitsValue, spaceAt, startsWithBytes, trimBounds } from './utf8-text.ts';

/**
 * Classifies one cell by what it could be (bit set), reading its UTF-8 bytes in place. A column's type is
 * the AND of its cells' shapes over the whole file, so one odd value anywhere keeps a column as text.
 */
export const SHAPE_INT = 1;
export const SHAPE_DEC = 2;
/** Written with thousands separators ("1,047"). */
export const SHAPE_THOUSANDS = 4;
export const SHAPE_PCT = 8;
export const SHAPE_BOOL = 16;
export const SHAPE_DATE = 32;
export const SHAPE_DATETIME = 64;
/** A lone "-" (or " -", "－"): zero or no value in Taiwanese statistics tables. */
export const SHAPE_DASH = 128;
/** The number zero. */
export const SHAPE_ZERO = 256;
/** A date written as bare digits (1080630, 20171024): only trusted when the column label says date. */
export const SHAPE_COMPACT_DATE = 512;
/** A Gregorian (not ROC) date. */
export const SHAPE_GREGORIAN = 1024;
/** Empty after trimming. */
export const SHAPE_EMPTY = 1 << 30;
/** Every bit a cell can carry: the start value of a column's AND. */
export const SHAPE_ALL = 0x7ff;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Days in a Gregorian month. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Gregorian year from a written year: 4 digits are Gregorian (1900-2100), 2-3 digits are ROC (1-150). */
function gregorianYear(y: number, digits: number): number {
  if (digits === 4) return y >= 1900 && y <= 2100 ? y : -1;
  return y >= 1 && y <= 150 ? y + 1911 : -1;
}

function validDate(y: number, m: number, d: number): boolean {
  return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function readDigits(b: Uint8Array, i: number, e: number, max: number): number {
  let k = i;
  while (k < e && k - i < max && isDigit(b[k]!)) k++;
  return k;
}

/** Index past the SPACE_CHARS at `i`: the SQL date pattern (column-types.ts) skips the same set. */
function skipSpaces(b: Uint8Array, i: number, e: number): number {
  for (let k = i < e ? spaceAt(b, i, e) : 0; k > 0; k = i < e ? spaceAt(b, i, e) : 0) i += k;
  return i;
}

const ROC_LONG = utf8('中華民國');
const ROC_SHORT = utf8('民國');
const SEP_YEAR = utf8('年');
const SEP_MONTH = utf8('月');
const SEP_DAY = utf8('日');
const SEP_HOUR = utf8('時');
const SEP_MIN = utf8('分');
const FULLWIDTH_DASH = utf8('－');

/** Date shape bits of a trimmed cell, 0 when it is not a valid date in a form we read. */
export function dateShape(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len >= 6 && len <= 8 && readDigits(b, s, e, 8) === e) {
    const yd = len - 4;
    const y = gregorianYear(digitsValue(b, s, s + yd), yd);
    const m = digitsValue(b, s + yd, s + yd + 2);
    const d = digitsValue(b, s + yd + 2, e);
    if (!validDate(y, m, d)) return 0;
    return SHAPE_DATE | SHAPE_COMPACT_DATE | (yd === 4 ? SHAPE_GREGORIAN : 0);
  }
  let i = s;
  if (startsWithBytes(b, i, e, ROC_LONG)) i += ROC_LONG.length;
  else if (startsWithBytes(b, i, e, ROC_SHORT)) i += ROC_SHORT.length;
  i = skipSpaces(b, i, e);
  const yEnd = readDigits(b, i, e, 4);
  const yd = yEnd - i;
  if (yd < 2 || yEnd >= e) return 0;
  const y = gregorianYear(digitsValue(b, i, yEnd), yd);
  const sep1 = b[yEnd]!;
  const cjk = startsWithBytes(b, yEnd, e, SEP_YEAR);
  if (!cjk && sep1 !== 47 && sep1 !== 45 && sep1 !== 46) return 0;
  i = skipSpaces(b, yEnd + (cjk ? SEP_YEAR.length : 1), e);
  const mEnd = readDigits(b, i, e, 2);
  if (mEnd === i || mEnd >= e) return 0;
  const m = digitsValue(b, i, mEnd);
  if (cjk ? !startsWithBytes(b, mEnd, e, SEP_MONTH) : b[mEnd] !== sep1) return 0;
  i = skipSpaces(b, mEnd + (cjk ? SEP_MONTH.length : 1), e);
  const dEnd = readDigits(b, i, e, 2);
  if (dEnd === i) return 0;
  const d = digitsValue(b, i, dEnd);
  if (!validDate(y, m, d)) return 0;
  i = dEnd;
  if (cjk && startsWithBytes(b, i, e, SEP_DAY)) i += SEP_DAY.length;
  const base = SHAPE_DATE | (yd === 4 ? SHAPE_GREGORIAN : 0);
  if (i === e) return base;
  // Optional time: "03時00分" or "03:00" (seconds allowed after a colon).
  i = skipSpaces(b, i, e);
  const hEnd = readDigits(b, i, e, 2);
  if (hEnd === i || hEnd >= e) return 0;
  const h = digitsValue(b, i, hEnd);
  const cjkTime = startsWithBytes(b, hEnd, e, SEP_HOUR);
  if (!cjkTime && b[hEnd] !== 58) return 0;
  i = hEnd + (cjkTime ? SEP_HOUR.length : 1);
  const miEnd = readDigits(b, i, e, 2);
  if (miEnd - i !== 2) return 0;
  const mi = digitsValue(b, i, miEnd);
  i = miEnd;
  if (cjkTime && startsWithBytes(b, i, e, SEP_MIN)) i += SEP_MIN.length;
  else if (!cjkTime && i < e && b[i] === 58) {
    const sEnd = readDigits(b, i + 1, e, 2);
    if (sEnd - i !== 3 || digitsValue(b, i + 1, sEnd) > 59) return 0;
    i = sEnd;
  }
  if (i !== e || h > 23 || mi > 59) return 0;
  return base | SHAPE_DATETIME;
}

/** Number shape of a trimmed cell: INT/DEC (+THOUSANDS, PCT, ZERO), or 0. */
function numberShape(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let c = b[i]!;
  if (c === 45 || c === 43) i++;
  let pct = 0;
  let end = e;
  if (b[end - 1] === 37) {
    pct = SHAPE_PCT;
    end--;
  }
  const intStart = i;
  let digits = 0;
  let group = 0;
  let groups = 0;
  let nonZero = false;
  while (i < end) {
    c = b[i]!;
    if (isDigit(c)) {
      digits++;
      group++;
      if (c !== 48) nonZero = true;
    } else if (c === 44) {
      if (groups === 0 ? group < 1 || group > 3 : group !== 3) return 0;
      groups++;
      group = 0;
    } else break;
    i++;
  }
  if (digits === 0 || (groups > 0 && group !== 3)) return 0;
  // Leading zeros ("0001", "01111001") mark codes, which stay text.
  if (b[intStart] === 48 && i - intStart > 1) return 0;
  let shape = groups > 0 ? SHAPE_THOUSANDS : 0;
  if (i === end) {
    if (digits > 18) return 0;
    shape |= SHAPE_INT | SHAPE_DEC;
  } else {
    if (b[i] !== 46) return 0;
    i++;
    const fracStart = i;
    while (i < end) {
      c = b[i]!;
      if (!isDigit(c)) break;
      if (c !== 48) nonZero = true;
      i++;
    }
    if (i !== end || i === fracStart || digits > 15) return 0;
    shape |= SHAPE_DEC;
  }
  return shape | pct | (nonZero ? 0 : SHAPE_ZERO);
}

/** True when the ASCII cell `b[s..e)` is `word` (lower case) in any letter case. */
function asciiWordIs(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((b[s + k]! | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

const bounds = new Int32Array(2);

/** Shape bits of the cell `b[s..e)`: SHAPE_EMPTY, or the set of types it could belong to (0 = text only). */
export function cellShape(b: Uint8Array, s: number, e: number, want = SHAPE_ALL): number {
  trimBounds(b, s, e, bounds);
  return bounds[0] === bounds[1] ? SHAPE_EMPTY : trimmedShape(b, bounds[0]!, bounds[1]!, want);
}

/** cellShape of a non-empty cell without surrounding spaces. */
export function trimmedShape(b: Uint8Array, s: number, e: number, want: number): number {
  const c = b[s]!;
  if ((e - s === 1 && c === 45) || (e - s === 3 && startsWithBytes(b, s, e, FULLWIDTH_DASH)))
    return SHAPE_DASH;
  if (isDigit(c) || c === 45 || c === 43) {
    const n = numberShape(b, s, e);
    return (n & SHAPE_PCT) !== 0 || (want & SHAPE_DATE) === 0 ? n : n | dateShape(b, s, e);
  }
  if (startsWithBytes(b, s, e, ROC_LONG) || startsWithBytes(b, s, e, ROC_SHORT))
    return (want & SHAPE_DATE) === 0 ? 0 : dateShape(b, s, e);
  if (asciiWordIs(b, s, e, 'true') || asciiWordIs(b, s, e, 'false')) return SHAPE_BOOL;
  return 0;
}

/** Shape bits of a value held as a string (header sniffing on a small sample). */
export function stringShape(v: string): number {
  const b = Buffer.from(v, 'utf8');
  return cellShape(b, 0, b.length);
}

const subtotalWords = new Set(['合計', '小計', '總計']);

/** True when the cell says it is a subtotal row (合計, 小計, 總計; spaces inside ignored). */
export function isSubtotalCell(text: string): boolean {
  const len = text.length;
  if (len < 2 || len > 8) return false;
  return subtotalWords.has(text.replace(/[\s\u3000]/g, ''));
}
