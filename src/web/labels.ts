import { findLicense } from '../catalog/licenses.ts';
import { categoryGroupName, SERVICE_CATEGORIES } from '../catalog/service-categories.ts';
import type { Group } from '../catalog/types.ts';
import { UPDATE_FREQUENCIES } from '../catalog/update-frequencies.ts';
import type { Locale } from './i18n.ts';

/** The name of a service category (by code "I00") in the page's language. */
export function categoryName(locale: Locale, code: string): string {
  const c = SERVICE_CATEGORIES.find((x) => x.code === code.toUpperCase());
  if (!c) return code;
  return locale === 'en' ? c.en : c.zh;
}

/** A group's title in the page's language (service categories have an English name). */
export function groupTitle(locale: Locale, g: Pick<Group, 'name' | 'title'>): string {
  const c = SERVICE_CATEGORIES.find((x) => categoryGroupName(x.code) === g.name);
  return c ? (locale === 'en' ? c.en : c.zh) : g.title || g.name;
}

/** An update frequency key ("monthly") in the page's language. */
export function frequencyName(locale: Locale, key: string): string {
  const f = (UPDATE_FREQUENCIES as Record<string, { zh: string; en: string }>)[key];
  return f ? (locale === 'en' ? f.en : f.zh) : key;
}

/** A license title by id. */
export function licenseTitle(id: string): string {
  return findLicense(id)?.title ?? id;
}
