import { isUtf8 } from 'node:buffer';
import { firstInvalidBig5 } from './big5-check.ts';
import type { LoadFinding } from './load-errors.ts';
import { undecodable } from './load-errors.ts';

/** Encodings the loader decodes (WHATWG names). `big5` is the WHATWG Big5 (CP950 + HKSCS). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip at the start of the file. */
  bomLength: number;
  findings: LoadFinding[];
}

const aliases: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  unicode: 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  big5: 'big5',
  'big-5': 'big5',
  cp950: 'big5',
  ms950: 'big5',
  'big5-hkscs': 'big5',
  'x-big5': 'big5',
};

/** Maps a publisher's declared encoding ("BIG-5", "UTF8", "cp950", "Unicode") to a decoder name, or null. */
export function normalizeEncodingName(declared: string): TextEncodingName | null {
  const key = declared
    .trim()
    .toLowerCase()
    .replace(/[;\s]+$/, '')
    .replace(/_/g, '-');
  return aliases[key] ?? null;
}

/** Drops a trailing, possibly incomplete UTF-8 sequence so a sample cut mid-character still validates. */
function trimPartialUtf8(b: Buffer): Buffer {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? b.subarray(0, i) : b;
}

/** True when every second byte is zero often enough to be UTF-16 text without a BOM. */
function zeroBytesAt(sample: Buffer, parity: 0 | 1): boolean {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return false;
  let zeros = 0;
  for (let i = parity; i < n; i += 2) if (sample[i] === 0) zeros++;
  return zeros / (n / 2) > 0.4;
}

/** First byte offset where `encoding` fails on `bytes` (stream mode, so a cut last char is not an error). */
export function firstInvalidOffset(bytes: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'big5') return firstInvalidBig5(bytes);
  const fails = (k: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, k), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) return -1;
  let lo = 0;
  let hi = bytes.length;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
}

/**
 * Decides the encoding from the first bytes: BOM first, then strict UTF-8, then strict Big5 (CP950/HKSCS).
 * A declared encoding that disagrees with the bytes is reported as a finding (the bytes win).
 */
export function detectEncoding(sample: Buffer, declared?: string): DetectedEncoding {
  const findings: LoadFinding[] = [];
  let found: DetectedEncoding | null = null;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    found = { encoding: 'utf-8', bomLength: 3, findings };
  else if (sample[0] === 0xff && sample[1] === 0xfe) found = { encoding: 'utf-16le', bomLength: 2, findings };
  else if (sample[0] === 0xfe && sample[1] === 0xff) found = { encoding: 'utf-16be', bomLength: 2, findings };
  else if (zeroBytesAt(sample, 1)) found = { encoding: 'utf-16le', bomLength: 0, findings };
  else if (zeroBytesAt(sample, 0)) found = { encoding: 'utf-16be', bomLength: 0, findings };
  else if (isUtf8(trimPartialUtf8(sample))) found = { encoding: 'utf-8', bomLength: 0, findings };
  else if (firstInvalidOffset(sample, 'big5') < 0) found = { encoding: 'big5', bomLength: 0, findings };
  if (!found) {
    throw undecodable(Math.max(firstInvalidOffset(sample, 'big5'), 0), ['utf-8', 'big5 (cp950/big5-hkscs)']);
  }
  if (declared) {
    const want = normalizeEncodingName(declared);
    const asciiOnly = found.encoding === 'utf-8' && !sample.some((b) => b >= 0x80);
    if (want === null) {
      findings.push({
        code: 'ENCODING_UNKNOWN',
        message: `declared encoding "${declared}" is not recognised; the bytes read as ${found.encoding}`,
      });
    } else if (want !== found.encoding && !asciiOnly) {
      findings.push({
        code: 'ENCODING_MISMATCH',
        message: `declared encoding "${declared}" disagrees with the bytes, which decode as ${found.encoding}; ${found.encoding} was used`,
      });
    }
  }
  return found;
}
