// The ticket page's parts, in the words `t`, each with the id the page fills it by: its facts, the
// people on it, the actions, suggestions, diagram, timeline, survey and followup forms.

import { h } from './dom.js';
import { labelled } from './forms.js';

/** A list of facts: each `[label, id]` pair names a term and the empty description to fill. */
const facts = (pairs) =>
  h(
    'dl',
    { class: 'facts' },
    pairs.flatMap(([label, id]) => [h('dt', { text: label }), h('dd', { id })]),
  );

/** A checkbox or radio button followed by its words. */
const choice = (input, label, attributes = {}) => h('label', { class: 'inline', ...attributes }, input, ' ', h('span', { text: label }));

function surveyForm(words) {
  const ratings = [1, 2, 3, 4, 5].map((rating) =>
    choice(h('input', { type: 'radio', name: 'rating', value: rating, required: rating === 1 }), words.ratings[rating]),
  );
  return h(
    'form',
    { id: 'survey-form', class: 'card inset', hidden: true },
    h('fieldset', {}, h('legend', { text: words.survey }), ratings),
    labelled(words.comment, h('textarea', { name: 'comment', rows: 2, maxlength: 2000 })),
    h('button', { type: 'submit', text: words.submitSurvey }),
  );
}

function followupForm(words) {
  return h(
    'form',
    { id: 'followup-form', class: 'card inset' },
    labelled(words.addFollowup, h('textarea', { name: 'content', rows: 3, required: true, 'aria-describedby': 'writing-hint' })),
    h('p', { id: 'writing-hint', class: 'hint', text: words.writingHint }),
    choice(h('input', { type: 'checkbox', name: 'private' }), words.privateChoice, { id: 'private-choice', hidden: true }),
    h('button', { type: 'submit', text: words.submitFollowup }),
  );
}

/** The ticket page, empty: the page fills each part by its id. */
export function ticketView(t) {
  const words = t.ticket;
  return h(
    'article',
    { class: 'card' },
    h('h1', { id: 'ticket-title' }),
    h('p', { id: 'ticket-live', class: 'live', role: 'status', 'aria-live': 'polite' }),
    facts([
      [words.status, 'ticket-status'],
      [words.priority, 'ticket-priority'],
      [words.level, 'ticket-level'],
      [words.category, 'ticket-category'],
      [words.ttoDue, 'ticket-tto'],
      [words.slaDue, 'ticket-sla'],
    ]),
    h(
      'section',
      { id: 'ticket-people', 'aria-labelledby': 'ticket-people-title' },
      h('h2', { id: 'ticket-people-title', text: words.actors }),
      facts([
        [words.requesters, 'people-requesters'],
        [words.observers, 'people-observers'],
        [words.technicians, 'people-technicians'],
        [words.groups, 'people-groups'],
      ]),
    ),
    h('p', { id: 'ticket-description' }),
    // The assets it concerns: filled by the page, which knows their words.
    h('section', { id: 'ticket-assets', hidden: true }),
    h('div', { id: 'ticket-actions', class: 'actions' }),
    h('form', { id: 'action-form', class: 'card inset', hidden: true }),
    h(
      'section',
      { id: 'ticket-kb', 'aria-labelledby': 'ticket-kb-title', hidden: true },
      h('h2', { id: 'ticket-kb-title', text: words.kb }),
      h('ul', { id: 'ticket-kb-list', class: 'kb' }),
    ),
    h(
      'figure',
      { id: 'ticket-diagram', class: 'ticket-diagram', hidden: true },
      h('figcaption', { id: 'ticket-diagram-caption' }),
      h('div', { class: 'diagram-box', role: 'img', tabindex: 0 }),
    ),
    h('h2', { text: words.history }),
    h('ol', { id: 'ticket-history', class: 'history' }),
    h(
      'label',
      { id: 'file-drop', class: 'dropzone' },
      h('span', { text: words.attachHint }),
      h('input', { type: 'file', id: 'file-input', multiple: true }),
    ),
    surveyForm(words),
    h('p', { id: 'survey-answer', hidden: true }),
    followupForm(words),
  );
}
