import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { ColumnStats } from './column-stats.ts';
import { CsvSplitter, FIELD_DIRTY, MAX_RECORD_BYTES } from './csv-splitter.ts';
import { badInput } from './load-errors.ts';
import type { TableLayout } from './table-layout.ts';
import { hasText } from './utf8-text.ts';

/** What one streaming pass learned about a table, besides the normalized CSV it wrote. */
export interface TablePass {
  stats: ColumnStats;
  rowCount: number;
  notes: string[];
  /** Section headings were found (stacked blocks): the normalized CSV has one more, last, column. */
  sectioned: boolean;
  emptyRows: number;
  /** Rows with more fields than the header, whose extra non-empty fields were dropped. */
  overlongRows: number;
  /** Line break used throughout the normalized CSV. */
  newline: '\n' | '\r\n';
  /**
   * No normalized CSV was written: the source file's records from `skip` on are, as they stand, the
   * table's `rowCount` data rows followed only by skipped rows (footnotes, empty rows), so the engine can
   * read the original file directly.
   */
  direct: boolean;
}

/** Thrown by a stats-only pass when a record needs rewriting after verbatim rows were already passed over. */
export class RewriteNeeded extends Error {
  constructor() {
    super('the file needs a normalized copy');
  }
}

const NOTE_START =
  /^(說明|註|注|附註|備註|資料來源|來源|資料提供|資料日期|資料時間|更新日期|單位|公式|定義|指標項|填表|製表|事故類別|note|source|-{3,})/i;

/** A trailing row that reads like a footnote rather than data. */
export const isNoteLike = (text: string): boolean => NOTE_START.test(text.trim()) || /[：]/.test(text);

const FLUSH_BYTES = 1 << 20;

/** A buffer of at least `n` bytes holding the first `keep` bytes of `b`. */
function ensure(b: Buffer, keep: number, n: number): Buffer {
  if (n <= b.length) return b;
  const bigger = Buffer.allocUnsafe(Math.max(n, b.length * 2));
  b.copy(bigger, 0, 0, keep);
  return bigger;
}

/**
 * Writes a table's data records as a normalized CSV (same delimiter, exactly `ncols` fields per line, no
 * header/title/footer rows) while collecting column statistics. Clean records are copied verbatim in runs.
 */
export class TableWriter {
  private readonly splitter: CsvSplitter;
  private readonly ncols: number;
  private readonly stats: ColumnStats;
  private readonly delim: string;
  /** Bytes of the normalized CSV not yet written. */
  private out: Buffer = Buffer.allocUnsafe(FLUSH_BYTES + (FLUSH_BYTES >> 1));
  private outLen = 0;
  /** The record cut by the last chunk's end, then the next chunk: `work[0..workLen)`. */
  private work: Buffer = Buffer.allocUnsafe(0);
  private workLen = 0;
  private runStart = -1;
  private runEnd = -1;
  private runNeedsNewline = false;
  private record = 0;
  private rowCount = 0;
  private emptyRows = 0;
  private overlongRows = 0;
  private pending: string[][] = [];
  private notes: string[] = [];
  private sectioned = false;
  private section = '';
  private eol: '\n' | '\r\n' | null = null;
  private one = { starts: new Int32Array(0), ends: new Int32Array(0) };
  private readonly newlineBytes = { '\n': Buffer.from('\n'), '\r\n': Buffer.from('\r\n') };

  private file: FileHandle | null = null;
  private readonly outPath: string;
  private readonly layout: TableLayout;
  /** Stats only, nothing written, while every record can be read from the source as it stands. */
  private direct: boolean;
  /** An empty or single-cell row was passed over: a later data row means the source cannot be read as is. */
  private gap = false;
  /** Line-break lengths of the skipped title/header records (must match the data's for a direct read). */
  private headTerms = new Set<number>();

  private constructor(outPath: string, layout: TableLayout, delimiter: string, direct: boolean) {
    this.outPath = outPath;
    this.direct = direct;
    this.layout = layout;
    this.delim = delimiter;
    this.ncols = layout.labels.length;
    this.stats = new ColumnStats(this.ncols);
    this.splitter = new CsvSplitter(delimiter, (b, s, e, n) => this.onRecord(b, s, e, n));
  }

