import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../platform/errors.ts';
import { type HtmlValue, html, type SafeHtml } from './html.ts';
import type { PageContext } from './page-context.ts';

/** Cookie holding the pre-session CSRF token (sign-in form, before a session exists). */
export const LOGIN_CSRF_COOKIE = 'odp_login_csrf';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The hidden CSRF field of a signed-in form. */
export function csrfField(pc: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${pc.csrfToken ?? ''}">`;
}

/** Refuses a form post whose CSRF token is not the session's (400). */
export function checkCsrf(req: FastifyRequest, fields?: Record<string, unknown>): void {
  const body = fields ?? (req.body as Record<string, unknown> | undefined) ?? {};
  const sent = typeof body._csrf === 'string' ? body._csrf : '';
  if (!req.csrfToken || !sent || !same(sent, req.csrfToken))
    throw badRequest('Invalid CSRF token', 'ODP_CSRF');
}

/** Issues the sign-in form's CSRF token as a cookie and returns it for the hidden field. */
export function issueLoginCsrf(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(LOGIN_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  return token;
}

/** Checks the sign-in form's token against its cookie (double submit). */
export function checkLoginCsrf(req: FastifyRequest, sent: string): void {
  const cookie = req.cookies?.[LOGIN_CSRF_COOKIE] ?? '';
  if (!cookie || !sent || !same(cookie, sent)) throw badRequest('Invalid CSRF token', 'ODP_CSRF');
}

/** Field errors keyed by form field name. */
export type FormErrors = Record<string, string[]>;

export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'url' | 'password' | 'tel' | 'date';
  hint?: string;
  required?: boolean;
  errors?: FormErrors;
  autocomplete?: string;
  /** The required marker text, e.g. "(必填)". */
  requiredText?: string;
}

function describedBy(o: { name: string; hint?: string }, errs: string[]): string | null {
  const ids = [o.hint ? `${o.name}-hint` : '', errs.length ? `${o.name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : null;
}

function fieldShell(o: FieldOptions, control: (attrs: SafeHtml) => SafeHtml): SafeHtml {
  const errs = o.errors?.[o.name] ?? [];
  const by = describedBy(o, errs);
  const attrs = html`id="f-${o.name}" name="${o.name}"${o.required ? html` required` : ''}${by ? html` aria-describedby="${by}"` : ''}${errs.length ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${errs.length ? ' has-error' : ''}">
<label for="f-${o.name}">${o.label}${o.required && o.requiredText ? html` <span class="muted">${o.requiredText}</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
${errs.length ? html`<p class="field-error" id="${o.name}-error">${errs.join(' ')}</p>` : ''}
${control(attrs)}
</div>`;
}

/** A labelled text input with its hint and error messages next to it. */
export function textField(o: FieldOptions): SafeHtml {
  return fieldShell(
    o,
    (attrs) =>
      html`<input ${attrs} type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}>`,
  );
}

/** A labelled textarea. */
export function textArea(o: FieldOptions): SafeHtml {
  return fieldShell(o, (attrs) => html`<textarea ${attrs} rows="6">${o.value ?? ''}</textarea>`);
}

/** A labelled select. */
export function selectField(o: FieldOptions & { options: { value: string; label: HtmlValue }[] }): SafeHtml {
  return fieldShell(
    o,
    (attrs) =>
      html`<select ${attrs}>${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === (o.value ?? '') ? html` selected` : ''}>${opt.label}</option>`)}</select>`,
  );
}

/** The error summary at the top of a form, linking to each field (GOV.UK pattern). */
export function errorSummary(pc: PageContext, errors: FormErrors, labels: Record<string, string>): SafeHtml {
  const entries = Object.entries(errors).filter(([, m]) => m.length);
  if (!entries.length) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-h" tabindex="-1">
<h2 id="error-summary-h">${pc.t('form.errorSummary', { count: entries.length })}</h2>
<ul>${entries.map(([k, m]) => html`<li><a href="#f-${k}">${labels[k] ?? k}: ${m.join(' ')}</a></li>`)}</ul>
</div>`;
}
