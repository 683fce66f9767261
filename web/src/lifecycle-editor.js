// The process owners' lifecycle pages (#/lifecycles…): every lifecycle with its published
// versions, one version with its diagram and drafts, a draft's editor, and the migration of
// running tickets between versions. Server values are written with textContent; diagrams are
// brought in as inert SVG nodes.

import { api } from './api-client.js';
import { savedLanguage } from './language.js';
import { shortDateTime } from './dates.js';
import { h } from './dom.js';
import { renderDraft } from './lifecycle-draft.js';
import { renderMigration } from './lifecycle-migration.js';
import { base, diagramFigure, showPage, versionsOf } from './lifecycle-page.js';
import { pageShown } from './page-shown.js';
import { LIFECYCLE_LANGUAGES } from './lifecycle-text.js';

async function renderList(ctx) {
  const { t, lang } = ctx;
  const { items } = await api('GET', '/api/v1/lifecycles');
  const sections = await Promise.all(
    items.map(async (lifecycle) => {
      const versions = await versionsOf(ctx, lifecycle.key);
      const list = h(
        'ul',
        { class: 'versions' },
        versions.map((v) =>
          h(
            'li',
            {},
            h('a', { href: `#/lifecycles/${lifecycle.key}/versions/${v.version}`, text: t.versionLink(v.version) }),
            h('span', { class: 'facts', text: ` — ${t.versionFacts(shortDateTime(v.publishedAt, t.locale), v.runningTickets)}` }),
          ),
        ),
      );
      return h(
        'section',
        { class: 'lifecycle card inset', 'data-key': lifecycle.key },
        h('h2', { text: lifecycle.label[lang] }),
        versions.length ? list : h('p', { text: t.noVersions }),
        h('p', {}, h('a', { href: `#/lifecycles/${lifecycle.key}/migration`, text: t.migrationLink })),
      );
    }),
  );
  showPage(ctx, t.title, ...sections);
}

async function renderVersion(ctx, key, version) {
  const { t, lang } = ctx;
  const [definition, drafts] = await Promise.all([
    api('GET', `${base(key)}/versions/${version}`),
    api('GET', `${base(key)}/drafts`).then(({ items }) => items),
  ]);
  const create = h('button', { type: 'button', id: 'new-draft', text: t.newDraft });
  create.addEventListener('click', async () => {
    create.disabled = true;
    try {
      const draft = await api('POST', `${base(key)}/drafts?basedOn=${encodeURIComponent(version)}`, definition);
      ctx.say(t.draftCreated(draft.id));
      location.hash = `#/lifecycles/${key}/drafts/${draft.id}`;
    } catch (error) {
      ctx.say(error.message);
      create.disabled = false;
    }
  });
  const draftList = h(
    'ul',
    { id: 'draft-list' },
    drafts.map((d) =>
      h(
        'li',
        {},
        h('a', { href: `#/lifecycles/${key}/drafts/${d.id}`, text: t.draftLink(d.id, d.basedOn, shortDateTime(d.updatedAt, t.locale)) }),
      ),
    ),
  );
  const diagram = diagramFigure(ctx, definition.label[lang]);
  showPage(
    ctx,
    `${definition.label[lang]} — ${t.version(version)}`,
    h(
      'nav',
      { class: 'lifecycle-links' },
      h('a', { href: '#/lifecycles', text: t.backToList }),
      h('a', { href: `#/lifecycles/${key}/migration`, text: t.migrationLink }),
    ),
    h('div', { class: 'actions' }, create),
    h('section', { class: 'drafts' }, h('h2', { text: t.drafts }), drafts.length ? draftList : h('p', { text: t.noDrafts })),
    diagram.figure,
  );
  await diagram.draw(`${base(key)}/versions/${version}/diagram.svg`);
}

/** Shows the lifecycle page `hash` names in `main`; `say` announces a result in the page's status line. */
export async function renderLifecycles(main, hash, say) {
  const lang = savedLanguage();
  const ctx = { main, lang, t: LIFECYCLE_LANGUAGES[lang], say, stillShown: pageShown() };
  ctx.redraw = () => renderLifecycles(main, hash, say).catch((error) => say(error.message));
  const [key, kind, id] = hash.split('/').slice(2).map(decodeURIComponent);
  if (!key) return renderList(ctx);
  if (kind === 'versions' && /^\d+$/.test(id)) return renderVersion(ctx, key, Number(id));
  if (kind === 'drafts' && id) return renderDraft(ctx, key, id);
  if (kind === 'migration') return renderMigration(ctx, key);
  location.hash = '#/lifecycles';
}
