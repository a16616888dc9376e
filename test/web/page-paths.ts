/** Every public page type of the portal (one address each, some with parameters), for validity and axe runs. */
import type { Seeded } from './seed.ts';

/** Locale-free paths of the public pages; the tests visit each at `/` and under `/en`. */
export function publicPagePaths(seed: Seeded): string[] {
  return [
    '/',
    '/datasets',
    '/datasets?q=所得&sort=title',
    '/datasets?tags=統計&page=1',
    '/datasets?organization=moi',
    '/datasets/village-income-106',
    '/datasets/taitung-shelters',
    `/datasets/taitung-shelters/resources/${seed.sheltersResourceId}`,
    `/datasets/village-income-106/resources/${seed.incomeResourceId}?sort=中位數&dir=desc&chart=中位數`,
    '/organizations',
    '/organizations/moi',
    '/organizations/moi/scorecard',
    '/organizations/taitung/scorecard',
    '/scorecards',
    '/groups',
    '/groups/category-e00',
    '/api',
    '/about',
    '/user/login',
    '/no-such-page',
  ];
}
