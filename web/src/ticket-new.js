// The new-ticket form (#/new): title, description, type, category, urgency and impact; the
// priority follows from the last two on the server.

import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { h } from './dom.js';
import { formValues, labelled, showFieldErrors } from './forms.js';

/** Urgency or impact: the five levels a requester may give, the middle one chosen. */
function levelPicker(name, t) {
  const levels = [1, 2, 3, 4, 5].map((level) => new Option(t.levels[level], String(level), false, level === 3));
  return h('select', { name, class: 'level' }, levels);
}

export async function renderNew() {
  const t = text();
  const words = t.newTicket;
  const picker = h('select', { name: 'category', id: 'category-picker' }, new Option('—', ''));
  const form = h(
    'form',
    { id: 'new-form', class: 'card narrow' },
    h('h1', { text: words.title }),
    labelled(words.ticketTitle, h('input', { name: 'title', maxlength: 255, required: true })),
    labelled(words.description, h('textarea', { name: 'description', rows: 4 })),
    labelled(words.type, h('select', { name: 'type' }, new Option(words.incident, 'incident'), new Option(words.request, 'request'))),
    labelled(words.category, picker),
    labelled(words.urgency, levelPicker('urgency', t)),
    labelled(words.impact, levelPicker('impact', t)),
    h('button', { type: 'submit', text: words.submit }),
  );
  showContent(form);
  for (const [id, path] of sortedByPath(await categoryPaths(), t.locale)) picker.add(new Option(path, String(id)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { title, description, type, urgency, impact, category } = formValues(form);
    /** @type {import('zod').input<typeof import('../../tickets/ticket.schemas').CreateTicketBody>} */
    const body = {
      title,
      description,
      type: /** @type {'incident' | 'request'} */ (type),
      urgency: Number(urgency),
      impact: Number(impact),
    };
    if (category) body.category = Number(category);
    try {
      const ticket = await api('POST', '/api/v1/tickets', body);
      say(t.newTicket.created(ticket.id));
      location.hash = `#/tickets/${ticket.id}`;
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
}
