import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeText } from './normalize.ts';
import { indexTokens, queryUnits } from './tokenizer.ts';

/** True when every query unit appears in the index stream as a contiguous run (prefix on the last token). */
function matches(doc: string, query: string): boolean {
  const stream = indexTokens(doc);
  return queryUnits(query).every((u) =>
    stream.some((_, i) =>
      u.tokens.every((t, j) => {
        const s = stream[i + j];
        if (s === undefined) return false;
        return u.prefix && j === u.tokens.length - 1 ? s.startsWith(t) : s === t;
      }),
    ),
  );
}

test('a 2-character Chinese query matches inside a longer word', () => {
  assert.ok(matches('大學畢業生就業薪資', '薪資'));
  assert.ok(matches('大學畢業生就業薪資', '畢業'));
  assert.ok(matches('大學畢業生就業薪資', '就業薪資'));
  assert.ok(!matches('大學畢業生就業薪資', '薪水'));
});

test('a single Chinese character matches anywhere in a run, including its end', () => {
  assert.ok(matches('自來水', '水'));
  assert.ok(matches('自來水', '來'));
  assert.ok(!matches('自來水', '火'));
});

test('臺 and 台 find each other, in both directions', () => {
  assert.ok(matches('臺北市公有停車場', '台北'));
  assert.ok(matches('台北市公有停車場', '臺北'));
  assert.equal(normalizeText('臺灣'), normalizeText('台灣'));
});

test('full-width letters and digits fold to half-width', () => {
  assert.equal(normalizeText('ＰＭ２．５'), 'pm2.5');
  assert.ok(matches('細懸浮微粒ＰＭ２．５監測', 'PM2.5'));
});

test('codes and numbers stay whole', () => {
  const toks = indexTokens('機關代碼 A41000000G OID 2.16.886.101.20003 空品 PM2.5 共 1,234 筆');
  for (const t of ['a41000000g', '2.16.886.101.20003', 'pm2.5', '1234']) assert.ok(toks.includes(t), t);
  assert.ok(!toks.includes('2'), 'no stray digit tokens from a code');
  assert.ok(!matches('PM10 監測', 'PM2.5'));
});

test('mixed Chinese and English query matches mixed text', () => {
  assert.ok(matches('PM2.5空氣品質監測站', 'PM2.5 空氣品質'));
  assert.ok(matches('空氣品質 (Air Quality) datasets', 'air quality dataset'));
});

test('English words are lightly stemmed, both ways', () => {
  assert.ok(matches('Public libraries', 'library'));
  assert.ok(matches('tax offices and addresses', 'address office'));
  assert.ok(matches('bus station', 'stations'));
  assert.ok(!matches('bus station', 'business'));
});

test('an unspaced Chinese query is split into words that may appear apart', () => {
  const units = queryUnits('臺北市空氣品質');
  assert.ok(units.length >= 2, JSON.stringify(units));
  assert.ok(matches('臺北市各區空氣與水品質', '臺北市空氣品質'));
});

test('a quoted phrase must appear contiguous', () => {
  const [phrase] = queryUnits('空氣品質', true);
  assert.deepEqual(phrase?.tokens, ['空氣', '氣品', '品質']);
});
