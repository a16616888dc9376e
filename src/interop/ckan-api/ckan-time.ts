/**
 * CKAN writes datetimes as naive UTC with microseconds (`2019-05-24T15:52:30.123456`); ODP stores ISO 8601
 * with milliseconds and a `Z`. These convert between the two.
 */

/** ISO 8601 (any offset) -> CKAN's naive UTC with microseconds; null/empty stays null. */
export function ckanTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  return `${t.toISOString().slice(0, 23)}000`;
}

/** A timestamp a client sent (CKAN naive UTC, or ISO with offset) -> ISO 8601 UTC, or null if unreadable. */
export function parseClientTime(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const withTime = trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed;
  // Python microseconds: JavaScript reads at most milliseconds.
  const ms = withTime.replace(/(\.\d{3})\d+/, '$1');
  const t = new Date(hasZone ? ms : `${ms}Z`);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}
