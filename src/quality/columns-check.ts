/**
 * 主要欄位說明 (main field descriptions) against the columns the datastore actually loaded.
 * Agencies write the description as free text: "縣市、鄉鎮市區、村里", "編號,名稱", "名稱(中文)；地址".
 */

export interface ColumnsCheck {
  /** Field names read from the description. */
  described: string[];
  /** Described fields with no matching column. */
  missing: string[];
  /** Columns the description does not mention (informational: descriptions list the main fields only). */
  undocumented: string[];
  /** False when the description could not be split into field names (prose, empty). */
  parseable: boolean;
  ok: boolean;
}

/** Width-folds (全形 -> ASCII), drops spaces, quotes and case so "ＩＤ 編號" matches "id編號". */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/["'“”‘’「」『』\s\u3000]/g, '');
}

/** Splits a field description into field names; parenthesised notes ("金額(千元)") are dropped. */
export function parseFieldDescriptions(text: string): string[] {
  const names = text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .split(/[、,;|\n\r\t/]+|\s{2,}/)
    .map((s) => s.replace(/^[\s"'“”「」]+|[\s"'“”「」:：.。]+$/g, '').trim())
    .filter((s) => s.length > 0);
  return [...new Set(names)];
}

/** A described field matches a column when one normalised name equals or contains the other. */
function matches(field: string, label: string): boolean {
  const f = normalizeLabel(field);
  const l = normalizeLabel(label);
  return f === l || (f.length >= 2 && l.includes(f)) || (l.length >= 2 && f.includes(l));
}

/**
 * Compares the description with the loaded column labels (TableSchema.columns[].label, over every table
 * of the resource). Passes when every described field has a column.
 */
export function checkColumns(fieldDescriptions: string, labels: readonly string[]): ColumnsCheck {
  const described = parseFieldDescriptions(fieldDescriptions);
  // One long run of text with no separators is prose, not a field list.
  const parseable = described.length > 1 || (described.length === 1 && (described[0]?.length ?? 0) <= 20);
  const missing = described.filter((f) => !labels.some((l) => matches(f, l)));
  const undocumented = labels.filter((l) => !described.some((f) => matches(f, l)));
  return { described, missing, undocumented, parseable, ok: parseable && missing.length === 0 };
}
