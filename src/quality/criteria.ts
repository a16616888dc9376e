/**
 * The quality marks and the criteria each one adds (docs/quality.md explains them to publishers).
 * A dataset holds a mark when it passes every criterion of that mark and of every lower one.
 */
export type Mark = 'none' | 'bronze' | 'silver' | 'gold' | 'platinum';
export type MarkLevel = Exclude<Mark, 'none'>;

export const MARK_ORDER: readonly MarkLevel[] = ['bronze', 'silver', 'gold', 'platinum'];

export type CriterionId =
  | 'links_work'
  | 'metadata_complete'
  | 'open_format'
  | 'format_declared_correctly'
  | 'encoding_declared_correctly'
  | 'content_type_correct'
  | 'columns_match'
  | 'record_count_matches'
  | 'updated_on_schedule'
  | 'follows_standard';

export interface Text {
  zh: string;
  en: string;
}

export interface CriterionInfo {
  id: CriterionId;
  level: MarkLevel;
  title: Text;
  /** How a publisher fixes a failure. */
  fix: Text;
}

const c = (id: CriterionId, level: MarkLevel, title: Text, fix: Text): CriterionInfo => ({
  id,
  level,
  title,
  fix,
});

export const CRITERIA: readonly CriterionInfo[] = [
  c(
    'links_work',
    'bronze',
    { zh: '所有資料連結皆可取得', en: 'Every resource link works' },
    {
      zh: '修正失效的下載連結：確認網址正確、伺服器回應 200、TLS 憑證有效且未逾時；搬移檔案後請更新連結。',
      en: 'Fix broken download links: check the URL, that the server answers 200, that its TLS certificate is valid and it answers in time; update links after moving files.',
    },
  ),
  c(
    'metadata_complete',
    'bronze',
    { zh: '必填詮釋資料完整', en: 'Required metadata present' },
    {
      zh: '補齊政府資料開放平臺必填欄位（見下方缺漏欄位）。',
      en: 'Fill in the data.gov.tw required fields listed as missing.',
    },
  ),
  c(
    'open_format',
    'silver',
    { zh: '提供開放且機器可讀的格式', en: 'Open machine-readable format' },
    {
      zh: '至少提供一種開放格式（CSV、JSON、XML、ODS、GeoJSON），不要只提供 PDF、圖片或 Excel。',
      en: 'Publish at least one open format (CSV, JSON, XML, ODS, GeoJSON), not only PDF, images or Excel.',
    },
  ),
  c(
    'format_declared_correctly',
    'silver',
    { zh: '宣告的檔案格式與實際相符', en: 'Declared format matches the file' },
    {
      zh: '將「檔案格式」改為檔案實際的格式，或改提供所宣告格式的檔案。',
      en: 'Set the resource format to what the file really is, or publish a file in the declared format.',
    },
  ),
  c(
    'encoding_declared_correctly',
    'silver',
    { zh: '宣告的編碼格式與實際相符', en: 'Declared encoding matches the file' },
    {
      zh: '將「編碼格式」改為檔案實際的編碼（建議改以 UTF-8 儲存），伺服器回應的 charset 也須一致。',
      en: 'Set the declared encoding to the file’s real encoding (better: save as UTF-8), and serve the same charset.',
    },
  ),
  c(
    'content_type_correct',
    'silver',
    { zh: '伺服器回應正確的內容類型', en: 'Server sends the right Content-Type' },
    {
      zh: '設定網站伺服器以正確的 Content-Type 提供檔案（例如 CSV 用 text/csv）。',
      en: 'Configure the web server to send the right Content-Type (e.g. text/csv for CSV).',
    },
  ),
  c(
    'columns_match',
    'gold',
    { zh: '欄位與主要欄位說明相符', en: 'Columns match the field descriptions' },
    {
      zh: '讓「主要欄位說明」以「、」分隔列出檔案的欄位名稱，並與檔案標題列一致；資料須能載入資料庫以供檢驗。',
      en: 'List the file’s column names in the field descriptions, separated by 、, exactly as in the header row; the data must load into the datastore to be checked.',
    },
  ),
  c(
    'record_count_matches',
    'gold',
    { zh: '宣告的資料量與實際相符', en: 'Declared record count matches' },
    {
      zh: '將「資料量」更新為檔案實際的資料筆數（不含標題列）。',
      en: 'Update the declared record count to the file’s real number of rows (without the header).',
    },
  ),
  c(
    'updated_on_schedule',
    'gold',
    { zh: '依更新頻率更新', en: 'Updated on schedule' },
    {
      zh: '依宣告的更新頻率上傳新資料，或將更新頻率改為實際的頻率。',
      en: 'Publish new data as often as the declared update frequency says, or correct the frequency.',
    },
  ),
  c(
    'follows_standard',
    'platinum',
    { zh: '遵循公開的資料標準', en: 'Follows a published data standard' },
    {
      zh: '採用已公告的資料標準（例如國發會資料標準），並在資料集的 conforms_to 欄位填入標準網址。',
      en: 'Adopt a published data standard and give its URL in the dataset’s conforms_to field.',
    },
  ),
];

export const criterionInfo = (id: CriterionId): CriterionInfo =>
  CRITERIA.find((x) => x.id === id) as CriterionInfo;

/** One criterion's outcome for one dataset, with what was found (shown beside the fix). */
export interface CriterionResult {
  id: CriterionId;
  ok: boolean;
  detail: Text;
}

/** A failed criterion as presenters show it: what, which mark it blocks, what was found, how to fix. */
export interface FailedCriterion {
  id: CriterionId;
  level: MarkLevel;
  title: Text;
  detail: Text;
  fix: Text;
}

/** The highest mark whose criteria, and all lower marks' criteria, pass. */
export function assignMark(results: readonly CriterionResult[]): Mark {
  const ok = new Map(results.map((r) => [r.id, r.ok]));
  let mark: Mark = 'none';
  for (const level of MARK_ORDER) {
    const needed = CRITERIA.filter((x) => x.level === level);
    if (!needed.every((x) => ok.get(x.id) === true)) break;
    mark = level;
  }
  return mark;
}

/** Failed criteria in mark order, with fix texts. */
export function failedCriteria(results: readonly CriterionResult[]): FailedCriterion[] {
  return CRITERIA.flatMap((info) => {
    const r = results.find((x) => x.id === info.id);
    if (!r || r.ok) return [];
    return [{ id: info.id, level: info.level, title: info.title, detail: r.detail, fix: info.fix }];
  });
}
