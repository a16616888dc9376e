/**
 * The one HTML builder of the portal: a tagged template that escapes every interpolated value unless it is
 * already a SafeHtml (built by `html` itself or, for trusted fragments, by `raw`).
 */

/** A string of HTML that is safe to put on a page as is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: text is escaped, SafeHtml kept, arrays joined, null/undefined/false dropped. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Builds HTML, escaping every interpolated value by default. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks a trusted fragment (sanitized Markdown, server-built SVG, JSON-LD) as HTML. Never pass user text. */
export const raw = (trusted: string): SafeHtml => new SafeHtml(trusted);

/** Serializes JSON for a `<script type="application/ld+json">` block: `<` escaped so it cannot close the tag. */
export function jsonScriptBody(value: unknown): SafeHtml {
  return raw(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}
