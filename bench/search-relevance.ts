/**
 * Relevance of the judged queries (bench/relevance/queries.json): precision@5 (grade >= 1 counts as
 * relevant) and nDCG@10 (gain 2^grade - 1, ideal from every judged grade of the query). The pool of
 * judged results is the union of both engines' top 10 and of alternative rankings (see `poolFor`),
 * so neither engine's results count as unjudged merely for differing from the other's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../src/platform/db/database.ts';
import { ANONYMOUS, searchDatasets } from '../src/search/index.ts';

export interface Judged {
  q: string;
  /** Dataset id (tw-<row>) -> grade 0..2. */
  judgments: Record<string, number>;
}

/** The judged queries. */
export function judgedQueries(): Judged[] {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'relevance', 'queries.json'), 'utf8')).queries;
}

/** Real rows only: synthetic variants carry other datasets' field lists and are never judged. */
const REAL_ONLY = ['-extras_variant:yes'];

/** The engine's top 10 ids for a judged query. */
export async function top10(db: Db, q: string): Promise<string[]> {
  return (await searchDatasets(db, { q, rows: 10, fq: REAL_ONLY }, ANONYMOUS)).ids;
}

/** Alternative rankings pooled for judging: title-only matches, and newest matches. */
export async function alternatives(db: Db, q: string): Promise<string[]> {
  const title = q
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `title:${w}`)
    .join(' ');
  const a = await searchDatasets(db, { q: title, rows: 10, fq: REAL_ONLY }, ANONYMOUS);
  const b = await searchDatasets(
    db,
    { q, rows: 10, fq: REAL_ONLY, sort: 'metadata_modified desc' },
    ANONYMOUS,
  );
  return [...a.ids, ...b.ids];
}

/** precision@5, nDCG@10 and the share of top-10 results that carry a judgment. */
export async function relevance(
  db: Db,
): Promise<{ queries: number; precision_at_5: number; ndcg_at_10: number; judged_share_top10: number }> {
  const judged = judgedQueries();
  let p5 = 0;
  let ndcg = 0;
  let seen = 0;
  let known = 0;
  for (const j of judged) {
    const ids = await top10(db, j.q);
    seen += ids.length;
    known += ids.filter((id) => id in j.judgments).length;
    const grades = ids.map((id) => j.judgments[id] ?? 0);
    p5 += grades.slice(0, 5).filter((g) => g >= 1).length / 5;
    const dcg = grades.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    const ideal = Object.values(j.judgments)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
  }
  return {
    queries: judged.length,
    precision_at_5: Number((p5 / judged.length).toFixed(3)),
    ndcg_at_10: Number((ndcg / judged.length).toFixed(3)),
    judged_share_top10: Number((known / Math.max(1, seen)).toFixed(3)),
  };
}
