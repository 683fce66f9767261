// The category tree (administrators, #/categories): each category with its French and English
// names, renamed in place, moved under another by dragging it there or by choosing where, and a
// form to add one. The API's refusals are shown beside their fields.

import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { ORGANISATION_LANGUAGES } from './organisation-text.js';
import { descendantIds } from '../../core/tree';

/** @typedef {import('../../organisation/category.schemas').CategoryView} CategoryView */

const words = () => ORGANISATION_LANGUAGES[savedLanguage()];

/** Moves category `id` under `parent` (null: to the top), then draws the tree again. */
async function move(category, parent, t) {
  try {
    await api('PATCH', `/api/v1/categories/${category.id}`, { parent });
    say(t.moved(category.name[savedLanguage()]));
  } catch (error) {
    say(error.message);
  }
  await renderCategories();
}

const boxes = (name, fields, chosen, t) =>
  fields.map((field) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name, value: field, checked: chosen.includes(field) }),
      ' ',
      h('span', { text: t.templateFields[field] }),
    ),
  );

/** The category's ticket template: the description the requester's form starts with, what it asks for, what it leaves out and their defaults. */
function templateForm(category, t, levels) {
  const template = category.ticketTemplate ?? { description: '', required: [], hidden: [], defaults: {} };
  const shown = category.name[savedLanguage()];
  const form = h(
    'form',
    { class: 'ticket-template', novalidate: true, 'aria-label': t.template(shown) },
    labelled(t.templateDescription, h('textarea', { name: 'ticketTemplate.description', rows: 3 }, template.description)),
    h(
      'fieldset',
      {},
      h('legend', { text: t.templateRequired }),
      ...boxes('ticketTemplate.required', ['description', 'location'], template.required, t),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.templateHidden }),
      ...boxes('ticketTemplate.hidden', ['type', 'urgency', 'impact'], template.hidden, t),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.templateDefaults }),
      labelled(t.templateFields.type, select('ticketTemplate.defaults.type', Object.entries(t.types), template.defaults.type, t.noDefault)),
      labelled(t.templateFields.urgency, select('ticketTemplate.defaults.urgency', levels, template.defaults.urgency, t.noDefault)),
      labelled(t.templateFields.impact, select('ticketTemplate.defaults.impact', levels, template.defaults.impact, t.noDefault)),
    ),
    h('button', { type: 'submit', text: t.saveTemplate }),
  );
  const remove = h('button', { type: 'button', class: 'secondary', text: t.removeTemplate, hidden: !category.ticketTemplate });
  form.append(' ', remove);
  const send = async (ticketTemplate) => {
    try {
      await api('PATCH', `/api/v1/categories/${category.id}`, { ticketTemplate });
      showFieldErrors(form, null);
      say(t.templateSaved(shown));
      remove.hidden = ticketTemplate === null;
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  };
  remove.addEventListener('click', () => send(null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ticked = (name) =>
      [...form.querySelectorAll(`[name="${name}"]:checked`)].map((box) => /** @type {HTMLInputElement} */ (box).value);
    const chosen = (name) => /** @type {HTMLSelectElement} */ (form.elements.namedItem(name)).value;
    const level = (name) => (chosen(name) ? Number(chosen(name)) : undefined);
    void send({
      description: /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('ticketTemplate.description')).value,
      required: ticked('ticketTemplate.required'),
      hidden: ticked('ticketTemplate.hidden'),
      defaults: {
        ...(chosen('ticketTemplate.defaults.type') && { type: chosen('ticketTemplate.defaults.type') }),
        ...(level('ticketTemplate.defaults.urgency') && { urgency: level('ticketTemplate.defaults.urgency') }),
        ...(level('ticketTemplate.defaults.impact') && { impact: level('ticketTemplate.defaults.impact') }),
      },
    });
  });
  return form;
}

