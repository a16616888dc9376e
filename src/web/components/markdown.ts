import { Marked } from 'marked';
import type sanitizeHtml from 'sanitize-html';
import { onFirstUse } from '../../platform/lazy-libraries.ts';
import { raw, type SafeHtml } from '../html.ts';

/** sanitize-html and its parser load on the first description rendered, not at the server's start. */
const sanitizer = onFirstUse<typeof sanitizeHtml>('sanitize-html');
function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  return sanitizer()(html, options);
}

const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
    'del',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['scope'], td: [] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Headings inside a description must not outrank the page's own h2 sections.
  transformTags: {
    h1: 'h3',
    h2: 'h3',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
  },
  allowedClasses: {},
  disallowedTagsMode: 'discard',
};

/** Agency-written Markdown as safe HTML: rendered by marked, then sanitized (no scripts, styles or handlers). */
export function markdown(text: string): SafeHtml {
  const rendered = marked.parse(text.slice(0, 100_000)) as string;
  return raw(
    sanitize(rendered, {
      ...ALLOWED,
      allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] },
    }),
  );
}
