import { FACET_PAIR, FACET_SEP } from './document.ts';
import type { FacetCount } from './types.ts';

/** Counts facet values over the blobs of a match set, for the requested fields only. */
export class FacetCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(fields: readonly string[]) {
    for (const f of fields) this.counts.set(f, new Map());
  }

  /** Adds one matching document's facet blob. */
  addBlob(blob: string): void {
    if (blob === '') return;
    for (const pair of blob.split(FACET_SEP)) {
      const i = pair.indexOf(FACET_PAIR);
      const m = this.counts.get(pair.slice(0, i));
      if (!m) continue;
      const v = pair.slice(i + 1);
      m.set(v, (m.get(v) ?? 0) + 1);
    }
  }

  /** Adds a precomputed count. */
  add(field: string, value: string, n: number): void {
    const m = this.counts.get(field);
    if (m) m.set(value, (m.get(value) ?? 0) + n);
  }

  /** Per field: values by count desc then name, at least `mincount`, at most `limit` (-1 = all). */
  result(limit: number, mincount: number): Record<string, FacetCount[]> {
    const out: Record<string, FacetCount[]> = {};
    for (const [field, m] of this.counts) {
      const list: FacetCount[] = [];
      for (const [name, count] of m) if (count >= mincount && count > 0) list.push({ name, count });
      list.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      out[field] = limit < 0 ? list : list.slice(0, limit);
    }
    return out;
  }
}
