import { LICENSES } from '../../catalog/licenses.ts';
import { SERVICE_CATEGORIES } from '../../catalog/service-categories.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import { UPDATE_FREQUENCIES } from '../../catalog/update-frequencies.ts';
import type { DatasetFormValues } from '../data/dataset-form-values.ts';
import { csrfField, errorSummary, type FormErrors, selectField, textArea, textField } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface ResourceStatus {
  id: string;
  name: string;
  format: string;
  status: 'done' | 'queued' | 'running' | 'failed' | 'none';
  error: string;
}

export interface DatasetFormData {
  values: DatasetFormValues;
  errors: FormErrors;
  /** Agencies the user may publish for. */
  orgs: Group[];
  /** The dataset being edited, or null for a new one. */
  dataset: Dataset | null;
  resources: ResourceStatus[];
  saved: boolean;
}

function labelsOf(pc: PageContext): Record<string, string> {
  const { t } = pc;
  return {
    title: t('form.title'),
    name: t('form.name'),
    notes: t('form.notes'),
    owner_org: t('form.org'),
    license_id: t('form.license'),
    service_category: t('form.category'),
    update_frequency: t('form.frequency'),
    tags: t('form.tags'),
    field_descriptions: t('form.fields'),
    temporal_start: t('form.temporalStart'),
    temporal_end: t('form.temporalEnd'),
    spatial: t('form.spatial'),
    cost: t('form.cost'),
    fee_url: t('form.feeUrl'),
    legal_basis: t('form.legalBasis'),
    provision_type: t('form.provision'),
    contact_name: t('form.contactName'),
    contact_phone: t('form.contactPhone'),
    contact_email: t('form.contactEmail'),
    related_url: t('form.relatedUrl'),
    remarks: t('form.remarks'),
    private: t('form.visibility'),
  };
}

