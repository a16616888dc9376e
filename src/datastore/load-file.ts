import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { detectEncoding } from './encoding.ts';
import { type LoadedTable, loadTextFile } from './load-delimited.ts';
import { fileTooLarge, type LoadFinding, noTable, undecodable, unsupportedFormat } from './load-errors.ts';
import { jsonRecords, type RecordTable, xmlRecords } from './record-lists.ts';
import { loadRows } from './records-table.ts';
import { readWorkbook } from './spreadsheet.ts';

/** In-memory formats (spreadsheets, JSON, XML, ZIP) above this size are refused with a clear error. */
export const MAX_IN_MEMORY_BYTES = 200 * 1024 * 1024;

export interface LoadFileOptions {
  path: string;
  fileName: string;
  /** The publisher's stated format (CSV, XLSX, ...): checked against the content, never trusted over it. */
  declaredFormat?: string;
  /** The publisher's stated encoding: a disagreement with the bytes is returned as a finding. */
  declaredEncoding?: string;
  /** Folder for the Parquet/schema outputs and temporary files (created if missing). */
  workDir: string;
  onProgress?: (fraction: number) => void;
}

export interface LoadFileResult {
  tables: LoadedTable[];
  findings: LoadFinding[];
}

type Kind = 'zip' | 'xlsx' | 'ods' | 'xls' | 'json' | 'xml' | 'text';

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decides the format from the bytes (magic numbers, first character), not from the name. */
async function sniffKind(path: string): Promise<Kind> {
  const b = await head(path, 64 * 1024);
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const s = b.toString('latin1');
    if (s.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (s.includes('[Content_Types].xml') || s.includes('xl/')) return 'xlsx';
    return 'zip';
  }
  if (b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  let text: string;
  try {
    const enc = detectEncoding(b);
    text = new TextDecoder(enc.encoding).decode(b.subarray(enc.bomLength, 256));
  } catch {
    return 'text';
  }
  const first = text.replace(/^[\s\uFEFF]+/, '')[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return 'text';
}

async function readSmall(path: string, kind: string): Promise<Buffer> {
  const size = (await stat(path)).size;
  if (size > MAX_IN_MEMORY_BYTES) throw fileTooLarge(kind, size, MAX_IN_MEMORY_BYTES);
  return readFile(path);
}

/** Decodes a JSON/XML file strictly (UTF-8/UTF-16/Big5 by its bytes). */
function decodeWhole(
  bytes: Buffer,
  declared: string | undefined,
  findings: LoadFinding[],
): { text: string; encoding: string } {
  const enc = detectEncoding(bytes.subarray(0, 64 * 1024), declared);
  findings.push(...enc.findings);
  try {
    return {
      text: new TextDecoder(enc.encoding, { fatal: true }).decode(bytes.subarray(enc.bomLength)),
      encoding: enc.encoding,
    };
  } catch {
    throw undecodable(enc.bomLength, [enc.encoding]);
  }
}

const declaredKinds: Record<string, Kind[]> = {
  csv: ['text'],
  tsv: ['text'],
  txt: ['text'],
  xls: ['xls', 'xlsx'],
  xlsx: ['xlsx'],
  ods: ['ods'],
  json: ['json'],
  geojson: ['json'],
  xml: ['xml'],
  zip: ['zip'],
};

class Loader {
  private n = 0;
  readonly tables: LoadedTable[] = [];
  readonly findings: LoadFinding[] = [];
  private readonly opts: LoadFileOptions;

  constructor(opts: LoadFileOptions) {
    this.opts = opts;
  }

  private next(name: string): { name: string; parquetPath: string; workDir: string } {
    this.n++;
    return { name, parquetPath: join(this.opts.workDir, `${this.n}.parquet`), workDir: this.opts.workDir };
  }

  private async records(t: RecordTable | null, encoding: string, name: string): Promise<void> {
    if (!t || t.labels.length === 0) throw noTable(`no list of records found in ${name || 'the file'}`);
    const layout = { titles: [], skip: 0, labels: t.labels, codes: t.labels.map(() => '') };
    this.tables.push(
      await loadRows(t.rows, layout, { encoding, format: t.format }, this.next(name), this.findings),
    );
  }

  async load(path: string, name: string, depth: number, onProgress?: (f: number) => void): Promise<void> {
    const kind = await sniffKind(path);
    const o = this.opts;
    if (depth === 0 && o.declaredFormat) {
      const want = declaredKinds[o.declaredFormat.trim().toLowerCase().replace(/^\./, '')];
      if (want && !want.includes(kind)) {
        this.findings.push({
          code: 'FORMAT_MISMATCH',
          message: `declared format "${o.declaredFormat}" disagrees with the content, which reads as ${kind === 'text' ? 'delimited text' : kind}`,
        });
      }
    }
    if (kind === 'text') {
      this.tables.push(
        await loadTextFile(path, this.next(name), this.findings, o.declaredEncoding, onProgress),
      );
    } else if (kind === 'xls' || kind === 'xlsx' || kind === 'ods') {
      const sheets = readWorkbook(await readSmall(path, kind));
      if (sheets.length === 0) throw noTable(`the workbook ${name || o.fileName} has no sheet with data`);
      for (const s of sheets) {
        const tableName = sheets.length === 1 && !name ? '' : name ? `${name}/${s.name}` : s.name;
        this.tables.push(
          await loadRows(
            s.rows,
            s.layout,
            { encoding: '', format: kind },
            this.next(tableName),
            this.findings,
          ),
        );
      }
    } else if (kind === 'json') {
      const { text, encoding } = decodeWhole(
        await readSmall(path, 'JSON'),
        o.declaredEncoding,
        this.findings,
      );
      let parsed: RecordTable | null;
      try {
        parsed = jsonRecords(text);
      } catch (err) {
        throw unsupportedFormat(`invalid JSON: ${(err as Error).message}`);
      }
      await this.records(parsed, encoding, name);
    } else if (kind === 'xml') {
      const { text, encoding } = decodeWhole(await readSmall(path, 'XML'), o.declaredEncoding, this.findings);
      await this.records(xmlRecords(text), encoding, name);
    } else {
      if (depth > 0) throw unsupportedFormat(`nested archive ${name} is not read`);
      await this.unzip(path);
    }
  }

  private async unzip(path: string): Promise<void> {
    const members = unzipSync(new Uint8Array(await readSmall(path, 'ZIP')), {
      filter: (f) =>
        !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && !basename(f.name).startsWith('.'),
    });
    const names = Object.keys(members).sort();
    if (names.length === 0) throw noTable('the ZIP archive holds no file');
    const dir = join(this.opts.workDir, 'unzipped');
    await mkdir(dir, { recursive: true });
    let i = 0;
    for (const member of names) {
      const file = join(dir, `${++i}`);
      await writeFile(file, members[member]!);
      try {
        await this.load(file, member, 1);
      } catch (err) {
        this.findings.push({ code: 'ZIP_MEMBER_SKIPPED', message: `${member}: ${(err as Error).message}` });
      }
    }
    if (this.tables.length === 0) throw noTable('no file in the ZIP archive could be loaded');
  }
}

/**
 * Loads any government data file into Parquet tables with their schemas: CSV/TSV/TXT (any of UTF-8,
 * UTF-8 BOM, UTF-16, Big5/CP950/HKSCS), XLS/XLSX/ODS (every sheet a table), JSON, XML, GeoJSON and ZIP
 * archives of these. Writes `<n>.parquet` and `<n>.schema.json` into `workDir`.
 */
export async function loadFile(opts: LoadFileOptions): Promise<LoadFileResult> {
  await mkdir(opts.workDir, { recursive: true });
  const loader = new Loader(opts);
  await loader.load(opts.path, '', 0, opts.onProgress);
  for (const t of loader.tables) {
    await writeFile(t.parquetPath.replace(/\.parquet$/, '.schema.json'), JSON.stringify(t.schema, null, 1));
  }
  opts.onProgress?.(1);
  return { tables: loader.tables, findings: loader.findings };
}
