import { spaceAt, spaceBefore, trimBounds, utf8Text } from './utf8-text.ts';
import { isSubtotalCell, SHAPE_ALL, SHAPE_DASH, trimmedShape } from './value-shape.ts';

const bounds = new Int32Array(2);

/** First bytes of a cell that may read as a subtotal: 合 小 總 (UTF-8 E5 90 88, E5 B0 8F, E7 B8 BD), spaces. */
function subtotalStart(b: Uint8Array, s: number, e: number): boolean {
  const c = b[s]!;
  if (c === 32) return true;
  if (s + 2 >= e) return false;
  const c1 = b[s + 1]!;
  const c2 = b[s + 2]!;
  if (c === 0xe5) return (c1 === 0x90 && c2 === 0x88) || (c1 === 0xb0 && c2 === 0x8f);
  if (c === 0xe7) return c1 === 0xb8 && c2 === 0xbd;
  return c === 0xe3 && c1 === 0x80 && c2 === 0x80;
}

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

  /** Adds one row given as byte ranges of the UTF-8 text `b`; returns true when the row is a subtotal row. */
  add(b: Buffer, starts: Int32Array, ends: Int32Array, n: number): boolean {
    let subtotal = false;
    const m = Math.min(n, this.ncols);
    const and = this.and;
    for (let i = 0; i < m; i++) {
      const s = starts[i]!;
      const e = ends[i]!;
      if (s === e) continue;
      const want = and[i]!;
      if (spaceAt(b, s, e) > 0 || spaceBefore(b, s, e) > 0) {
        if (want !== 0) this.padded[i] = 1;
        trimBounds(b, s, e, bounds);
        if (bounds[0] === bounds[1]) continue;
        if (want !== 0 && !this.shape(i, want, trimmedShape(b, bounds[0]!, bounds[1]!, want))) continue;
      } else if (want !== 0 && !this.shape(i, want, trimmedShape(b, s, e, want))) continue;
      this.filled[i]!++;
      if (subtotalStart(b, s, e)) {
        trimBounds(b, s, e, bounds);
        if (isSubtotalCell(utf8Text(b, bounds[0]!, bounds[1]!))) {
          this.subtotals[i]!++;
          subtotal = true;
        }
      }
    }
    return subtotal;
  }

  /** Records a cell's shape; false for a dash (counted apart, not a filled cell). */
  private shape(i: number, want: number, sh: number): boolean {
    if (sh === SHAPE_DASH) {
      this.dashes[i]!++;
      return false;
    }
    this.and[i] = want & sh;
    this.or[i]! |= sh;
    return true;
  }
}
