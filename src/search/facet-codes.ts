/**
 * Facet value codes. Writers turn `field \x1f value` keys into integer codes (adding missing ones
 * to search_facet_codes in their transaction); readers map codes back to field and value through a
 * per-process dictionary. A code never changes meaning once committed, so the dictionary only grows
 * and is refreshed when a reader meets a code it does not know.
 */
import { sql } from 'kysely';
import type { Dialect, Queryable } from '../platform/db/database.ts';
import { FACET_PAIR } from './document.ts';
import { normalizeText } from './normalize.ts';

const CHUNK = 300;

type Pair = { field: string; value: string };

/** Codes of the given field/value pairs that are in the dictionary, in one query. */
async function lookupCodes(q: Queryable, pairs: readonly Pair[], known: Map<string, number>): Promise<void> {
  const rows = await sql<{ code: number; field: string; value: string }>`select code, field, value
    from search_facet_codes
    where (field, value) in (values ${sql.join(pairs.map((p) => sql`(${p.field}, ${p.value})`))})`.execute(q);
  for (const r of rows.rows) known.set(`${r.field}${FACET_PAIR}${r.value}`, Number(r.code));
}

/**
 * Fills `known` with the codes of `keys`, inserting dictionary rows for new values. `known` must
 * only hold codes read or written in the current transaction (or committed ones).
 * Usually every value is in the dictionary already: one query; new values cost an insert and a query more.
 */
export async function resolveCodes(
  q: Queryable,
  keys: Iterable<string>,
  known: Map<string, number>,
): Promise<void> {
  const missing = [...new Set(keys)].filter((k) => !known.has(k));
  if (missing.length === 0) return;
  const pairOf = (k: string): Pair => {
    const i = k.indexOf(FACET_PAIR);
    return { field: k.slice(0, i), value: k.slice(i + 1) };
  };
  for (let i = 0; i < missing.length; i += CHUNK) {
    const part = missing.slice(i, i + CHUNK).map(pairOf);
    await lookupCodes(q, part, known);
    const absent = part.filter((p) => !known.has(`${p.field}${FACET_PAIR}${p.value}`));
    if (absent.length === 0) continue;
    await q
      .insertInto('search_facet_codes')
      .values(absent)
      .onConflict((oc) => oc.columns(['field', 'value']).doNothing())
      .execute();
    await lookupCodes(q, absent, known);
  }
}

/** The stored form of a document's codes on each engine. */
export function storedCodes(dialect: Dialect, codes: number[]): string | number[] {
  return dialect === 'postgres' ? codes : codes.join(' ');
}

/** Code -> field and value, per database (a WeakMap keyed by the Kysely instance). */
export class FacetDictionary {
  fields: string[] = [];
  values: string[] = [];
  /** normalizeText(value): what `field:value` filters compare. */
  norms: string[] = [];
  /** Codes of each field, ascending. */
  byField = new Map<string, number[]>();
  private maxCode = 0;

  /** Whether `code` is known. */
  has(code: number): boolean {
    return code <= this.maxCode && this.fields[code] !== undefined;
  }

  /**
   * Loads dictionary rows above the highest known code, and the `missing` ones (on PostgreSQL a
   * lower code can commit after a higher one).
   */
  async refresh(q: Queryable, missing: readonly number[] = []): Promise<void> {
    const rows = await q
      .selectFrom('search_facet_codes')
      .select(['code', 'field', 'value'])
      .where((eb) =>
        missing.length > 0
          ? eb.or([eb('code', '>', this.maxCode), eb('code', 'in', missing.slice(0, 1000))])
          : eb('code', '>', this.maxCode),
      )
      .orderBy('code')
      .execute();
    for (const r of rows) {
      const code = Number(r.code);
      if (this.fields[code] !== undefined) continue;
      this.fields[code] = r.field;
      this.values[code] = r.value;
      this.norms[code] = normalizeText(r.value);
      const list = this.byField.get(r.field);
      if (list) list.push(code);
      else this.byField.set(r.field, [code]);
      if (code > this.maxCode) this.maxCode = code;
    }
  }
}
