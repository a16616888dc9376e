/**
 * Big5 (CP950) encoding for CSV downloads meant for old Excel versions that cannot read UTF-8.
 * Node has no Big5 encoder, so the table is built once by running WHATWG's big5 decoder (ICU) over every
 * two-byte code in CP950's range (lead bytes 0xA1-0xF9; the HKSCS extension below 0xA1 is left out, as
 * old Excel on a Traditional Chinese Windows would not show it).
 *
 * Policy for characters CP950 cannot represent (e.g. 𡘙, 堃 in some fonts, emoji): they are REPLACED by an
 * HTML numeric character reference such as `&#22531;`, so nothing is lost silently and the original can
 * be recovered; the download does not fail halfway. Callers who need exact text should offer UTF-8.
 */

let table: Map<number, number> | null = null;

function encodeTable(): Map<number, number> {
  if (table) return table;
  const map = new Map<number, number>();
  const decoder = new TextDecoder('big5');
  const pair = new Uint8Array(2);
  for (let lead = 0xa1; lead <= 0xf9; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail > 0x7e && trail < 0xa1) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const code = text.codePointAt(0);
      // Keep the first code for a character (WHATWG's encoder rule, apart from a few box-drawing duplicates).
      if (code !== undefined && code !== 0xfffd && [...text].length === 1 && !map.has(code)) {
        map.set(code, (lead << 8) | trail);
      }
    }
  }
  table = map;
  return map;
}

/** Encodes `text` as CP950; unrepresentable characters become `&#<code point>;`. */
export function encodeBig5(text: string): Buffer {
  const map = encodeTable();
  const out = Buffer.allocUnsafe(text.length * 2 + 16);
  let length = 0;
  let buffer = out;
  const ensure = (extra: number): void => {
    if (length + extra <= buffer.length) return;
    const bigger = Buffer.allocUnsafe((buffer.length + extra) * 2);
    buffer.copy(bigger, 0, 0, length);
    buffer = bigger;
  };
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) {
      ensure(1);
      buffer[length++] = code;
      continue;
    }
    const bytes = map.get(code);
    if (bytes !== undefined) {
      ensure(2);
      buffer[length++] = bytes >> 8;
      buffer[length++] = bytes & 0xff;
      continue;
    }
    const reference = `&#${code};`;
    ensure(reference.length);
    length += buffer.write(reference, length, 'latin1');
  }
  return buffer.subarray(0, length);
}
