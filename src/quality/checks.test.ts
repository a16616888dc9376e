import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDataset, makeResource } from '../../test/helpers/quality-data.ts';
import { checkColumns, parseFieldDescriptions } from './columns-check.ts';
import { assignMark, CRITERIA, type CriterionResult } from './criteria.ts';
import { checkFreshness } from './freshness-check.ts';
import { missingMetadata } from './metadata-check.ts';

describe('field descriptions vs columns', () => {
  it('splits agency free text on 、 , ; and drops parenthesised notes', () => {
    assert.deepEqual(parseFieldDescriptions('縣市、鄉鎮市區、村里'), ['縣市', '鄉鎮市區', '村里']);
    assert.deepEqual(parseFieldDescriptions('編號,名稱'), ['編號', '名稱']);
    assert.deepEqual(parseFieldDescriptions('綜合所得總額(千元)；平均數'), ['綜合所得總額', '平均數']);
  });

  it('matches full-width and spaced labels, reports missing fields, allows extra columns', () => {
    const labels = ['縣市', '鄉鎮市區', '村里', '納稅單位', '綜合所得總額'];
    assert.equal(checkColumns('縣市、鄉鎮市區、村里', labels).ok, true);
    const r = checkColumns('縣市、人口數', labels);
    assert.deepEqual(r.missing, ['人口數']);
    assert.equal(r.ok, false);
    assert.equal(checkColumns('ＩＤ、名稱', ['id', '名 稱']).ok, true);
  });

  it('prose without separators is not a field list', () => {
    const r = checkColumns('本資料集提供各縣市鄉鎮市區村里之綜合所得稅納稅單位與所得總額統計資料', ['縣市']);
    assert.equal(r.parseable, false);
    assert.equal(r.ok, false);
  });
});

describe('freshness', () => {
  const now = new Date('2026-11-15T00:00:00.000Z');
  it('a monthly dataset is stale after three months, fresh within', () => {
    const old = makeDataset(
      { resources: [makeResource({ lastModified: '2026-08-01T00:00:00.000Z' })] },
      { updateFrequency: 'monthly' },
    );
    assert.equal(checkFreshness(old, now).stale, true);
    const recent = makeDataset(
      { resources: [makeResource({ lastModified: '2026-09-01T00:00:00.000Z' })] },
      { updateFrequency: '每月' },
    );
    assert.equal(checkFreshness(recent, now).stale, false);
  });
  it('irregular datasets are never stale; an unknown frequency fails', () => {
    const d = makeDataset(
      { resources: [makeResource({ lastModified: '2010-01-01T00:00:00.000Z' })] },
      { updateFrequency: '不定期' },
    );
    assert.equal(checkFreshness(d, now).ok, true);
    assert.equal(checkFreshness(makeDataset({}, { updateFrequency: '偶爾' }), now).ok, false);
  });
});

describe('metadata completeness and marks', () => {
  it('the factory dataset is complete once it has an agency; gaps are named', () => {
    assert.deepEqual(missingMetadata(makeDataset({ ownerOrg: 'org' })), []);
    const gaps = missingMetadata(
      makeDataset({ ownerOrg: null, resources: [makeResource({ encoding: '' })] }, { serviceCategory: '' }),
    );
    assert.deepEqual(
      gaps.map((g) => g.field),
      ['ownerOrg', 'tw.serviceCategory', 'resources[0].encoding'],
    );
  });

  it('a mark needs every criterion of its level and all lower levels', () => {
    const all = (failing: string[]): CriterionResult[] =>
      CRITERIA.map((c) => ({ id: c.id, ok: !failing.includes(c.id), detail: { zh: '', en: '' } }));
    assert.equal(assignMark(all([])), 'platinum');
    assert.equal(assignMark(all(['follows_standard'])), 'gold');
    assert.equal(assignMark(all(['columns_match'])), 'silver');
    assert.equal(assignMark(all(['open_format'])), 'bronze');
    assert.equal(assignMark(all(['links_work'])), 'none');
    // A higher criterion passing does not lift a dataset over a lower failure.
    assert.equal(assignMark(all(['encoding_declared_correctly', 'follows_standard'])), 'bronze');
  });

  it('every criterion has zh-TW and en titles and fixes', () => {
    for (const c of CRITERIA) {
      assert.ok(c.title.zh && c.title.en && c.fix.zh && c.fix.en, c.id);
    }
  });
});
