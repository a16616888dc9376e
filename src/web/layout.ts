import { type HtmlValue, html, jsonScriptBody, type SafeHtml } from './html.ts';
import { localePath } from './i18n.ts';
import type { PageContext } from './page-context.ts';

/** One step of the breadcrumb trail (the last one is the current page and has no link). */
export interface Crumb {
  label: string;
  path?: string;
}

/** The parts of a page the shell wraps. */
export interface PageParts {
  title: string;
  main: SafeHtml;
  description?: string;
  crumbs?: Crumb[];
  /** schema.org JSON-LD for the page. */
  jsonLd?: unknown;
  /** Extra elements for <head> (preview styles, feeds). */
  head?: HtmlValue;
  /** Deferred scripts the page enhances itself with (asset names, run in order). */
  scripts?: string[];
  /** Marks the page noindex (forms, errors). */
  noindex?: boolean;
}

const pathOnly = (p: string): string => p.split('?')[0] ?? p;

function header(pc: PageContext): SafeHtml {
  const { t } = pc;
  const other = pc.locale === 'en' ? 'zh-TW' : 'en';
  const signedIn = pc.actor.userId !== null;
  return html`<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="${pc.href('/')}"><span class="brand-mark" aria-hidden="true">ODP</span> ${t('site.name')}</a>
    <nav aria-label="${t('nav.main')}" class="main-nav">
      <ul>
        <li><a href="${pc.href('/datasets')}">${t('nav.datasets')}</a></li>
        <li><a href="${pc.href('/organizations')}">${t('nav.organizations')}</a></li>
        <li><a href="${pc.href('/groups')}">${t('nav.categories')}</a></li>
        <li><a href="${pc.href('/api')}">${t('nav.api')}</a></li>
        ${
          signedIn
            ? html`<li><a href="${pc.href('/dashboard')}">${t('nav.dashboard')}</a></li>`
            : html`<li><a href="${pc.href('/user/login')}">${t('nav.signIn')}</a></li>`
        }
        <li><a class="lang-switch" href="${localePath(other, pc.path)}" hreflang="${other}" lang="${other}">${t('nav.switchTo')}</a></li>
      </ul>
    </nav>
  </div>
</header>`;
}

function breadcrumbs(pc: PageContext, crumbs: Crumb[]): SafeHtml {
  if (!crumbs.length) return html``;
  const all: Crumb[] = [{ label: pc.t('nav.home'), path: '/' }, ...crumbs];
  return html`<nav aria-label="${pc.t('nav.breadcrumb')}" class="breadcrumbs wrap"><ol>${all.map((c, i) =>
    i === all.length - 1 || !c.path
      ? html`<li><span aria-current="page">${c.label}</span></li>`
      : html`<li><a href="${pc.href(c.path)}">${c.label}</a></li>`,
  )}</ol></nav>`;
}

function footer(pc: PageContext): SafeHtml {
  const { t } = pc;
  return html`<footer class="site-footer">
  <div class="wrap">
    <p>${t('footer.license')}</p>
    <ul class="footer-links">
      <li><a href="${pc.href('/scorecards')}">${t('footer.scorecards')}</a></li>
      <li><a href="${pc.href('/api')}">${t('footer.api')}</a></li>
      <li><a href="${pc.href('/about')}">${t('footer.about')}</a></li>
    </ul>
  </div>
</footer>`;
}

/** Renders a whole document: head with canonical/hreflang/OpenGraph, skip link, header, main, footer. */
export function renderPage(pc: PageContext, parts: PageParts): string {
  const { t } = pc;
  const path = pathOnly(pc.path);
  const canonical = pc.baseUrl + localePath(pc.locale, path);
  const title = `${parts.title} | ${t('site.name')}`;
  const description = parts.description ?? t('site.tagline');
  return `<!DOCTYPE html>${
    html`<html lang="${pc.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
${parts.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${canonical}">
<link rel="alternate" hreflang="zh-Hant-TW" href="${pc.baseUrl + localePath('zh-TW', path)}">
<link rel="alternate" hreflang="en" href="${pc.baseUrl + localePath('en', path)}">
<link rel="alternate" hreflang="x-default" href="${pc.baseUrl + path}">
<meta property="og:site_name" content="${t('site.name')}">
<meta property="og:title" content="${parts.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:type" content="website">
<meta property="og:locale" content="${pc.locale === 'en' ? 'en_US' : 'zh_TW'}">
<link rel="stylesheet" href="${pc.asset('site.css')}">
${parts.head ?? ''}
${parts.jsonLd ? html`<script type="application/ld+json">${jsonScriptBody(parts.jsonLd)}</script>` : ''}
${(parts.scripts ?? []).map((s) => html`<script defer src="${pc.asset(s)}"></script>`)}
</head>
<body>
<a class="skip-link" href="#main">${t('skip.toMain')}</a>
${header(pc)}
${breadcrumbs(pc, parts.crumbs ?? [])}
<main id="main" class="wrap" tabindex="-1">
${parts.main}
</main>
${footer(pc)}
</body>
</html>`.value
  }`;
}
