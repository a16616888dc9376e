/** Cleaning helpers for the values catalogue exports hold (lists, dates, counts, packed agency cells). */

/** Splits a multi-valued cell on `;` (or the given separators), trimming and dropping empties. */
export function splitList(value: string, separators: RegExp = /[;；]/): string[] {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A date or timestamp as Taiwan's portals write it ("2015/08/12 16:40:36", "2013/03/18", "2018-04-13 11:11",
 * ROC "107/03/20") as ISO 8601: a bare date stays a date, a time is read as Taiwan time (UTC+8) and
 * returned in UTC. '' when it cannot be read.
 */
export function parseTaiwanDate(value: string): string {
  const m = /^(\d{2,4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(
    value.trim(),
  );
  if (!m) return '';
  let year = Number(m[1]);
  if (m[1] && m[1].length <= 3) year += 1911;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (m[4] === undefined) {
    const check = new Date(`${date}T00:00:00Z`);
    return check.getUTCDate() === day ? date : '';
  }
  const t = new Date(`${date}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}+08:00`);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

/** A non-negative integer from "7,472", "0", " 12 "; null when absent or not a count. */
export function parseCount(value: string): number | null {
  const s = value.replace(/[,\s]/g, '');
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** Splits "380120000J 【社會局】" into agency code and name; other text is all name. */
export function splitAgency(value: string): { code: string; name: string } {
  const m = /^\s*([0-9A-Z]{9,10})\s*[【[(（]?([^】\])）]*)[】\])）]?\s*$/.exec(value);
  if (m?.[1] && m[2] !== undefined) return { code: m[1], name: m[2].trim() };
  return { code: '', name: value.trim() };
}

/** Drops a trailing count: "公共資訊 (921)" -> "公共資訊". */
export const stripCount = (value: string): string => value.replace(/\s*[(（]\d+[)）]\s*$/, '').trim();

/** Undoes the literal "\r\n" and "\t" escapes some exports (Taichung) left inside cells. */
export const unescapeLiteral = (value: string): string =>
  value
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\t/g, ' ')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();

/** A value, or the first of several fallbacks that is non-empty. */
export function firstOf(record: Record<string, string | undefined>, ...keys: string[]): string {
  for (const k of keys) {
    const v = record[k]?.trim();
    if (v) return v;
  }
  return '';
}