  /**
   * A writer of the normalized CSV at `outPath` (opened on first write). With `direct`, it only gathers
   * statistics as long as the source file could be read as it stands; the first record that needs
   * rewriting switches it to writing when no data row was passed yet, else throws RewriteNeeded.
   */
  static create(outPath: string, layout: TableLayout, delimiter: string, direct = false): TableWriter {
    return new TableWriter(outPath, layout, delimiter, direct);
  }

  private needRewrite(): void {
    if (this.rowCount > 0) throw new RewriteNeeded();
    this.direct = false;
  }

  /** Feeds the next chunk of UTF-8 text (a character may be cut at its end: it is finished by the next). */
  async push(chunk: Uint8Array): Promise<void> {
    const carried = this.workLen;
    this.work = ensure(this.work, carried, carried + chunk.length);
    this.work.set(chunk, carried);
    const len = carried + chunk.length;
    const used = this.splitter.scan(this.work, len, false);
    this.closeRun(this.work);
    if (used > 0) this.work.copyWithin(0, used, len);
    this.workLen = len - used;
    if (this.workLen > MAX_RECORD_BYTES) {
      throw badInput(
        `a record longer than ${MAX_RECORD_BYTES / (1024 * 1024)} MiB (an unclosed quote?) near data row ${this.rowCount + 1}`,
      );
    }
    if (this.outLen >= FLUSH_BYTES) await this.flush();
  }

  /** Ends the input: resolves trailing rows (footnotes vs data) and closes the file. */
  async finish(): Promise<TablePass> {
    if (this.workLen > 0) {
      this.splitter.scan(this.work, this.workLen, true);
      this.closeRun(this.work);
      this.workLen = 0;
    }
    const firstNote = this.pending.findIndex((r) => isNoteLike(r.join(' ')));
    const dataRows = firstNote < 0 ? this.pending : this.pending.slice(0, firstNote);
    if (this.direct && dataRows.length > 0) this.needRewrite();
    for (const r of dataRows) this.acceptValues(r);
    if (firstNote >= 0)
      for (const r of this.pending.slice(firstNote)) this.notes.push(r.filter((v) => v.trim()).join(' '));
    this.pending = [];
    // No data row still makes a (empty) normalized CSV: the engine reads it for the header-only table.
    if (!this.direct) this.file ??= await open(this.outPath, 'w');
    await this.flush();
    await this.file?.close();
    return {
      stats: this.stats,
      rowCount: this.rowCount,
      notes: this.notes,
      // A lone first row only makes sections when data rows follow it (a header and a note is not).
      sectioned: this.sectioned && this.rowCount > 0,
      emptyRows: this.emptyRows,
      overlongRows: this.overlongRows,
      newline: this.eol ?? '\n',
      direct: this.direct,
    };
  }

