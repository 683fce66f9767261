/* global File */
// The new-ticket form (#/new): title, description, type, category, urgency and impact, the assets
// it concerns (#/new?asset=N starts with that one), and files chosen or screenshots pasted; the
// priority follows from urgency and impact on the server. The files are sent once the ticket is filed.

import { api, upload } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { categoryList, categoryPaths, sortedByPath } from './categories.js';
import { h } from './dom.js';
import { formValues, labelled, showFieldErrors } from './forms.js';
import { assetPicker } from './asset-picker.js';
import { ASSET_LANGUAGES } from './asset-text.js';
import { savedLanguage } from './language.js';

/** Urgency or impact: the five levels a requester may give, the middle one chosen. */
function levelPicker(name, t) {
  const levels = [1, 2, 3, 4, 5].map((level) => new Option(t.levels[level], String(level), false, level === 3));
  return h('select', { name, class: 'level' }, levels);
}

/**
 * Shapes the form for a category's ticket template: the description it starts with (unless one
 * is typed), the fields it asks for marked so, the ones it leaves out hidden with their default.
 * Gives the template now applied.
 *
 * @param {HTMLFormElement} form
 * @param {import('../../organisation/ticket-template').TicketTemplate | null} template
 * @param {import('../../organisation/ticket-template').TicketTemplate | null} previous
 */
function applyTemplate(form, template, previous, words) {
  const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  for (const name of /** @type {const} */ (['type', 'urgency', 'impact'])) {
    field(name).closest('label').hidden = template?.hidden.includes(name) ?? false;
    const preset = template?.defaults[name];
    if (preset !== undefined) field(name).value = String(preset);
  }
  for (const name of /** @type {const} */ (['description', 'location'])) {
    const asked = template?.required.includes(name) ?? false;
    field(name).setAttribute('aria-required', String(asked));
    const label = field(name).closest('label').querySelector('span');
    label.textContent = asked ? words.asked(words[name]) : words[name];
  }
  const description = field('description');
  const typed = description.value.trim();
  if (!typed || typed === previous?.description.trim()) description.value = template?.description ?? '';
  return template;
}

/** @param {URLSearchParams} query */
export async function renderNew(query) {
  const t = text();
  const words = t.newTicket;
  const presetId = Number(query.get('asset'));
  const preset = presetId > 0 ? await api('GET', `/api/v1/assets/${presetId}`).catch(() => null) : null;
  const assets = assetPicker(ASSET_LANGUAGES[savedLanguage()], preset ? [preset] : []);
  const picker = h('select', { name: 'category', id: 'category-picker' }, new Option('—', ''));
  const chooser = /** @type {HTMLInputElement} */ (h('input', { type: 'file', name: 'files', multiple: true }));
  /** @type {File[]} */
  const pasted = [];
  const pastedList = h('ul', { class: 'pasted-files' });
  const form = h(
    'form',
    { id: 'new-form', class: 'card narrow' },
    h('h1', { text: words.title }),
    labelled(words.ticketTitle, h('input', { name: 'title', maxlength: 255, required: true })),
    labelled(words.description, h('textarea', { name: 'description', rows: 4 })),
    labelled(words.type, h('select', { name: 'type' }, new Option(words.incident, 'incident'), new Option(words.request, 'request'))),
    labelled(words.category, picker),
    labelled(words.location, h('input', { name: 'location', maxlength: 255 })),
    labelled(words.urgency, levelPicker('urgency', t)),
    labelled(words.impact, levelPicker('impact', t)),
    assets.element,
    labelled(words.files, chooser),
    h('p', { class: 'hint', text: words.filesHint }),
    pastedList,
    h('button', { type: 'submit', text: words.submit }),
  );
  showContent(form);
  form.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) {
      // Screenshots come unnamed ("image.png"): each gets a name of its own.
      const named = new File([file], words.pasted(pasted.length + 1), { type: file.type });
      pasted.push(named);
      pastedList.append(h('li', { text: named.name }));
    }
  });
  for (const [id, path] of sortedByPath(await categoryPaths(), t.locale)) picker.add(new Option(path, String(id)));
  const templates = new Map((await categoryList()).map((category) => [String(category.id), category.ticketTemplate]));
  let applied = null;
  picker.addEventListener('change', () => {
    applied = applyTemplate(form, templates.get(picker.value) ?? null, applied, words);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { title, description, type, urgency, impact, category, location: place } = formValues(form);
    /** @type {import('zod').input<typeof import('../../tickets/ticket.schemas').CreateTicketBody>} */
    const body = {
      title,
      description,
      type: /** @type {'incident' | 'request'} */ (type),
      urgency: Number(urgency),
      impact: Number(impact),
    };
    if (category) body.category = Number(category);
    if (place.trim()) body.location = place.trim();
    if (assets.ids().length > 0) body.assets = assets.ids();
    try {
      const ticket = await api('POST', '/api/v1/tickets', body);
      const refused = [];
      for (const file of [...(chooser.files ?? []), ...pasted]) {
        await upload(`/api/v1/tickets/${ticket.id}/attachments`, file).catch((error) =>
          refused.push(words.notAttached(file.name, error.message)),
        );
      }
      location.hash = `#/tickets/${ticket.id}`;
      say([t.newTicket.created(ticket.id), ...refused].join(' '));
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
}
