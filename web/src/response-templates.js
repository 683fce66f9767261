// The followup and solution templates offered on a ticket's page: picking one writes its text,
// its placeholders filled in for this ticket, into the field, after what is typed there already.

import { fillPlaceholders } from '../../templates/placeholders';
import { h } from './dom.js';

/** @typedef {import('../../templates/response-template.schemas').ResponseTemplateView} ResponseTemplateView */

/**
 * What the placeholders say of this ticket, for the person writing.
 *
 * @param {import('../../tickets/ticket.schemas').TicketView} ticket
 * @param {import('../../tickets/ticket.schemas').TicketActorNames} people
 * @param {{ categories: Map<number, string>, entities: Map<number, string>, me: string }} names
 * @returns {Record<import('../../templates/placeholders').Placeholder, string>}
 */
export function ticketFacts(ticket, people, { categories, entities, me }) {
  return {
    'ticket.id': String(ticket.id),
    'ticket.title': ticket.title,
    'requester.name': people.requesters[0]?.name ?? '',
    category: ticket.category === null ? '' : (categories.get(ticket.category) ?? ''),
    entity: entities.get(ticket.entity) ?? '',
    'me.name': me,
  };
}

/**
 * A choice of `templates` beside `field`: the one picked is written into the field, filled with `facts`.
 *
 * @param {ResponseTemplateView[]} templates
 * @param {HTMLTextAreaElement} field
 * @param {() => Record<import('../../templates/placeholders').Placeholder, string>} facts the ticket's, when the template is picked
 */
export function templatePicker(templates, field, facts, words) {
  const picker = h('select', { class: 'template-picker', id: `template-for-${field.name}` }, new Option(words.noTemplate, ''));
  for (const template of templates) picker.add(new Option(template.name, String(template.id)));
  picker.addEventListener('change', () => {
    const chosen = templates.find((template) => String(template.id) === picker.value);
    if (!chosen) return;
    const written = fillPlaceholders(chosen.content, facts());
    field.value = field.value.trim() ? `${field.value.trimEnd()}\n\n${written}` : written;
    picker.value = '';
    field.focus();
  });
  // The label points at the list rather than holds it, so that its name is not read as its choices too.
  return h('span', { class: 'field' }, h('label', { for: picker.id, text: words.template }), ' ', picker);
}
