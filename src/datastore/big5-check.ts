/**
 * Strict Big5 (CP950 + HKSCS, the WHATWG big5 table) validation and transcoding to UTF-8. Node's ICU big5
 * decoder, even with `fatal: true`, silently drops bytes it cannot map (0x80, 0xFF, unassigned pairs such
 * as 0x81 0x40); this check finds them so undecodable input fails instead of losing characters. The
 * transcoder maps each valid pair through a table built from that same decoder, so its output is the
 * decoder's, re-encoded as UTF-8.
 */
interface PairTable {
  /** UTF-8 length of the pair's character(s) (lead << 8 | trail), 0 when the pair does not decode. */
  lengths: Uint8Array;
  /** The UTF-8 bytes of each pair at `pair * 4`. */
  bytes: Uint8Array;
}

let table: PairTable | null = null;

/** The pair table, built once (~20k decodes). */
function pairTable(): PairTable {
  if (table) return table;
  const lengths = new Uint8Array(65536);
  const bytes = new Uint8Array(65536 * 4);
  const dec = new TextDecoder('big5', { fatal: true });
  const enc = new TextEncoder();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      pair[0] = lead;
      pair[1] = trail;
      let s: string;
      try {
        s = dec.decode(pair);
      } catch {
        continue;
      }
      if (s.length === 0 || s.includes('\ufffd')) continue;
      const code = (lead << 8) | trail;
      const { written } = enc.encodeInto(s, bytes.subarray(code * 4, code * 4 + 4));
      // A pair longer than 4 bytes of UTF-8 (none in today's tables) would not fit: treat it as undecodable.
      if (written === Buffer.byteLength(s, 'utf8')) lengths[code] = written;
    }
  }
  table = { lengths, bytes };
  return table;
}

/**
 * Transcodes Big5 bytes to UTF-8 chunk by chunk, strictly, carrying a lead byte across chunk ends.
 * `bad` is the offset (within the last chunk) of the first invalid byte, or -1.
 */
export class Big5ToUtf8 {
  private lead = -1;
  private readonly lengths: Uint8Array;
  private readonly bytes: Uint8Array;
  bad = -1;

  constructor() {
    const t = pairTable();
    this.lengths = t.lengths;
    this.bytes = t.bytes;
  }

  /** Bytes of UTF-8 that `inputBytes` of Big5 may need (a lead byte carried in included). */
  static maxOutput(inputBytes: number): number {
    return inputBytes * 2 + 4;
  }

  /** UTF-8 of `chunk` (into `out`, if given) up to its end or its first invalid byte (then `bad` >= 0). */
  transcode(chunk: Uint8Array, out = Buffer.allocUnsafe(Big5ToUtf8.maxOutput(chunk.length))): Buffer {
    if (out.length < Big5ToUtf8.maxOutput(chunk.length))
      throw new RangeError('transcode: output buffer too small');
    const lengths = this.lengths;
    const bytes = this.bytes;
    const n = chunk.length;
    let o = 0;
    let i = 0;
    this.bad = -1;
    if (this.lead >= 0 && n > 0) {
      const code = (this.lead << 8) | chunk[0]!;
      const len = lengths[code]!;
      if (len === 0) {
        this.bad = 0;
        return out.subarray(0, 0);
      }
      for (let k = 0; k < len; k++) out[o++] = bytes[code * 4 + k]!;
      this.lead = -1;
      i = 1;
    }
    while (i < n) {
      const b = chunk[i]!;
      if (b < 0x80) {
        out[o++] = b;
        i++;
        continue;
      }
      if (i + 1 >= n) {
        if (b === 0x80 || b === 0xff) this.bad = i;
        else this.lead = b;
        break;
      }
      const code = (b << 8) | chunk[i + 1]!;
      const len = lengths[code]!;
      if (len === 0) {
        this.bad = i;
        break;
      }
      const at = code * 4;
      out[o] = bytes[at]!;
      out[o + 1] = bytes[at + 1]!;
      if (len > 2) out[o + 2] = bytes[at + 2]!;
      if (len > 3) out[o + 3] = bytes[at + 3]!;
      o += len;
      i += 2;
    }
    return out.subarray(0, o);
  }

  /** True when the input ended in the middle of a character. */
  get incomplete(): boolean {
    return this.lead >= 0;
  }
}

/** Offset of the first invalid Big5 byte in a complete buffer (a cut last character is allowed), or -1. */
export function firstInvalidBig5(bytes: Uint8Array): number {
  const t = new Big5ToUtf8();
  t.transcode(bytes);
  return t.bad;
}