/** One category: its names, a rename form, where it may move, its ticket template, and below it, its children. */
function categoryItem(category, categories, t, levels) {
  const lang = savedLanguage();
  const shown = category.name[lang];
  const below = descendantIds(
    categories.map((c) => ({ id: c.id, parent_id: c.parent })),
    category.id,
  );
  const places = categories.filter((c) => !below.includes(c.id)).map((c) => [c.id, c.path[lang]]);
  const where = select('parent', places, category.parent, t.atTop);
  where.setAttribute('aria-label', t.moveUnder(shown));
  const moveButton = h('button', { type: 'button', class: 'secondary', text: t.move });
  moveButton.addEventListener('click', () => move(category, where.value ? Number(where.value) : null, t));
  const rename = h(
    'form',
    { class: 'rename', novalidate: true, 'aria-label': t.rename(shown), id: `rename-${category.id}` },
    labelled(t.nameFr, h('input', { name: 'name.fr', value: category.name.fr, maxlength: 255, lang: 'fr' })),
    labelled(t.nameEn, h('input', { name: 'name.en', value: category.name.en, maxlength: 255, lang: 'en' })),
    h('button', { type: 'submit', text: t.save }),
  );
  rename.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (rename.elements.namedItem(name)).value.trim();
    try {
      const saved = await api('PATCH', `/api/v1/categories/${category.id}`, { name: { fr: value('name.fr'), en: value('name.en') } });
      showFieldErrors(rename, null);
      say(t.renamed(saved.name[lang]));
    } catch (error) {
      showFieldErrors(rename, error);
      say(error.message);
    }
  });
  const children = categories.filter((c) => c.parent === category.id);
  const item = h(
    'li',
    { draggable: 'true', 'data-category': category.id },
    h(
      'details',
      {},
      h('summary', { text: shown }),
      rename,
      h('span', { class: 'field' }, where, ' ', moveButton),
      templateForm(category, t, levels),
    ),
    children.length ? h('ul', {}, ...children.map((child) => categoryItem(child, categories, t, levels))) : '',
  );
  item.addEventListener('dragstart', (event) => {
    event.stopPropagation();
    event.dataTransfer?.setData('text/plain', String(category.id));
  });
  item.addEventListener('dragover', (event) => event.preventDefault());
  item.addEventListener('drop', (event) => {
    event.preventDefault();
    event.stopPropagation();
    const dragged = categories.find((c) => String(c.id) === event.dataTransfer?.getData('text/plain'));
    if (dragged && dragged.id !== category.id) void move(dragged, category.id, t);
  });
  return item;
}

export async function renderCategories() {
  const t = words();
  const lang = savedLanguage();
  const levels = [1, 2, 3, 4, 5].map((level) => [level, text().levels[level]]);
  /** @type {[{ items: CategoryView[] }, Map<number, string>]} */
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/categories'), entityNames()]);
  const top = h('p', { class: 'drop-top', text: t.dropAtTop });
  top.addEventListener('dragover', (event) => event.preventDefault());
  top.addEventListener('drop', (event) => {
    event.preventDefault();
    const dragged = items.find((c) => String(c.id) === event.dataTransfer?.getData('text/plain'));
    if (dragged) void move(dragged, null, t);
  });
  const add = h(
    'form',
    { id: 'category-add-form', novalidate: true },
    h('h2', { text: t.addCategory }),
    labelled(
      t.parent,
      select(
        'parent',
        items.map((c) => [c.id, c.path[lang]]),
        null,
        t.atTop,
      ),
    ),
    labelled(t.nameFr, h('input', { name: 'name.fr', maxlength: 255, lang: 'fr' })),
    labelled(t.nameEn, h('input', { name: 'name.en', maxlength: 255, lang: 'en' })),
    labelled(t.entity, select('entity', [...entities], [...entities.keys()][0])),
    h('button', { type: 'submit', text: t.addCategory }),
  );
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (add.elements.namedItem(name)).value.trim();
    try {
      const added = await api('POST', '/api/v1/categories', {
        parent: value('parent') ? Number(value('parent')) : null,
        name: { fr: value('name.fr'), en: value('name.en') },
        entity: Number(value('entity')),
      });
      say(t.categoryAdded(added.name[lang]));
      await renderCategories();
    } catch (error) {
      showFieldErrors(add, error);
      say(error.message);
    }
  });
  showContent(
    h(
      'section',
      { class: 'card', id: 'categories' },
      h('h1', { text: t.categoriesTitle }),
      h('p', { class: 'hint', text: t.categoriesHint }),
      top,
      h('ul', { class: 'category-tree' }, ...items.filter((c) => c.parent === null).map((c) => categoryItem(c, items, t, levels))),
      add,
    ),
  );
}