function resourceSection(pc: PageContext, data: DatasetFormData, base: string): SafeHtml {
  const { t } = pc;
  if (!data.dataset) return html``;
  return html`<section aria-labelledby="res-h">
<h2 id="res-h">${t('dataset.resources')}</h2>
${
  data.resources.length
    ? html`<table><thead><tr><th scope="col">${t('dataset.resName')}</th><th scope="col">${t('dataset.resFormat')}</th><th scope="col">${t('res.status')}</th></tr></thead><tbody>${data.resources.map(
        (r) =>
          html`<tr><td>${r.name}</td><td>${r.format}</td><td data-load-status="${r.status}">${
            r.status === 'done'
              ? t('res.statusActive')
              : r.status === 'queued' || r.status === 'running'
                ? t('resource.loading')
                : t('res.statusPending')
          }${r.error ? html` <span class="field-error">${r.error}</span>` : ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${t('dataset.noResources')}</p>`
}
<h3>${t('res.addTitle')}</h3>
<form class="stacked" action="${base}/resources" method="post" enctype="multipart/form-data">${csrfField(pc)}
${textField({ name: 'res_name', label: t('res.name'), errors: data.errors })}
<div class="field${data.errors.upload ? ' has-error' : ''}"><label for="f-upload">${t('res.file')}</label>
${data.errors.upload ? html`<p class="field-error" id="upload-error">${data.errors.upload.join(' ')}</p>` : ''}
<input id="f-upload" name="upload" type="file"></div>
${textField({ name: 'res_url', label: t('res.url'), type: 'url', errors: data.errors })}
${textField({ name: 'res_format', label: t('res.format'), errors: data.errors })}
${selectField({ name: 'res_encoding', label: t('res.encoding'), value: 'UTF-8', options: ['UTF-8', 'BIG5', 'UTF-16LE'].map((e) => ({ value: e, label: e })) })}
<button type="submit">${t('res.submit')}</button>
</form>
</section>`;
}

/** Create or edit a dataset with every data.gov.tw field; messages next to the fields; resources below. */
export function datasetFormPage(pc: PageContext, data: DatasetFormData): string {
  const { t } = pc;
  const v = data.values;
  const e = data.errors;
  const labels = labelsOf(pc);
  const req = t('form.required');
  const d = data.dataset;
  const title = d ? t('form.editTitle', { title: d.title || d.name }) : t('form.newTitle');
  const base = d ? pc.href(`/datasets/${encodeURIComponent(d.name)}`) : '';
  const action = d ? `${base}/edit` : pc.href('/datasets/new');
  const f = (name: keyof DatasetFormValues, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label: labels[name] ?? name, value: v[name], errors: e, requiredText: req, ...extra });
  const main = html`<h1>${title}</h1>
${data.saved ? html`<p class="notice" role="status">${t('form.saved')} <a href="${base}">${d?.title ?? ''}</a></p>` : ''}
${errorSummary(pc, e, labels)}
<form class="stacked" action="${action}" method="post" novalidate>${csrfField(pc)}
<fieldset class="group"><legend>${t('form.section.basic')}</legend>
${f('title', { required: true })}
${f('name', { required: true, hint: t('form.nameHint') })}
${textArea({ name: 'notes', label: labels.notes ?? '', value: v.notes, hint: t('form.notesHint'), errors: e })}
${selectField({ name: 'owner_org', label: labels.owner_org ?? '', value: v.owner_org, errors: e, required: true, requiredText: req, options: data.orgs.map((o) => ({ value: o.name, label: o.title })) })}
${selectField({ name: 'license_id', label: labels.license_id ?? '', value: v.license_id || 'gov-tw-1.0', errors: e, options: LICENSES.map((l) => ({ value: l.id, label: l.title })) })}
${f('tags', { hint: t('form.tagsHint') })}
<div class="field"><span class="field-label" id="private-label">${labels.private}</span>
<label class="radios"><input type="checkbox" name="private" id="f-private"${v.private === 'on' ? html` checked` : ''}> ${t('form.private')}</label></div>
</fieldset>
<fieldset class="group"><legend>${t('form.section.tw')}</legend>
${selectField({ name: 'service_category', label: labels.service_category ?? '', value: v.service_category, errors: e, options: [{ value: '', label: t('form.choose') }, ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, label: pc.locale === 'en' ? c.en : c.zh }))] })}
${selectField({ name: 'update_frequency', label: labels.update_frequency ?? '', value: v.update_frequency, errors: e, options: [{ value: '', label: t('form.choose') }, ...Object.entries(UPDATE_FREQUENCIES).map(([k, x]) => ({ value: k, label: pc.locale === 'en' ? x.en : x.zh }))] })}
${textArea({ name: 'field_descriptions', label: labels.field_descriptions ?? '', value: v.field_descriptions, errors: e })}
${f('temporal_start', { hint: t('form.dateHint') })}
${f('temporal_end', { hint: t('form.dateHint') })}
${f('spatial')}
${selectField({
  name: 'provision_type',
  label: labels.provision_type ?? '',
  value: v.provision_type,
  errors: e,
  options: [
    { value: '', label: t('form.choose') },
    { value: 'file', label: t('form.provision.file') },
    { value: 'api', label: t('form.provision.api') },
  ],
})}
${selectField({
  name: 'cost',
  label: labels.cost ?? '',
  value: v.cost || 'free',
  errors: e,
  options: [
    { value: 'free', label: t('dataset.costFree') },
    { value: 'paid', label: t('dataset.costPaid') },
  ],
})}
${f('fee_url', { type: 'url' })}
${f('legal_basis')}
${f('related_url', { type: 'url' })}
${textArea({ name: 'remarks', label: labels.remarks ?? '', value: v.remarks, errors: e })}
</fieldset>
<fieldset class="group"><legend>${t('form.section.contact')}</legend>
${f('contact_name', { autocomplete: 'name' })}
${f('contact_phone', { type: 'tel', autocomplete: 'tel' })}
${f('contact_email', { type: 'email', autocomplete: 'email' })}
</fieldset>
<button type="submit">${t('form.save')}</button>
</form>
${resourceSection(pc, data, base)}
${
  d
    ? html`<section aria-labelledby="del-h"><h2 id="del-h">${t('form.delete')}</h2><p>${t('form.deleteConfirm', { title: d.title || d.name })}</p>
<form action="${base}/delete" method="post">${csrfField(pc)}<button type="submit" class="danger">${t('form.deleteSubmit')}</button></form></section>`
    : ''
}`;
  return renderPage(pc, {
    title,
    main,
    noindex: true,
    crumbs: [{ label: t('dash.title'), path: '/dashboard' }, { label: title }],
  });
}
