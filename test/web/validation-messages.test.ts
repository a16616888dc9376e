import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameProblem, validateDatasetInput } from '../../src/catalog/validation.ts';
import { translator } from '../../src/web/i18n.ts';
import { localizeErrors, localizeMessage } from '../../src/web/validation-messages.ts';

const zh = translator('zh-TW');
const en = translator('en');
const CJK = /[\u4e00-\u9fff]/;

/** Every message the catalog's dataset validation can give, provoked by one bad input. */
function everyCatalogMessage(): string[] {
  const errors = validateDatasetInput(
    {
      name: 'Bad Name!',
      title: 'x'.repeat(1001),
      licenseId: 'no-such-licence',
      tags: ['x', 'y'.repeat(101), 'bad tag!'],
      tw: {
        serviceCategory: 'ZZZ',
        updateFrequency: 'sometimes',
        cost: { type: 'paid', feeUrl: '', legalBasis: '' },
        contactEmail: 'not-an-email',
        temporalStart: '2017/01/01',
        provisionType: 'fax' as 'file',
      },
      state: 'gone' as 'active',
      resources: [{ url: 'javascript:alert(1)', size: -1, recordCount: 1.5 }],
    },
    'update',
  );
  const missing = validateDatasetInput({}, 'create');
  const names = ['a', 'n'.repeat(101), 'new'].map((n) => nameProblem(n) ?? '');
  return [...Object.values(errors).flat(), ...Object.values(missing).flat(), ...names];
}

describe('validation messages in the page language', () => {
  test('every message dataset validation gives is translated to Chinese and rewritten in English', () => {
    const messages = everyCatalogMessage();
    assert.ok(messages.length >= 18, `${messages.length} messages`);
    for (const m of messages) {
      const inZh = localizeMessage(zh, m);
      assert.match(inZh, CJK, `untranslated: ${m}`);
      assert.doesNotMatch(localizeMessage(en, m), CJK, m);
    }
  });

  test('the value a message names is kept; unknown messages pass through', () => {
    assert.equal(localizeMessage(zh, 'Email a@b is not a valid format'), '「a@b」不是有效的電子郵件地址。');
    assert.equal(
      localizeMessage(zh, 'Tag "bad tag!" must be alphanumeric characters or symbols: -_.'),
      '標籤「bad tag!」只能使用文字、數字與 - _ . 符號。',
    );
    assert.equal(localizeMessage(zh, 'Something new went wrong'), 'Something new went wrong');
    assert.deepEqual(localizeErrors(en, { name: ['Missing value'], url: ['Please provide a valid URL'] }), {
      name: ['Enter a value.'],
      url: ['Enter a valid web address (http or https).'],
    });
  });
});
