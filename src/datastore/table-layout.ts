import { splitAll } from './csv-splitter.ts';
import { SHAPE_DEC, SHAPE_EMPTY, stringShape } from './value-shape.ts';

/** Where the header and data sit in a table's first records. */
export interface TableLayout {
  /** Title rows above the header, as text (e.g. "大專校院各校科系別概況"). */
  titles: string[];
  /** Records to skip before the first data record (titles + header rows). */
  skip: number;
  /** Column labels exactly as written (BOM removed); merged headers joined as `parent/child`. */
  labels: string[];
  /** Second-row codes of bilingual headers, else ''. */
  codes: string[];
}

/** A merged cell range (0-based, inclusive), as spreadsheets report them. */
export interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
const latin = /[A-Za-z]/;

export const nonEmptyCount = (row: readonly string[]): number =>
  row.reduce((n, v) => (v.trim() ? n + 1 : n), 0);

const isNumeric = (v: string): boolean => {
  const shape = stringShape(v);
  return shape !== SHAPE_EMPTY && (shape & SHAPE_DEC) !== 0;
};

/** Picks the delimiter (comma, tab, semicolon, pipe) that splits the sample into the most consistent rows. */
export function sniffDelimiter(sample: string): string {
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';', '|']) {
    const rows = splitAll(sample, d, 60).filter((r) => r.length > 1 || r[0] !== '');
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [len, n] of counts)
      if (n > modeCount || (n === modeCount && len > mode)) [mode, modeCount] = [len, n];
    if (mode < 2) continue;
    const score = Math.round((modeCount / rows.length) * 20) * 1000 + Math.min(mode, 999);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/** Share of a row's non-empty cells matching `re`. */
function share(row: readonly string[], re: RegExp): number {
  const cells = row.filter((v) => v.trim());
  return cells.length === 0
    ? 0
    : cells.filter((v) => re.test(v) && (re === cjk || !cjk.test(v))).length / cells.length;
}

/** Columns that hold numbers in the data rows below the header candidates. */
function numericColumns(rows: readonly string[][], from: number, ncols: number): boolean[] {
  const data = rows.slice(from, from + 20);
  return Array.from({ length: ncols }, (_, j) => {
    const vals = data.map((r) => r[j] ?? '').filter((v) => v.trim());
    return vals.length > 0 && vals.filter(isNumeric).length / vals.length >= 0.8;
  });
}

/** Row h+1 is text where the data below is numeric: a second header row, not data. */
function textOverNumbers(row: readonly string[], numeric: readonly boolean[]): boolean {
  let seen = false;
  for (let j = 0; j < numeric.length; j++) {
    const v = row[j] ?? '';
    if (isNumeric(v)) return false;
    if (numeric[j] && v.trim()) seen = true;
  }
  return seen;
}

const joinLabel = (parent: string, child: string): string =>
  !child.trim() || parent === child ? parent : !parent.trim() ? child : `${parent}/${child}`;

/**
 * Finds title rows, the header row(s) and labels from a table's first records. Handles bilingual two-row
 * headers (English codes + Chinese labels, either order) and two-row headers whose parent cells are merged
 * (spreadsheet merges, or blanks after a parent in CSV exports).
 */
export function analyzeLayout(rows: string[][], merges: readonly MergeRange[] = []): TableLayout {
  const first = rows[0];
  if (first && first.length > 0) first[0] = (first[0] ?? '').replace(/^\uFEFF/, '');
  const maxCols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  let h = 0;
  const titles: string[] = [];
  const laterWide = (i: number): boolean => rows.slice(i + 1, i + 30).some((r) => nonEmptyCount(r) >= 2);
  while (h < rows.length && h < 10 && maxCols >= 2 && nonEmptyCount(rows[h]!) <= 1 && laterWide(h)) {
    const text = rows[h]!.filter((v) => v.trim()).join(' ');
    if (text) titles.push(text);
    h++;
  }
  const header = rows[h] ?? [];
  const ncols = Math.max(header.length, ...rows.slice(h + 1, h + 200).map((r) => r.length), 1);
  const labels = Array.from({ length: ncols }, (_, j) => header[j] ?? '');
  const codes = labels.map(() => '');
  const second = rows[h + 1];
  if (!second || rows.length < h + 3) return { titles, skip: h + 1, labels, codes };
  const numeric = numericColumns(rows, h + 2, ncols);
  const full = (r: readonly string[]): boolean => nonEmptyCount(r) >= 0.8 * ncols;

  // Bilingual: one row mostly Chinese, the other Latin codes/translations.
  if (full(header) && full(second) && textOverNumbers(second, numeric)) {
    const [hc, sc] = [share(header, cjk), share(second, cjk)];
    const [hl, sl] = [share(header, latin), share(second, latin)];
    if ((hc >= 0.6 && sl >= 0.9) || (sc >= 0.6 && hl >= 0.9)) {
      const [lab, code] = hc >= 0.6 && sl >= 0.9 ? [header, second] : [second, header];
      return {
        titles,
        skip: h + 2,
        labels: labels.map((_, j) => lab[j] ?? ''),
        codes: codes.map((_, j) => (code[j] ?? '').trim()),
      };
    }
  }

  // Two-row header with merged (or blank-continued) parent cells.
  const mergedParents = merges.filter((m) => m.s.r === h && (m.e.c > m.s.c || m.e.r > m.s.r));
  const blankGaps =
    merges.length === 0 && header.some((v, j) => j > 0 && !v.trim() && (second[j] ?? '').trim());
  if ((mergedParents.length > 0 || blankGaps) && textOverNumbers(second, numeric)) {
    const parents = [...labels];
    if (mergedParents.length > 0) {
      for (const m of mergedParents)
        for (let c = m.s.c; c <= m.e.c && c < ncols; c++) parents[c] = labels[m.s.c] ?? '';
    } else {
      for (let j = 1; j < ncols; j++)
        if (!parents[j]?.trim() && (second[j] ?? '').trim()) parents[j] = parents[j - 1] ?? '';
    }
    const vertical = new Set<number>();
    for (const m of mergedParents) if (m.e.r > m.s.r) for (let c = m.s.c; c <= m.e.c; c++) vertical.add(c);
    return {
      titles,
      skip: h + 2,
      labels: parents.map((p, j) => (vertical.has(j) ? p : joinLabel(p, second[j] ?? ''))),
      codes,
    };
  }
  return { titles, skip: h + 1, labels, codes };
}
