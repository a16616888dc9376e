import { HtmlValidate } from 'html-validate';

/**
 * html-validate's recommended rules, with two adjustments for generated pages: checkbox groups share a
 * name (facets), and trailing spaces left by empty template slots are not a markup error.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
    'no-trailing-whitespace': 'off',
  },
});

/** The validation problems of a document, one line each (empty when valid). */
export async function htmlProblems(body: string): Promise<string[]> {
  const report = await validator.validateString(body);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line}, ${m.selector ?? ''})`),
  );
}
