const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Field flags set by the splitter. */
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;
/** The field broke RFC 4180 (a stray quote, text after a closing quote, no closing quote). */
export const FIELD_DIRTY = 4;

/** Longest record the splitter buffers before deciding the file is broken (an unclosed quote). */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/**
 * Called for each complete record. Fields are views into `text`: `splitter.starts[i]..ends[i]`, flags in
 * `splitter.flags[i]`, `splitter.count` fields. `end` excludes the line break, `next` is where the next record starts.
 */
export type RecordHandler = (text: string, start: number, end: number, next: number) => void;

/**
 * A streaming CSV/TSV record splitter over decoded text (RFC 4180 quoting, CRLF/LF/CR line breaks,
 * quoted line breaks). It never copies field text; callers read values through the index arrays.
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

  constructor(delimiter: string, onRecord: RecordHandler) {
    this.delimiter = delimiter.charCodeAt(0);
    this.onRecord = onRecord;
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
   * Parses every complete record of `text` from index `from`; returns the index where an incomplete
   * trailing record starts.
   */
  scan(text: string, final: boolean, from = 0): number {
    const len = text.length;
    const delim = this.delimiter;
    let pos = from;
    while (pos < len) {
      const recStart = pos;
      let n = 0;
      let i = pos;
      for (;;) {
        if (n >= this.starts.length) this.grow();
        let c = i < len ? text.charCodeAt(i) : -1;
        if (c === QUOTE) {
          let j = i + 1;
          let flag = FIELD_QUOTED;
          let close = -1;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q < 0) break;
            if (q + 1 >= len && !final) return recStart;
            if (text.charCodeAt(q + 1) === QUOTE) {
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
            c = i < len ? text.charCodeAt(i) : -1;
            if (c !== delim && c !== LF && c !== CR && c !== -1) {
              // Text after the closing quote: keep it (with the quote) as part of the value, flag the field.
              let k = i;
              while (k < len) {
                c = text.charCodeAt(k);
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
            c = text.charCodeAt(j);
            if (c === delim || c === LF || c === CR) break;
            if (c === QUOTE) flag = FIELD_DIRTY;
            j++;
          }
          if (j >= len) {
            if (!final) return recStart;
            c = -1;
          }
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
          if (next < len && text.charCodeAt(next) === LF) next++;
          else if (next >= len && !final) return recStart;
          else this.bareCr = true;
        } else if (c === LF) next++;
        this.count = n;
        this.onRecord(text, recStart, i, next);
        pos = next;
        break;
      }
    }
    return pos;
  }

  /** The value of field `i` of the current record, with doubled quotes undone. */
  value(text: string, i: number): string {
    const v = text.slice(this.starts[i]!, this.ends[i]!);
    return (this.flags[i]! & FIELD_ESCAPED) !== 0 ? v.replaceAll('""', '"') : v;
  }

  /** All values of the current record. */
  values(text: string): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.value(text, i);
    return out;
  }
}

/** Splits a whole in-memory text into records of values (for samples and small files). */
export function splitAll(text: string, delimiter: string, limit = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  const sp = new CsvSplitter(delimiter, (t) => {
    if (rows.length < limit) rows.push(sp.values(t));
  });
  sp.scan(text, true);
  return rows;
}
