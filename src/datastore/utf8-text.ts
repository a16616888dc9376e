/**
 * Reading UTF-8 text in place, as bytes: the loader's streaming pass splits and classifies the raw bytes
 * of a (validated) UTF-8 file instead of decoding it to strings first. Cells are `b[s..e)` byte ranges.
 */

/**
 * The whitespace numbers and dates may carry around them and dates between their parts: ASCII space, tab,
 * ideographic space U+3000, NBSP, BOM. The one definition for both sides: the streaming pass reads it
 * through spaceAt/spaceBefore (byte matchers, checked against this list character by character in the
 * tests), the SQL trims it and its date pattern skips it (column-types.ts), so a value the pass classifies
 * as a date is one the SQL converts.
 */
export const SPACE_CHARS = ' \t\u3000\u00a0\ufeff';

/** Bytes of the SPACE_CHARS character starting at `i` (before `e`), or 0. */
export function spaceAt(b: Uint8Array, i: number, e: number): number {
  const c = b[i]!;
  if (c === 32 || c === 9) return 1;
  if (c === 0xe3) return i + 2 < e && b[i + 1] === 0x80 && b[i + 2] === 0x80 ? 3 : 0;
  if (c === 0xc2) return i + 1 < e && b[i + 1] === 0xa0 ? 2 : 0;
  if (c === 0xef) return i + 2 < e && b[i + 1] === 0xbb && b[i + 2] === 0xbf ? 3 : 0;
  return 0;
}

/** Bytes of the SPACE_CHARS character ending at `e` (after `s`), or 0. */
export function spaceBefore(b: Uint8Array, s: number, e: number): number {
  const c = b[e - 1]!;
  if (c === 32 || c === 9) return 1;
  if (c === 0xa0) return e - 2 >= s && b[e - 2] === 0xc2 ? 2 : 0;
  if (c === 0x80) return e - 3 >= s && b[e - 2] === 0x80 && b[e - 3] === 0xe3 ? 3 : 0;
  if (c === 0xbf) return e - 3 >= s && b[e - 2] === 0xbb && b[e - 3] === 0xef ? 3 : 0;
  return 0;
}

/** Trimmed bounds of the cell `b[s..e)` (SPACE_CHARS), written to out[0] and out[1]. */
export function trimBounds(b: Uint8Array, s: number, e: number, out: Int32Array): void {
  for (let k = s < e ? spaceAt(b, s, e) : 0; k > 0; k = s < e ? spaceAt(b, s, e) : 0) s += k;
  for (let k = e > s ? spaceBefore(b, s, e) : 0; k > 0; k = e > s ? spaceBefore(b, s, e) : 0) e -= k;
  out[0] = s;
  out[1] = e;
}

/** Characters String.prototype.trim removes (WhiteSpace + LineTerminator), by code point. */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Same as `text.trim() !== ''` for the cell `b[s..e)`, without decoding it. */
export function hasText(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  while (i < e) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c !== 32 && (c < 9 || c > 13)) return true;
      i++;
    } else if (c < 0xe0) {
      if (!isTrimmed(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f))) return true;
      i += 2;
    } else if (c < 0xf0) {
      if (!isTrimmed(((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f))) return true;
      i += 3;
    } else return true;
  }
  return false;
}

/** True when `b[i..)` (before `e`) starts with the bytes of `word`. */
export function startsWithBytes(b: Uint8Array, i: number, e: number, word: Uint8Array): boolean {
  if (i + word.length > e) return false;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

/** The integer written by the ASCII digits `b[s..e)`. */
export function digitsValue(b: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (b[i]! - 48);
  return v;
}

/** The text of the bytes `b[s..e)`. */
export function utf8Text(b: Buffer, s: number, e: number): string {
  return b.toString('utf8', s, e);
}
