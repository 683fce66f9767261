import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The web UI's words, French and English: a key one language has and the other lacks would show
// `undefined` on a page, or fail there, only once someone reads it in that language.

type Languages = Record<string, Record<string, unknown>>;

/** The module `file` of web/src, which the server's type check does not read. */
const webModule = <Module>(file: string) => import(new URL(`../../web/src/${file}`, import.meta.url).href) as Promise<Module>;
const { APP_LANGUAGES } = await webModule<{ APP_LANGUAGES: Languages }>('app-text.js');
const { LANGUAGES: DASHBOARD_LANGUAGES } = await webModule<{ LANGUAGES: Languages }>('dashboard-text.js');
const { LIFECYCLE_LANGUAGES } = await webModule<{ LIFECYCLE_LANGUAGES: Languages }>('lifecycle-text.js');
const { MAILBOX_LANGUAGES } = await webModule<{ MAILBOX_LANGUAGES: Languages }>('mailbox-text.js');
const { GROUP_LANGUAGES } = await webModule<{ GROUP_LANGUAGES: Languages }>('group-text.js');
const { TEMPLATE_LANGUAGES } = await webModule<{ TEMPLATE_LANGUAGES: Languages }>('template-text.js');
const { RECURRING_LANGUAGES } = await webModule<{ RECURRING_LANGUAGES: Languages }>('recurring-text.js');
const { SLA_LANGUAGES } = await webModule<{ SLA_LANGUAGES: Languages }>('sla-text.js');
const { ORGANISATION_LANGUAGES } = await webModule<{ ORGANISATION_LANGUAGES: Languages }>('organisation-text.js');
const { TOKEN_LANGUAGES } = await webModule<{ TOKEN_LANGUAGES: Languages }>('token-text.js');
const { AUDIT_LANGUAGES } = await webModule<{ AUDIT_LANGUAGES: Languages }>('audit-text.js');
const { USER_LANGUAGES } = await webModule<{ USER_LANGUAGES: Languages }>('user-text.js');
const { CALENDAR_LANGUAGES } = await webModule<{ CALENDAR_LANGUAGES: Languages }>('calendar-text.js');

/** Every key path of `words`, as `ticket.fields.decisions.approved`; a function or a string ends a path. */
function keyPaths(words: unknown, prefix = ''): string[] {
  if (words === null || typeof words !== 'object') return [prefix];
  return Object.entries(words).flatMap(([key, value]) => keyPaths(value, prefix ? `${prefix}.${key}` : key));
}

/** The key paths one of `languages` has and another lacks, each named with the language lacking it. */
function missingKeys(languages: Languages): string[] {
  const paths = Object.fromEntries(Object.entries(languages).map(([code, words]) => [code, new Set(keyPaths(words))]));
  const all = new Set(Object.values(paths).flatMap((set) => [...set]));
  return Object.entries(paths).flatMap(([code, own]) => [...all].filter((path) => !own.has(path)).map((path) => `${code}: ${path}`));
}

describe('the web UI dictionaries', () => {
  it.each([
    ['app-text.js', APP_LANGUAGES],
    ['dashboard-text.js', DASHBOARD_LANGUAGES],
    ['lifecycle-text.js', LIFECYCLE_LANGUAGES],
    ['mailbox-text.js', MAILBOX_LANGUAGES],
    ['group-text.js', GROUP_LANGUAGES],
    ['template-text.js', TEMPLATE_LANGUAGES],
    ['recurring-text.js', RECURRING_LANGUAGES],
    ['sla-text.js', SLA_LANGUAGES],
    ['organisation-text.js', ORGANISATION_LANGUAGES],
    ['token-text.js', TOKEN_LANGUAGES],
    ['audit-text.js', AUDIT_LANGUAGES],
    ['user-text.js', USER_LANGUAGES],
    ['calendar-text.js', CALENDAR_LANGUAGES],
  ])('%s has the same keys in French and English', (_file, languages) => {
    expect(Object.keys(languages).sort()).toEqual(['en', 'fr']);
    expect(missingKeys(languages)).toEqual([]);
  });

  it('has a word in both languages for each data-t and data-t-label of the page', () => {
    const page = readFileSync(new URL('../../web/src/index.html', import.meta.url), 'utf8');
    const named = [...page.matchAll(/data-t(?:-label)?="([^"]+)"/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(0);
    const missing = Object.entries(APP_LANGUAGES).flatMap(([code, words]) =>
      named
        .filter(
          (key) => typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], words) !== 'string',
        )
        .map((key) => `${code}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
