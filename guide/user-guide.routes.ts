import express, { type Router } from 'express';
import { LANGUAGES, type Language } from '../core/language';
import { fileURLToPath } from 'node:url';
import { GUIDE_FOLDER, GUIDE_PAGES, guidePage, type GuidePage } from './user-guide';

const WEB_FAVICON = fileURLToPath(new URL('../web/src/favicon.svg', import.meta.url));

/**
 * The user guide under /guide/: /guide/fr/ and /guide/en/ list the pages, /guide/fr/technician is
 * one page; its screenshots, taken by the browser tests, under /guide/images/.
 */
export function userGuideRouter(): Router {
  const router = express.Router();
  router.use('/images', express.static(`${GUIDE_FOLDER}/images`, { fallthrough: false }));
  router.get('/guide.css', (_req, res) => res.sendFile(`${GUIDE_FOLDER}/guide.css`));
  router.get('/favicon.svg', (_req, res) => res.sendFile(WEB_FAVICON));
  router.get('/', (req, res) => res.redirect(`/guide/${req.acceptsLanguages(...LANGUAGES) || 'fr'}/`));
  router.get('/:language/{:page}', (req, res, next) => {
    const language = req.params.language as Language;
    const page = (req.params.page ?? 'index') as GuidePage;
    const known = LANGUAGES.includes(language) && (page === 'index' || GUIDE_PAGES.includes(page));
    const html = known ? guidePage(language, page) : null;
    if (html === null) return next();
    res.type('html').set('cache-control', 'no-cache').send(html);
  });
  return router;
}
