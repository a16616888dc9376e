import { findLicense } from '../catalog/licenses.ts';
import { findServiceCategory } from '../catalog/service-categories.ts';
import type { Dataset } from '../catalog/types.ts';
import { parseUpdateFrequency } from '../catalog/update-frequencies.ts';
import { formatFromDeclared } from './formats.ts';

/** One required field of the data.gov.tw metadata profile that is missing or invalid. */
export interface MissingField {
  field: string;
  zh: string;
  en: string;
}

const need = (field: string, zh: string, en: string): MissingField => ({ field, zh, en });

/**
 * data.gov.tw's required dataset metadata (資料集詮釋資料必填欄位): 名稱, 描述, 主要欄位說明, 提供機關,
 * 服務分類, 更新頻率, 授權方式, 計費方式, 聯絡人 and a phone or e-mail, and per resource 檔案格式,
 * 下載連結 and, for text formats, 編碼格式.
 */
export function missingMetadata(d: Dataset): MissingField[] {
  const out: MissingField[] = [];
  if (!d.title.trim()) out.push(need('title', '資料集名稱', 'Title'));
  if (!d.notes.trim()) out.push(need('notes', '資料集描述', 'Description'));
  if (!d.tw.fieldDescriptions.trim())
    out.push(need('tw.fieldDescriptions', '主要欄位說明', 'Main field descriptions'));
  if (!d.ownerOrg) out.push(need('ownerOrg', '提供機關', 'Publishing agency'));
  if (!findServiceCategory(d.tw.serviceCategory))
    out.push(need('tw.serviceCategory', '服務分類', 'Service category'));
  if (!parseUpdateFrequency(d.tw.updateFrequency))
    out.push(need('tw.updateFrequency', '更新頻率', 'Update frequency'));
  if (!findLicense(d.licenseId)) out.push(need('licenseId', '授權方式', 'License'));
  if (d.tw.cost.type === 'paid' && !d.tw.cost.feeUrl.trim())
    out.push(need('tw.cost.feeUrl', '計費標準網址', 'Fee URL'));
  if (!d.tw.contactName.trim()) out.push(need('tw.contactName', '聯絡人姓名', 'Contact name'));
  if (!d.tw.contactPhone.trim() && !d.tw.contactEmail.trim()) {
    out.push(need('tw.contactPhone', '聯絡人電話或電子郵件', 'Contact phone or e-mail'));
  }
  const resources = d.resources.filter((r) => r.state === 'active');
  if (resources.length === 0) out.push(need('resources', '資料資源（下載連結）', 'At least one resource'));
  resources.forEach((r, i) => {
    const at = `resources[${i}]`;
    if (!r.url.trim()) out.push(need(`${at}.url`, `資源 ${i + 1} 下載連結`, `Resource ${i + 1} URL`));
    if (!r.format.trim())
      out.push(need(`${at}.format`, `資源 ${i + 1} 檔案格式`, `Resource ${i + 1} format`));
    if (formatFromDeclared(r.format)?.text && !r.encoding.trim()) {
      out.push(need(`${at}.encoding`, `資源 ${i + 1} 編碼格式`, `Resource ${i + 1} encoding`));
    }
  });
  return out;
}
