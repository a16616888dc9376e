/**
 * Text normalization shared by indexing and querying: Unicode NFKC (full-width to half-width),
 * case folding, removal of combining marks, digit-group commas, and folding of common
 * Traditional Chinese variant characters (臺 -> 台, ...) so either spelling finds the other.
 */

/** Variant character -> the form both index and queries use. Pairs seen in Taiwanese government titles. */
const VARIANT_PAIRS: readonly (readonly [string, string])[] = [
  ['臺', '台'],
  ['裏', '裡'],
  ['峯', '峰'],
  ['着', '著'],
  ['綫', '線'],
  ['衞', '衛'],
  ['爲', '為'],
  ['啓', '啟'],
  ['羣', '群'],
  ['麪', '麵'],
  ['敎', '教'],
  ['眞', '真'],
  ['溼', '濕'],
  ['牀', '床'],
  ['鷄', '雞'],
  ['汙', '污'],
  ['舘', '館'],
  ['祕', '秘'],
  ['盃', '杯'],
  ['鈎', '鉤'],
  ['册', '冊'],
  ['户', '戶'],
  ['吕', '呂'],
  ['温', '溫'],
  ['説', '說'],
  ['内', '內'],
  ['衆', '眾'],
  ['録', '錄'],
  ['黄', '黃'],
  ['别', '別'],
  ['没', '沒'],
  ['强', '強'],
  ['銹', '鏽'],
];

const VARIANTS = new Map<string, string>(VARIANT_PAIRS);
const VARIANT_RE = new RegExp(`[${VARIANT_PAIRS.map(([v]) => v).join('')}]`, 'gu');

/** Normalizes text for matching; idempotent. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(VARIANT_RE, (c) => VARIANTS.get(c) ?? c);
}