  /** Closes the file without a result (the load failed). */
  async abort(): Promise<void> {
    await this.file?.close().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.outLen === 0) return;
    this.file ??= await open(this.outPath, 'w');
    await this.file.write(this.out.subarray(0, this.outLen));
    this.outLen = 0;
  }

  /** Appends bytes to the normalized CSV (written at the end of the chunk). */
  private emitBytes(b: Uint8Array, start: number, end: number): void {
    this.out = ensure(this.out, this.outLen, this.outLen + (end - start));
    this.out.set(b.subarray(start, end), this.outLen);
    this.outLen += end - start;
  }

  private emit(s: string): void {
    // 3 bytes per UTF-16 code unit is the UTF-8 worst case.
    this.out = ensure(this.out, this.outLen, this.outLen + s.length * 3);
    this.outLen += this.out.write(s, this.outLen, 'utf8');
  }

  private closeRun(b: Buffer): void {
    if (this.runStart < 0) return;
    this.emitBytes(b, this.runStart, this.runEnd);
    if (this.runNeedsNewline) {
      const eol = this.newlineBytes[this.eol ?? '\n'];
      this.emitBytes(eol, 0, eol.length);
    }
    this.runStart = -1;
    this.runNeedsNewline = false;
  }

  private onRecord(t: Buffer, start: number, end: number, next: number): void {
    const sp = this.splitter;
    if (this.record++ < this.layout.skip) {
      if (this.direct) this.checkHead(t, start, end, next);
      return;
    }
    const n = sp.count;
    let filled = 0;
    let dirty = sp.bareCr;
    for (let i = 0; i < n; i++) {
      if (hasText(t, sp.starts[i]!, sp.ends[i]!)) filled++;
      if ((sp.flags[i]! & FIELD_DIRTY) !== 0) dirty = true;
    }
    if (filled === 0) {
      this.closeRun(t);
      this.emptyRows++;
      this.gap = true;
      return;
    }
    const firstFilled = n > 0 && hasText(t, sp.starts[0]!, sp.ends[0]!);
    const lone = this.ncols >= 3 && (filled === 1 || (filled === 2 && isNoteLike(sp.value(t, 0))));
    if (lone) {
      if (this.rowCount === 0 && this.pending.length === 0 && filled === 1 && firstFilled)
        this.sectioned = true;
      this.closeRun(t);
      this.pending.push(sp.values(t));
      this.gap = true;
      return;
    }
    if (this.direct) {
      const term = next - end;
      const eol = this.eol ?? (term === 2 ? '\r\n' : '\n');
      let ok = n === this.ncols && !dirty && !this.sectioned && !this.gap;
      ok &&= term === 0 || term === eol.length;
      if (ok && this.eol === null) for (const h of this.headTerms) if (h !== eol.length) ok = false;
      if (ok) {
        this.eol = eol;
        this.stats.add(t, sp.starts, sp.ends, n);
        this.rowCount++;
        return;
      }
      this.needRewrite();
    }
    if (this.pending.length > 0) {
      this.closeRun(t);
      this.resolvePending();
    }
    if (n > this.ncols) {
      for (let i = this.ncols; i < n; i++) {
        if (hasText(t, sp.starts[i]!, sp.ends[i]!)) {
          this.overlongRows++;
          break;
        }
      }
    }
    this.stats.add(t, sp.starts, sp.ends, n);
    this.rowCount++;
    const term = next - end;
    if (this.eol === null) this.eol = term === 2 ? '\r\n' : '\n';
    // Verbatim copy only when the record's own line break is the file's (DuckDB reads one kind).
    const sameEol = term === 0 || term === this.eol.length;
    if (n === this.ncols && !dirty && sameEol && !this.sectioned) {
      if (this.runStart < 0) this.runStart = start;
      this.runEnd = next;
      this.runNeedsNewline = next === end;
      return;
    }
    this.closeRun(t);
    this.emitValues(sp.values(t));
  }

  /** A skipped title/header record must be one line (DuckDB's skip counts lines) with a plain line break. */
  private checkHead(t: Buffer, start: number, end: number, next: number): void {
    const term = next - end;
    let oneLine = start < end && !this.splitter.bareCr && term > 0;
    for (let i = start; oneLine && i < end; i++) {
      const c = t[i];
      if (c === 10 || c === 13) oneLine = false;
    }
    if (!oneLine) this.needRewrite();
    else this.headTerms.add(term);
  }

  /** Single-cell rows followed by data: section headings in stacked-block tables, else ordinary data rows. */
  private resolvePending(): void {
    if (this.sectioned) {
      const heads = this.pending.filter((r) => (r[0] ?? '').trim());
      const last = heads.pop();
      for (const r of heads) this.notes.push(r.filter((v) => v.trim()).join(' '));
      if (last) this.section = last[0] ?? '';
    } else {
      for (const r of this.pending) this.acceptValues(r);
    }
    this.pending = [];
  }

  private acceptValues(values: string[]): void {
    const text = Buffer.from(values.join('\u0000'), 'utf8');
    const n = values.length;
    if (this.one.starts.length < n) this.one = { starts: new Int32Array(n), ends: new Int32Array(n) };
    let p = 0;
    for (let i = 0; i < n; i++) {
      this.one.starts[i] = p;
      p += Buffer.byteLength(values[i]!, 'utf8');
      this.one.ends[i] = p;
      p++;
    }
    this.stats.add(text, this.one.starts, this.one.ends, n);
    this.rowCount++;
    this.emitValues(values);
  }

  private emitValues(values: string[]): void {
    const cells: string[] = [];
    for (let i = 0; i < this.ncols; i++) cells.push(this.quote(values[i] ?? ''));
    if (this.sectioned) cells.push(this.quote(this.section));
    this.eol ??= '\n';
    this.emit(`${cells.join(this.delim)}${this.eol}`);
  }

  private quote(v: string): string {
    if (v.includes('"') || v.includes(this.delim) || v.includes('\n') || v.includes('\r')) {
      return `"${v.replaceAll('"', '""')}"`;
    }
    return v;
  }
}
