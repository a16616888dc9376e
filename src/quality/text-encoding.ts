import { isUtf8 } from 'node:buffer';

/** Encodings the checks recognise (WHATWG names); 'ascii' = only 7-bit bytes, valid as UTF-8 and Big5 alike. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5' | 'ascii';

const DECLARED: Record<string, DetectedEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  // data.gov.tw's "Unicode" means UTF-16 (Windows' name for it) in some catalogues and UTF-8 in others.
  unicode: 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  big5: 'big5',
  'big-5': 'big5',
  cp950: 'big5',
  ms950: 'big5',
  'big5-hkscs': 'big5',
  ascii: 'ascii',
  'us-ascii': 'ascii',
};

/** Maps a declared 編碼格式 ("BIG-5", "UTF-8;", "Unicode") to an encoding, or null when unknown/empty. */
export function normalizeDeclaredEncoding(declared: string): DetectedEncoding | null {
  const key = declared
    .trim()
    .toLowerCase()
    .replace(/[;,\s]+$/, '')
    .replace(/_/g, '-');
  return DECLARED[key] ?? null;
}

/** Drops a trailing, possibly incomplete UTF-8 sequence so a truncated sample still validates. */
function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && ((b[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b;
  const lead = b[i] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? b.subarray(0, i) : b;
}

function decodes(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** True when every second byte (at `parity`) is mostly zero: UTF-16 text without a BOM. */
function zeroBytesAt(sample: Uint8Array, parity: 0 | 1): boolean {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return false;
  let zeros = 0;
  for (let i = parity; i < n; i += 2) if (sample[i] === 0) zeros++;
  return zeros / (n / 2) > 0.4;
}

/**
 * The encoding the bytes are actually in: BOM first, then UTF-16 by zero bytes, then strict UTF-8,
 * then strict Big5 (WHATWG big5 = CP950 + HKSCS). Null when nothing decodes (binary or damaged).
 */
export function detectTextEncoding(sample: Uint8Array): DetectedEncoding | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (zeroBytesAt(sample, 1)) return 'utf-16le';
  if (zeroBytesAt(sample, 0)) return 'utf-16be';
  if (!sample.some((b) => b >= 0x80)) return 'ascii';
  if (isUtf8(trimPartialUtf8(sample))) return 'utf-8';
  if (decodes(sample, 'big5')) return 'big5';
  return null;
}

/** Decodes a sample for sniffing (never throws: replacement characters are fine for a look). */
export function decodeSample(sample: Uint8Array): string {
  const enc = detectTextEncoding(sample);
  const label = enc === null || enc === 'ascii' ? 'utf-8' : enc;
  return new TextDecoder(label).decode(sample);
}
