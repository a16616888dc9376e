import type { FastifyRequest } from 'fastify';
import type { Actor } from '../catalog/actor.ts';
import { type Locale, localePath, splitLocale, type Translate, translator } from './i18n.ts';

/** What every page template needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  /** The current locale-free path with its query string, e.g. `/datasets?q=人口`. */
  path: string;
  /** A locale-free path in the page's language. */
  href(path: string): string;
  actor: Actor;
  /** CSRF token of the signed-in session, for forms. */
  csrfToken: string | null;
  /** Absolute base URL of the portal (canonical links, API examples). */
  baseUrl: string;
  /** Path of an asset with its cache-busting version. */
  asset(name: string): string;
}

const translators: Record<Locale, Translate> = { 'zh-TW': translator('zh-TW'), en: translator('en') };

/** Builds the page context of a request. */
export function pageContext(
  req: FastifyRequest,
  baseUrl: string,
  asset: (name: string) => string,
): PageContext {
  const { locale, path } = splitLocale(req.url);
  return {
    locale,
    t: translators[locale],
    path,
    href: (p) => localePath(locale, p),
    actor: req.actor,
    csrfToken: req.csrfToken,
    baseUrl,
    asset,
  };
}
