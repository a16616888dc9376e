import {
  cellShape,
  isSpace,
  isSubtotalCell,
  SHAPE_ALL,
  SHAPE_DASH,
  SHAPE_EMPTY,
  trimBounds,
} from './value-shape.ts';

const bounds = new Int32Array(2);
const SUB_FIRST = new Set([0x5408, 0x5c0f, 0x7e3d, 32, 0x3000]); // 合 小 總, spaces

/** Per-column facts gathered over every data row: the AND/OR of cell shapes and a few counts. */
export class ColumnStats {
  readonly and: Int32Array;
  readonly or: Int32Array;
  readonly filled: Float64Array;
  readonly dashes: Float64Array;
  readonly subtotals: Float64Array;
  /** 1 when some cell starts or ends with whitespace (the SQL must trim before casting), else 0. */
  readonly padded: Uint8Array;

  readonly ncols: number;

  constructor(ncols: number) {
    this.ncols = ncols;
    this.and = new Int32Array(ncols).fill(SHAPE_ALL);
    this.or = new Int32Array(ncols);
    this.filled = new Float64Array(ncols);
    this.dashes = new Float64Array(ncols);
    this.subtotals = new Float64Array(ncols);
    this.padded = new Uint8Array(ncols);
  }

  /** Adds one row given as views into `t`; returns true when the row is a subtotal row. */
  add(t: string, starts: Int32Array, ends: Int32Array, n: number): boolean {
    let subtotal = false;
    const m = Math.min(n, this.ncols);
    for (let i = 0; i < m; i++) {
      const s = starts[i]!;
      const e = ends[i]!;
      if (s === e) continue;
      const want = this.and[i]!;
      if (want !== 0) {
        if (isSpace(t.charCodeAt(s)) || isSpace(t.charCodeAt(e - 1))) this.padded[i] = 1;
        const sh = cellShape(t, s, e, want);
        if (sh === SHAPE_EMPTY) continue;
        if (sh === SHAPE_DASH) {
          this.dashes[i]!++;
          continue;
        }
        this.filled[i]!++;
        this.and[i] = want & sh;
        this.or[i]! |= sh;
      } else {
        trimBounds(t, s, e, bounds);
        if (bounds[0] === bounds[1]) continue;
        this.filled[i]!++;
      }
      if (SUB_FIRST.has(t.charCodeAt(s))) {
        trimBounds(t, s, e, bounds);
        if (isSubtotalCell(t, bounds[0]!, bounds[1]!)) {
          this.subtotals[i]!++;
          subtotal = true;
        }
      }
    }
    return subtotal;
  }
}
