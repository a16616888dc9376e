import { detectEncoding, normalizeEncodingName, type TextEncodingName } from '../datastore/encoding.ts';

/**
 * Encoding detection for the checks is the datastore loader's (one detector for the platform); the checks
 * add 'ascii' = only 7-bit bytes, valid as UTF-8 and Big5 alike, so no declared encoding is wrong for it.
 */
export type DetectedEncoding = TextEncodingName | 'ascii';

/** Maps a declared 編碼格式 ("BIG-5", "UTF-8;", "Unicode") to an encoding, or null when unknown/empty. */
export function normalizeDeclaredEncoding(declared: string): DetectedEncoding | null {
  const key = declared.trim().replace(/[;,\s]+$/, '');
  if (/^(us-)?ascii$/i.test(key)) return 'ascii';
  return normalizeEncodingName(key);
}

/**
 * The encoding the bytes are actually in: BOM first, then UTF-16 by zero bytes, then strict UTF-8,
 * then strict Big5 (WHATWG big5 = CP950 + HKSCS). Null when nothing decodes (binary or damaged).
 */
export function detectTextEncoding(sample: Uint8Array): DetectedEncoding | null {
  try {
    const found = detectEncoding(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength));
    if (found.encoding === 'utf-8' && found.bomLength === 0 && !sample.some((b) => b >= 0x80)) return 'ascii';
    return found.encoding;
  } catch {
    return null;
  }
}

/** Decodes a sample for sniffing (never throws: replacement characters are fine for a look). */
export function decodeSample(sample: Uint8Array): string {
  const enc = detectTextEncoding(sample);
  const label = enc === null || enc === 'ascii' ? 'utf-8' : enc;
  return new TextDecoder(label).decode(sample);
}
