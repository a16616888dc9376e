import type { Dataset } from '../catalog/types.ts';
import { checkColumns } from './columns-check.ts';
import type { CriterionId, CriterionResult, Text } from './criteria.ts';
import type { FreshnessCheck } from './freshness-check.ts';
import type { MissingField } from './metadata-check.ts';
import type { ResourceCheck } from './resource-check.ts';

const pass = (id: CriterionId): CriterionResult => ({ id, ok: true, detail: { zh: '', en: '' } });
const fail = (id: CriterionId, zh: string, en: string): CriterionResult => ({
  id,
  ok: false,
  detail: { zh, en },
});

/** "「名稱」: what" lines for the resources failing a check. */
function listing(checks: readonly ResourceCheck[], what: (c: ResourceCheck) => Text): Text {
  return {
    zh: checks.map((c) => `「${c.name || c.resourceId}」：${what(c).zh}`).join('；'),
    en: checks.map((c) => `"${c.name || c.resourceId}": ${what(c).en}`).join('; '),
  };
}

function criterion(id: CriterionId, failing: readonly ResourceCheck[], what: (c: ResourceCheck) => Text) {
  if (failing.length === 0) return pass(id);
  const t = listing(failing, what);
  return fail(id, t.zh, t.en);
}

function columnsCriterion(dataset: Dataset, checks: readonly ResourceCheck[]): CriterionResult {
  const loaded = checks.filter((c) => c.labels !== null);
  if (loaded.length === 0) {
    return fail(
      'columns_match',
      '沒有可載入資料庫的資源，無法檢驗欄位',
      'No resource is loaded into the datastore, so columns cannot be checked',
    );
  }
  const failing = loaded
    .map((c) => ({ c, r: checkColumns(dataset.tw.fieldDescriptions, c.labels ?? []) }))
    .filter(({ r }) => !r.ok);
  if (failing.length === 0) return pass('columns_match');
  const t = listing(
    failing.map((f) => f.c),
    (c) => {
      const r = failing.find((f) => f.c === c)?.r;
      if (!r?.parseable)
        return {
          zh: '主要欄位說明無法辨識為欄位清單',
          en: 'field descriptions are not a list of column names',
        };
      return { zh: `缺少欄位 ${r.missing.join('、')}`, en: `missing columns ${r.missing.join(', ')}` };
    },
  );
  return fail('columns_match', t.zh, t.en);
}

function standardCriterion(dataset: Dataset): CriterionResult {
  const url = dataset.extras.conforms_to ?? dataset.extras.conformsTo ?? '';
  return /^https?:\/\/\S+$/.test(url.trim())
    ? pass('follows_standard')
    : fail('follows_standard', '未宣告遵循的資料標準', 'No data standard declared (conforms_to)');
}

/** Turns the per-resource and per-dataset findings into the mark criteria. */
export function evaluateCriteria(
  dataset: Dataset,
  stars: number,
  checks: readonly ResourceCheck[],
  missing: readonly MissingField[],
  freshness: FreshnessCheck,
): CriterionResult[] {
  const links =
    checks.length === 0
      ? fail('links_work', '沒有任何資料資源', 'The dataset has no resources')
      : criterion(
          'links_work',
          checks.filter((c) => !c.link.ok),
          (c) => ({ zh: c.link.message || '無法取得', en: c.link.message || 'not obtainable' }),
        );
  return [
    links,
    missing.length === 0
      ? pass('metadata_complete')
      : fail(
          'metadata_complete',
          `缺少：${missing.map((m) => m.zh).join('、')}`,
          `Missing: ${missing.map((m) => m.en).join(', ')}`,
        ),
    stars >= 3
      ? pass('open_format')
      : fail(
          'open_format',
          `最佳資源為 ${stars} 星`,
          `Best resource has ${stars} star${stars === 1 ? '' : 's'}`,
        ),
    criterion(
      'format_declared_correctly',
      checks.filter((c) => c.formatOk === false),
      (c) => ({
        zh: `宣告 ${c.declaredFormat}，實際為 ${c.sniffedFormat}`,
        en: `declared ${c.declaredFormat}, actually ${c.sniffedFormat}`,
      }),
    ),
    criterion(
      'encoding_declared_correctly',
      checks.filter((c) => c.encodingOk === false),
      (c) => {
        const served = c.servedCharset ? `，伺服器宣告 ${c.servedCharset}` : '';
        const servedEn = c.servedCharset ? `, server says ${c.servedCharset}` : '';
        const actual = c.detectedEncoding ?? '無法辨識';
        return {
          zh: `宣告 ${c.declaredEncoding || '（未填）'}${served}，實際為 ${actual}`,
          en: `declared ${c.declaredEncoding || '(none)'}${servedEn}, actually ${c.detectedEncoding ?? 'undecodable'}`,
        };
      },
    ),
    criterion(
      'content_type_correct',
      checks.filter((c) => c.contentTypeOk === false),
      (c) => ({
        zh: `回應 ${c.link.contentType}，內容為 ${c.sniffedFormat}`,
        en: `served as ${c.link.contentType}, content is ${c.sniffedFormat}`,
      }),
    ),
    columnsCriterion(dataset, checks),
    criterion(
      'record_count_matches',
      checks.filter((c) => c.recordCount?.ok === false),
      (c) => ({
        zh: `宣告 ${c.recordCount?.declared} 筆，實際 ${c.recordCount?.actual} 筆`,
        en: `declared ${c.recordCount?.declared} records, actually ${c.recordCount?.actual}`,
      }),
    ),
    freshness.ok
      ? pass('updated_on_schedule')
      : freshness.frequency === ''
        ? fail('updated_on_schedule', '未宣告有效的更新頻率', 'No valid update frequency declared')
        : fail(
            'updated_on_schedule',
            `最後更新於 ${freshness.lastUpdated.slice(0, 10)}（${freshness.ageDays} 天前），超過 ${freshness.maxAgeDays} 天`,
            `Last updated ${freshness.lastUpdated.slice(0, 10)} (${freshness.ageDays} days ago), more than ${freshness.maxAgeDays} days`,
          ),
    standardCriterion(dataset),
  ];
}
