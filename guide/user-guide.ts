import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentToHtml, escapeHtml } from '../core/markdown';
import type { Language } from '../core/language';

/** Where the user guide's pages (docs/guide/<language>/<page>.md) and its screenshots are kept. */
export const GUIDE_FOLDER = fileURLToPath(new URL('../docs/guide', import.meta.url));

/** The guide's pages, for whom each is, in the order the index lists them. */
export const GUIDE_PAGES = ['requester', 'technician', 'process-owner', 'manager', 'administrator'] as const;
export type GuidePage = (typeof GUIDE_PAGES)[number] | 'index';

const TITLES: Record<Language, { guide: string; back: string; other: string }> = {
  fr: { guide: 'Guide de guichet', back: 'Retour au guichet', other: 'English' },
  en: { guide: 'guichet user guide', back: 'Back to guichet', other: 'Français' },
};

/** A guide page as HTML, with a way back to the desk and to the same page in the other language; null when there is none. */
export function guidePage(language: Language, page: GuidePage): string | null {
  const file = `${GUIDE_FOLDER}/${language}/${page}.md`;
  if (!existsSync(file)) return null;
  const words = TITLES[language];
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const body = documentToHtml(readFileSync(file, 'utf8'));
  const heading = /<h1>(.*?)<\/h1>/.exec(body)?.[1];
  const title = page === 'index' || !heading ? escapeHtml(words.guide) : `${heading} — ${escapeHtml(words.guide)}`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/guide/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/guide/guide.css">
</head>
<body>
<nav aria-label="${escapeHtml(words.guide)}"><a href="/">${escapeHtml(words.back)}</a> · <a href="/guide/${language}/">${escapeHtml(words.guide)}</a> · <a href="/guide/${other}/${page === 'index' ? '' : page}" lang="${other}">${escapeHtml(words.other)}</a></nav>
<main>
${body}
</main>
</body>
</html>
`;
}
