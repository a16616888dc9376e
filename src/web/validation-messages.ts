/**
 * The catalog service speaks CKAN's English validation messages (API clients depend on them). Forms show
 * them in the page's language: each known message maps to a catalog entry (with the value it names); an
 * unknown one is shown as it came.
 */
import type { MessageKey, MessageValues, Translate } from './i18n.ts';

type Rule = [pattern: RegExp, key: MessageKey, names?: string[]];

const RULES: readonly Rule[] = [
  [/^Missing value$/, 'err.missing'],
  [/^Must be at least 2 characters long$/, 'err.nameShort'],
  [/^Name must be a maximum of 100 characters long$/, 'err.nameLong'],
  [/^Must be purely lowercase alphanumeric \(ascii\) characters and these symbols: -_$/, 'err.nameChars'],
  [/^That name cannot be used$/, 'err.nameReserved'],
  [/^That URL is already in use\.$/, 'err.nameTaken'],
  [/^Title must be at most 1000 characters$/, 'err.titleLong'],
  [/^License not found$/, 'err.license'],
  [/^Tag "(.*)" length is less than minimum 2$/, 'err.tagShort', ['tag']],
  [/^Tag "(.*)" length is more than maximum 100$/, 'err.tagLong', ['tag']],
  [/^Tag "(.*)" must be alphanumeric characters or symbols: -_\.$/, 'err.tagChars', ['tag']],
  [/^Email (.*) is not a valid format$/, 'err.email', ['value']],
  [/^Unknown service category: (.*)$/, 'err.category', ['value']],
  [/^Unknown update frequency: (.*)$/, 'err.frequency', ['value']],
  [/^Cost must be free or paid$/, 'err.cost'],
  [/^A paid dataset needs a fee URL or the legal basis for the fee$/, 'err.paid'],
  [/^Use an ISO date: YYYY, YYYY-MM or YYYY-MM-DD$/, 'err.date'],
  [/^Provision type must be file or api$/, 'err.provision'],
  [/^Invalid state$/, 'err.state'],
  [/^Organization does not exist$/, 'err.org'],
  [/^Datasets with no organization can not be private\.$/, 'err.privateNoOrg'],
  [/^Please provide a valid URL$/, 'err.url'],
  [/^Must be a natural number$/, 'err.natural'],
  [/^Role must be admin, editor or member$/, 'err.role'],
  [/^User not found$/, 'err.user'],
];

/** One service message in the page's language (the original text when it is not a known one). */
export function localizeMessage(t: Translate, message: string): string {
  for (const [pattern, key, names = []] of RULES) {
    const m = pattern.exec(message);
    if (!m) continue;
    const values: MessageValues = {};
    names.forEach((n, i) => {
      values[n] = m[i + 1] ?? '';
    });
    return t(key, values);
  }
  return message;
}

/** Every field's messages in the page's language. */
export function localizeErrors(t: Translate, errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [field, messages.map((m) => localizeMessage(t, m))]),
  );
}
