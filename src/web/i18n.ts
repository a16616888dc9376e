/**
 * Languages of the portal: zh-TW at `/`, English under `/en/`. Every text comes from the message catalogs
 * (ICU MessageFormat); formatters are compiled once per locale and key.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './messages/en.ts';
import { type MessageKey, zhTW } from './messages/zh-TW.ts';

export type Locale = 'zh-TW' | 'en';
export type { MessageKey };
export const LOCALES: readonly Locale[] = ['zh-TW', 'en'];

/** Values a message may interpolate. */
export type MessageValues = Record<string, string | number>;
/** Looks up and formats one message of the page's language. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-TW': zhTW, en };
const compiled = new Map<string, IntlMessageFormat>();

function formatter(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    f = new IntlMessageFormat(catalogs[locale][key], locale);
    compiled.set(id, f);
  }
  return f;
}

/** The translate function of a locale. */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    const out = formatter(locale, key).format(values);
    return typeof out === 'string' ? out : String(out);
  };
}

/** Splits a request path into its locale and the locale-free path (`/en/datasets` -> en, `/datasets`). */
export function splitLocale(path: string): { locale: Locale; path: string } {
  if (path === '/en' || path.startsWith('/en/') || path.startsWith('/en?')) {
    const rest = path.slice(3);
    return { locale: 'en', path: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
  }
  return { locale: 'zh-TW', path };
}

/** The path of a locale-free path in a locale (`/datasets` -> `/en/datasets`, `/` -> `/en/`). */
export function localePath(locale: Locale, path: string): string {
  return locale === 'en' ? `/en${path}` : path;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Taipei',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (Taiwan time) of an ISO time as YYYY-MM-DD; date-only strings pass through. */
export function isoDay(iso: string): string {
  if (/^\d{4}(-\d{2}){0,2}$/.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayFormat.format(d);
}

/** The 民國 (ROC era) form of a YYYY[-MM[-DD]] day: 2024-05-01 -> 民國113年5月1日. */
export function rocDate(day: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(day);
  if (!m) return '';
  const year = Number(m[1]) - 1911;
  if (year < 1) return '';
  let out = `民國${year}年`;
  if (m[2]) out += `${Number(m[2])}月`;
  if (m[3]) out += `${Number(m[3])}日`;
  return out;
}

/** A date for display: ISO day, and in zh-TW also the 民國 year ("2024-05-01（民國113年5月1日）"). */
export function displayDate(locale: Locale, iso: string): string {
  const day = isoDay(iso);
  if (locale !== 'zh-TW') return day;
  const roc = rocDate(day);
  return roc ? `${day}（${roc}）` : day;
}

/** A number with the locale's grouping. */
export function displayNumber(locale: Locale, n: number): string {
  return n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-TW');
}

/** A byte size for humans (1.2 MB). */
export function displaySize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
