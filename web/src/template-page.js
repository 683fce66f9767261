// The response-template pages (administrators): the list (#/templates), and one template
// (#/templates/N, or #/templates/new) with its kind, name, entity and Markdown text, the
// placeholders it may use listed beside it. The API's refusals are shown beside their fields.

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { TEMPLATE_LANGUAGES } from './template-text.js';
import { PLACEHOLDERS } from '../../templates/placeholders';
import { TEMPLATE_KINDS } from '../../templates/template-kinds';

/** @typedef {import('../../templates/response-template.schemas').ResponseTemplateView} ResponseTemplateView */

const words = () => TEMPLATE_LANGUAGES[savedLanguage()];

export async function renderTemplates(path) {
  return routeAdminPage(path, 'templates', { list: renderList, one: renderTemplate });
}

async function renderList() {
  const t = words();
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/response-templates'), entityNames()]);
  const rows = items.map((template) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/templates/${template.id}`, text: template.name })),
      h('td', { text: t.kinds[template.kind] }),
      h('td', { text: entities.get(template.entity) ?? String(template.entity) }),
    ),
  );
  showAdminList('templates', t, rows);
}

/** @param {ResponseTemplateView | null} template */
function templateForm(template, entities, t) {
  const placeholders = PLACEHOLDERS.map((name) => h('li', {}, h('code', { text: `{{${name}}}` }), ` ${t.placeholderMeaning[name]}`));
  return h(
    'form',
    { id: 'template-form', novalidate: true },
    template
      ? ''
      : labelled(
          t.kind,
          select(
            'kind',
            TEMPLATE_KINDS.map((kind) => [kind, t.kinds[kind]]),
            'followup',
          ),
        ),
    labelled(t.name, h('input', { name: 'name', value: template?.name ?? '', maxlength: 255 })),
    template ? '' : labelled(t.entity, select('entity', entities, entities[0]?.[0])),
    labelled(t.content, h('textarea', { name: 'content', rows: 8, 'aria-describedby': 'placeholders' }, template?.content ?? '')),
    h('div', { id: 'placeholders', class: 'hint' }, h('p', { text: t.placeholders }), h('ul', {}, ...placeholders)),
    h('button', { type: 'submit', text: t.save }),
  );
}

/** @param {number | null} id */
async function renderTemplate(id) {
  const t = words();
  /** @type {[ResponseTemplateView | null, Map<number, string>]} */
  const [template, entities] = await Promise.all([id === null ? null : api('GET', `/api/v1/response-templates/${id}`), entityNames()]);
  const form = templateForm(template, [...entities], t);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${name}"]`))?.value ?? '';
    const body = { name: value('name').trim(), content: value('content') };
    try {
      const saved =
        id === null
          ? await api('POST', '/api/v1/response-templates', { ...body, kind: value('kind'), entity: Number(value('entity')) })
          : await api('PATCH', `/api/v1/response-templates/${id}`, body);
      showFieldErrors(form, null);
      if (id === null) location.hash = `#/templates/${saved.id}`;
      say(id === null ? t.created(saved.name) : t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const section = h(
    'section',
    { class: 'card', id: 'template' },
    h('h1', { text: template ? t.editTitle(template.name) : t.newTitle }),
    form,
  );
  if (template) {
    const remove = h('button', { type: 'button', text: t.remove });
    remove.addEventListener('click', async () => {
      try {
        await api('DELETE', `/api/v1/response-templates/${template.id}`);
        location.hash = '#/templates';
        say(t.removed(template.name));
      } catch (error) {
        say(error.message);
      }
    });
    section.append(remove);
  }
  showContent(section);
}
