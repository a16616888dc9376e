/**
 * Strict Big5 (CP950 + HKSCS, the WHATWG big5 table) validation. Node's ICU big5 decoder, even with
 * `fatal: true`, silently drops bytes it cannot map (0x80, 0xFF, unassigned pairs such as 0x81 0x40);
 * this check finds them so undecodable input fails instead of losing characters.
 */
let table: Uint8Array | null = null;

/** 1 where the two-byte sequence (lead << 8 | trail) decodes to a character. Built once (~20k decodes). */
function validPairs(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  const dec = new TextDecoder('big5', { fatal: true });
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      pair[0] = lead;
      pair[1] = trail;
      try {
        const s = dec.decode(pair);
        if (s.length > 0 && !s.includes('\ufffd')) t[(lead << 8) | trail] = 1;
      } catch {
        // invalid pair
      }
    }
  }
  table = t;
  return t;
}

/** Validates Big5 bytes chunk by chunk, carrying a lead byte across chunk ends. */
export class Big5Checker {
  private lead = -1;
  private readonly valid = validPairs();

  /** Offset (within `bytes`) of the first invalid byte, or -1. A lead byte at the end waits for the next chunk. */
  check(bytes: Uint8Array): number {
    let i = 0;
    const n = bytes.length;
    if (this.lead >= 0 && n > 0) {
      if (this.valid[(this.lead << 8) | bytes[0]!] === 0) return 0;
      this.lead = -1;
      i = 1;
    }
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      if (i + 1 >= n) {
        if (b === 0x80 || b === 0xff) return i;
        this.lead = b;
        return -1;
      }
      if (this.valid[(b << 8) | bytes[i + 1]!] === 0) return i;
      i += 2;
    }
    return -1;
  }

  /** True when the input ended in the middle of a character. */
  get incomplete(): boolean {
    return this.lead >= 0;
  }
}

/** Offset of the first invalid Big5 byte in a complete buffer (a cut last character is allowed), or -1. */
export function firstInvalidBig5(bytes: Uint8Array): number {
  return new Big5Checker().check(bytes);
}
