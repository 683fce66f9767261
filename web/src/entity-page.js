// The entity pages (administrators): the entities (#/entities) with whether their priority matrix
// is their own, a form to add one, and one entity (#/entities/N): its name and its matrix, a
// priority per urgency and impact, or its parent's. The API's refusals are shown beside their fields.

import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { h } from './dom.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { ORGANISATION_LANGUAGES } from './organisation-text.js';

/** @typedef {import('../../organisation/entity.schemas').EntityView} EntityView */

const words = () => ORGANISATION_LANGUAGES[savedLanguage()];
const LEVELS = [1, 2, 3, 4, 5];

export async function renderEntities(path) {
  const id = /^#\/entities\/(\d+)$/.exec(path)?.[1];
  return id === undefined ? renderList() : renderOne(Number(id));
}

async function renderList() {
  const t = words();
  /** @type {{ items: EntityView[] }} */
  const { items } = await api('GET', '/api/v1/entities');
  const names = new Map(items.map((entity) => [entity.id, entity.name]));
  const columns = Object.values(t.entityColumns).map((name) => h('th', { scope: 'col', text: name }));
  const rows = items.map((entity) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/entities/${entity.id}`, text: entity.name })),
      h('td', { text: entity.parent === null ? t.top : (names.get(entity.parent) ?? String(entity.parent)) }),
      h('td', { text: entity.inheritsPriorityMatrix ? t.inherited : t.own }),
    ),
  );
  const form = h(
    'form',
    { id: 'entity-add-form', novalidate: true },
    h('h2', { text: t.addEntity }),
    labelled(t.parent, select('parent', [...names], items[0]?.id)),
    labelled(t.name, h('input', { name: 'name', maxlength: 255 })),
    h('button', { type: 'submit', text: t.addEntity }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    try {
      const added = await api('POST', '/api/v1/entities', { parent: Number(value('parent')), name: value('name').trim() });
      say(t.added(added.name));
      await renderList();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  showContent(
    h(
      'section',
      { class: 'card', id: 'entities' },
      h('h1', { text: t.entitiesTitle }),
      h('table', {}, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)),
      form,
    ),
  );
}

/** The matrix as a table of choices, one per urgency and impact, named `priorityMatrix.<u>.<i>` as the API names its cells. */
function matrixTable(matrix, levels, t) {
  const head = h('tr', {}, h('td'), ...LEVELS.map((impact) => h('th', { scope: 'col', text: t.impact(impact) })));
  const rows = LEVELS.map((urgency) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', text: t.urgency(urgency) }),
      ...LEVELS.map((impact) => {
        const cell = select(
          `priorityMatrix.${urgency - 1}.${impact - 1}`,
          LEVELS.map((level) => [level, levels[level]]),
          matrix[urgency - 1][impact - 1],
        );
        cell.setAttribute('aria-label', t.cell(urgency, impact));
        return h('td', {}, cell);
      }),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { id: 'priority-matrix' }, h('caption', { text: t.matrix }), h('thead', {}, head), h('tbody', {}, ...rows)),
  );
}

/** @param {number} id */
async function renderOne(id) {
  const t = words();
  const { levels } = text();
  /** @type {{ items: EntityView[] }} */
  const { items } = await api('GET', '/api/v1/entities');
  const entity = items.find((item) => item.id === id);
  if (!entity) return renderList();
  const own = h('input', { type: 'checkbox', name: 'ownMatrix', checked: !entity.inheritsPriorityMatrix });
  const table = matrixTable(entity.priorityMatrix, levels, t);
  table.hidden = !own.checked;
  own.addEventListener('change', () => (table.hidden = !own.checked));
  const form = h(
    'form',
    { id: 'entity-form', novalidate: true },
    labelled(t.name, h('input', { name: 'name', value: entity.name, maxlength: 255 })),
    h('label', { class: 'inline' }, own, ' ', h('span', { text: t.ownMatrix })),
    table,
    h('button', { type: 'submit', text: t.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const cell = (u, i) => Number(/** @type {HTMLSelectElement} */ (form.elements.namedItem(`priorityMatrix.${u}.${i}`)).value);
    const matrix = own.checked ? [0, 1, 2, 3, 4].map((u) => [0, 1, 2, 3, 4].map((i) => cell(u, i))) : null;
    try {
      const name = /** @type {HTMLInputElement} */ (form.elements.namedItem('name')).value.trim();
      await api('PATCH', `/api/v1/entities/${id}`, { name, priorityMatrix: matrix });
      showFieldErrors(form, null);
      say(t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  showContent(h('section', { class: 'card', id: 'entity' }, h('h1', { text: t.editEntity(entity.name) }), form));
}
