/**
 * Classifies one cell by what it could be (bit set), reading the text in place. A column's type is the
 * AND of its cells' shapes over the whole file, so one odd value anywhere keeps a column as text.
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

/** Whitespace trimmed around numbers and dates (the same set as the SQL's TRIM_CHARS). */
export const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

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

function readDigits(t: string, i: number, e: number, max: number): number {
  let k = i;
  while (k < e && k - i < max && isDigit(t.charCodeAt(k))) k++;
  return k;
}

function skipSpaces(t: string, i: number, e: number): number {
  while (i < e && isSpace(t.charCodeAt(i))) i++;
  return i;
}

const SEP_YEAR = 0x5e74; // 年
const SEP_MONTH = 0x6708; // 月
const SEP_DAY = 0x65e5; // 日
const SEP_HOUR = 0x6642; // 時
const SEP_MIN = 0x5206; // 分

/** Date shape bits of a trimmed cell, 0 when it is not a valid date in a form we read. */
export function dateShape(t: string, s: number, e: number): number {
  const len = e - s;
  if (len >= 6 && len <= 8 && readDigits(t, s, e, 8) === e) {
    const yd = len - 4;
    const y = gregorianYear(Number(t.slice(s, s + yd)), yd);
    const m = Number(t.slice(s + yd, s + yd + 2));
    const d = Number(t.slice(s + yd + 2, e));
    if (!validDate(y, m, d)) return 0;
    return SHAPE_DATE | SHAPE_COMPACT_DATE | (yd === 4 ? SHAPE_GREGORIAN : 0);
  }
  let i = s;
  if (t.startsWith('中華民國', i)) i += 4;
  else if (t.startsWith('民國', i)) i += 2;
  i = skipSpaces(t, i, e);
  const yEnd = readDigits(t, i, e, 4);
  const yd = yEnd - i;
  if (yd < 2 || yEnd >= e) return 0;
  const y = gregorianYear(Number(t.slice(i, yEnd)), yd);
  const sep1 = t.charCodeAt(yEnd);
  const cjk = sep1 === SEP_YEAR;
  if (!cjk && sep1 !== 47 && sep1 !== 45 && sep1 !== 46) return 0;
  i = skipSpaces(t, yEnd + 1, e);
  const mEnd = readDigits(t, i, e, 2);
  if (mEnd === i || mEnd >= e) return 0;
  const m = Number(t.slice(i, mEnd));
  if (t.charCodeAt(mEnd) !== (cjk ? SEP_MONTH : sep1)) return 0;
  i = skipSpaces(t, mEnd + 1, e);
  const dEnd = readDigits(t, i, e, 2);
  if (dEnd === i) return 0;
  const d = Number(t.slice(i, dEnd));
  if (!validDate(y, m, d)) return 0;
  i = dEnd;
  if (cjk && i < e && t.charCodeAt(i) === SEP_DAY) i++;
  const base = SHAPE_DATE | (yd === 4 ? SHAPE_GREGORIAN : 0);
  if (i === e) return base;
  // Optional time: "03時00分" or "03:00" (seconds allowed after a colon).
  i = skipSpaces(t, i, e);
  const hEnd = readDigits(t, i, e, 2);
  if (hEnd === i || hEnd >= e) return 0;
  const h = Number(t.slice(i, hEnd));
  const hs = t.charCodeAt(hEnd);
  if (hs !== SEP_HOUR && hs !== 58) return 0;
  i = hEnd + 1;
  const miEnd = readDigits(t, i, e, 2);
  if (miEnd - i !== 2) return 0;
  const mi = Number(t.slice(i, miEnd));
  i = miEnd;
  if (hs === SEP_HOUR && i < e && t.charCodeAt(i) === SEP_MIN) i++;
  else if (hs === 58 && i < e && t.charCodeAt(i) === 58) {
    const sEnd = readDigits(t, i + 1, e, 2);
    if (sEnd - i !== 3 || Number(t.slice(i + 1, sEnd)) > 59) return 0;
    i = sEnd;
  }
  if (i !== e || h > 23 || mi > 59) return 0;
  return base | SHAPE_DATETIME;
}

/** Number shape of a trimmed cell: INT/DEC (+THOUSANDS, PCT, ZERO), or 0. */
function numberShape(t: string, s: number, e: number): number {
  let i = s;
  let c = t.charCodeAt(i);
  if (c === 45 || c === 43) i++;
  let pct = 0;
  let end = e;
  if (t.charCodeAt(end - 1) === 37) {
    pct = SHAPE_PCT;
    end--;
  }
  const intStart = i;
  let digits = 0;
  let group = 0;
  let groups = 0;
  let nonZero = false;
  while (i < end) {
    c = t.charCodeAt(i);
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
  if (t.charCodeAt(intStart) === 48 && i - intStart > 1) return 0;
  let shape = groups > 0 ? SHAPE_THOUSANDS : 0;
  if (i === end) {
    if (digits > 18) return 0;
    shape |= SHAPE_INT | SHAPE_DEC;
  } else {
    if (t.charCodeAt(i) !== 46) return 0;
    i++;
    const fracStart = i;
    while (i < end) {
      c = t.charCodeAt(i);
      if (!isDigit(c)) break;
      if (c !== 48) nonZero = true;
      i++;
    }
    if (i !== end || i === fracStart || digits > 15) return 0;
    shape |= SHAPE_DEC;
  }
  return shape | pct | (nonZero ? 0 : SHAPE_ZERO);
}

/** Trimmed bounds of a cell as [start, end] packed for speed into the two return slots. */
export function trimBounds(t: string, s: number, e: number, out: Int32Array): void {
  while (s < e && isSpace(t.charCodeAt(s))) s++;
  while (e > s && isSpace(t.charCodeAt(e - 1))) e--;
  out[0] = s;
  out[1] = e;
}

const bounds = new Int32Array(2);

/** Shape bits of the cell `t[s..e)`: SHAPE_EMPTY, or the set of types it could belong to (0 = text only). */
export function cellShape(t: string, s: number, e: number, want = SHAPE_ALL): number {
  trimBounds(t, s, e, bounds);
  s = bounds[0]!;
  e = bounds[1]!;
  if (s === e) return SHAPE_EMPTY;
  const c = t.charCodeAt(s);
  if (e - s === 1 && (c === 45 || c === 0xff0d)) return SHAPE_DASH;
  if (isDigit(c) || c === 45 || c === 43) {
    const n = numberShape(t, s, e);
    return (n & SHAPE_PCT) !== 0 || (want & SHAPE_DATE) === 0 ? n : n | dateShape(t, s, e);
  }
  if (c === 0x4e2d || c === 0x6c11) return (want & SHAPE_DATE) === 0 ? 0 : dateShape(t, s, e);
  const len = e - s;
  if (len === 4 || len === 5) {
    const w = t.slice(s, e).toLowerCase();
    if (w === 'true' || w === 'false') return SHAPE_BOOL;
  }
  return 0;
}

const subtotalWords = new Set(['合計', '小計', '總計']);

/** True when the cell says it is a subtotal row (合計, 小計, 總計; spaces inside ignored). */
export function isSubtotalCell(t: string, s: number, e: number): boolean {
  const len = e - s;
  if (len < 2 || len > 8) return false;
  return subtotalWords.has(t.slice(s, e).replace(/[\s\u3000]/g, ''));
}
