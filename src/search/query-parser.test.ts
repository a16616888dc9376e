import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OdpError } from '../platform/errors.ts';
import { parseQuery } from './query-parser.ts';

test('OR binds tighter than the implicit AND between words', () => {
  assert.deepEqual(parseQuery('捷運 OR MRT 時刻表'), {
    kind: 'and',
    items: [
      {
        kind: 'or',
        items: [
          { kind: 'term', field: null, value: '捷運', phrase: false },
          { kind: 'term', field: null, value: 'MRT', phrase: false },
        ],
      },
      { kind: 'term', field: null, value: '時刻表', phrase: false },
    ],
  });
});

test('Solr constructs: +/-, NOT, field groups, ranges, *:*', () => {
  assert.deepEqual(parseQuery('+organization:moi -res_format:CSV'), {
    kind: 'and',
    items: [
      { kind: 'term', field: 'organization', value: 'moi', phrase: false },
      { kind: 'not', item: { kind: 'term', field: 'res_format', value: 'CSV', phrase: false } },
    ],
  });
  assert.deepEqual(parseQuery('tags:(a OR "b c")'), {
    kind: 'or',
    items: [
      { kind: 'term', field: 'tags', value: 'a', phrase: false },
      { kind: 'term', field: 'tags', value: 'b c', phrase: true },
    ],
  });
  assert.deepEqual(parseQuery('metadata_created:{2020-01-01 TO *]'), {
    kind: 'range',
    field: 'metadata_created',
    lo: '2020-01-01',
    hi: null,
    loInc: false,
    hiInc: true,
  });
  assert.deepEqual(parseQuery('*:*'), { kind: 'all' });
  assert.deepEqual(parseQuery(''), { kind: 'all' });
  assert.deepEqual(parseQuery('a && !b'), {
    kind: 'and',
    items: [
      { kind: 'term', field: null, value: 'a', phrase: false },
      { kind: 'not', item: { kind: 'term', field: null, value: 'b', phrase: false } },
    ],
  });
});

test('syntax errors and local params are ODP_SEARCH_QUERY errors', () => {
  for (const q of ['{!func}x', '(a OR b', 'a)', '"unterminated', 'title:', 'x:[1 2]', 'a'.repeat(2001)]) {
    assert.throws(
      () => parseQuery(q),
      (e: unknown) => e instanceof OdpError && e.code === 'ODP_SEARCH_QUERY',
      q.slice(0, 20),
    );
  }
});
