import { utf8Text } from './utf8-text.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Field flags set by the splitter. */
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;
/** The field broke RFC 4180 (a stray quote, text after a closing quote, no closing quote). */
export const FIELD_DIRTY = 4;

/** Longest record (in bytes of UTF-8) the splitter buffers before deciding the file is broken (an unclosed quote). */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/**
 * Called for each complete record. Fields are byte ranges of `bytes`: `splitter.starts[i]..ends[i]`, flags
 * in `splitter.flags[i]`, `splitter.count` fields. `end` excludes the line break, `next` is where the next
 * record starts.
 */
export type RecordHandler = (bytes: Buffer, start: number, end: number, next: number) => void;

/** Index of the next quote in `bytes[from..len)`, or `len`. Short quoted values are read in the loop; a long
 * one (or an unclosed quote swallowing the file) is searched natively, so a carried record is rescanned fast. */
function nextQuote(bytes: Buffer, from: number, len: number): number {
  const stop = Math.min(len, from + 64);
  let q = from;
  while (q < stop && bytes[q] !== QUOTE) q++;
  if (q < stop || stop === len) return q;
  const found = bytes.indexOf(QUOTE, stop);
  return found < 0 || found >= len ? len : found;
}

const STOP = 1;
const STRAY_QUOTE = 2;

/**
 * A streaming CSV/TSV record splitter over UTF-8 bytes (RFC 4180 quoting, CRLF/LF/CR line breaks, quoted
 * line breaks). The delimiter, quote and line breaks are ASCII, which never occur inside a multi-byte UTF-8
 * character, so the bytes are split without decoding. It never copies field text; callers read values
 * through the index arrays.
 */
export class CsvSplitter {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  count = 0;
  /** True when the last record ended with a bare CR (which DuckDB does not read as a line break). */
  bareCr = false;
  readonly delimiter: number;
  readonly onRecord: RecordHandler;
  /** What each byte means outside quotes: STOP (delimiter, CR, LF), STRAY_QUOTE, or 0. */
  private readonly kind = new Uint8Array(256);

  constructor(delimiter: string, onRecord: RecordHandler) {
    this.delimiter = delimiter.charCodeAt(0);
    if (this.delimiter >= 0x80) throw new Error(`delimiter ${delimiter} is not ASCII`);
    this.onRecord = onRecord;
    this.kind[this.delimiter] = STOP;
    this.kind[LF] = STOP;
    this.kind[CR] = STOP;
    this.kind[QUOTE] = STRAY_QUOTE;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  /**
   * Parses every complete record of `bytes[from..len)`; returns the index where an incomplete trailing
   * record starts (`len` when none).
   */
  scan(bytes: Buffer, len: number, final: boolean, from = 0): number {
    const delim = this.delimiter;
    const kind = this.kind;
    let pos = from;
    while (pos < len) {
      const recStart = pos;
      let n = 0;
      let i = pos;
      for (;;) {
        if (n >= this.starts.length) this.grow();
        let c = i < len ? bytes[i]! : -1;
        if (c === QUOTE) {
          let j = i + 1;
          let flag = FIELD_QUOTED;
          let close = -1;
          for (;;) {
            const q = nextQuote(bytes, j, len);
            if (q >= len) break;
            if (q + 1 >= len && !final) return recStart;
            if (bytes[q + 1] === QUOTE) {
              flag |= FIELD_ESCAPED;
              j = q + 2;
              continue;
            }
            close = q;
            break;
          }
          if (close < 0) {
            if (!final) return recStart;
            this.starts[n] = i + 1;
            this.ends[n] = len;
            this.flags[n] = flag | FIELD_DIRTY;
            i = len;
            c = -1;
          } else {
            this.starts[n] = i + 1;
            this.ends[n] = close;
            this.flags[n] = flag;
            i = close + 1;
            c = i < len ? bytes[i]! : -1;
            if (c !== delim && c !== LF && c !== CR && c !== -1) {
              // Text after the closing quote: keep it (with the quote) as part of the value, flag the field.
              let k = i;
              while (k < len) {
                c = bytes[k]!;
                if (c === delim || c === LF || c === CR) break;
                k++;
              }
              if (k >= len && !final) return recStart;
              this.ends[n] = k;
              this.flags[n] = flag | FIELD_DIRTY;
              i = k;
              c = k < len ? c : -1;
            }
          }
        } else {
          let j = i;
          let flag = 0;
          while (j < len) {
            const b = bytes[j]!;
            // A 3- or 4-byte character (CJK text) is passed over whole; none of its bytes can be special.
            if (b >= 0xe0) {
              j += b >= 0xf0 ? 4 : 3;
              continue;
            }
            const k = kind[b]!;
            if (k !== 0) {
              if (k === STOP) break;
              flag = FIELD_DIRTY;
            }
            j++;
          }
          if (j > len) j = len; // a character cut by the end of the chunk
          if (j >= len) {
            if (!final) return recStart;
            c = -1;
          } else c = bytes[j]!;
          this.starts[n] = i;
          this.ends[n] = j;
          this.flags[n] = flag;
          i = j;
        }
        n++;
        if (c === delim) {
          i++;
          continue;
        }
        let next = i;
        this.bareCr = false;
        if (c === CR) {
          next++;
          if (next < len && bytes[next] === LF) next++;
          else if (next >= len && !final) return recStart;
          else this.bareCr = true;
        } else if (c === LF) next++;
        this.count = n;
        this.onRecord(bytes, recStart, i, next);
        pos = next;
        break;
      }
    }
    return pos;
  }

  /** The value of field `i` of the current record, with doubled quotes undone. */
  value(bytes: Buffer, i: number): string {
    const v = utf8Text(bytes, this.starts[i]!, this.ends[i]!);
    return (this.flags[i]! & FIELD_ESCAPED) !== 0 ? v.replaceAll('""', '"') : v;
  }

  /** All values of the current record. */
  values(bytes: Buffer): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.value(bytes, i);
    return out;
  }
}

/** Splits a whole in-memory text into records of values (for samples and small files). */
export function splitAll(text: string, delimiter: string, limit = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  const bytes = Buffer.from(text, 'utf8');
  const sp = new CsvSplitter(delimiter, (b) => {
    if (rows.length < limit) rows.push(sp.values(b));
  });
  sp.scan(bytes, bytes.length, true);
  return rows;
}
