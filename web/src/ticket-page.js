/* global URL */
// The ticket page (#/tickets/N): its header with the SLA clocks, the people on it, the actions its
// workflow allows now, knowledge-base suggestions, its lifecycle drawn with the current state
// marked, the timeline, the satisfaction survey and followups, kept up to date as it changes.

import { api, currentSession, fetchBlob, upload } from './api-client.js';
import { follow, say, showContent, text } from './app-shell.js';
import { categoryPaths } from './categories.js';
import { dateTime, timeOfDay } from './dates.js';
import { savedLanguage } from './language.js';
import { h, inertSvg } from './dom.js';
import { entityNames } from './entities.js';
import { markdownBlock } from './markdown.js';
import { templatePicker, ticketFacts } from './response-templates.js';
import { formValues, showFieldErrors } from './forms.js';
import { followTicketChanges } from './live-updates.js';
import { DESK_PROFILES } from './page-profiles.js';
import { pageShown } from './page-shown.js';
import { act, actionForm, actionOf } from './ticket-actions.js';
import { slaBadgeOf, startCountdown } from './ticket-queue.js';
import { ticketView } from './ticket-view.js';
import { assetPicker } from './asset-picker.js';
import { ASSET_LANGUAGES } from './asset-text.js';

// What a ticket page needs of each lifecycle version (its definition, its diagram in each language), fetched once.
const fetched = new Map();
function once(id, load) {
  if (!fetched.has(id))
    fetched.set(
      id,
      load().catch(() => null),
    );
  return fetched.get(id);
}

const versionPath = ({ key, version }) => `/api/v1/lifecycles/${encodeURIComponent(key)}/versions/${version}`;

/** The lifecycle version's definition: its actions' own labels and payload fields, its states' labels. */
const lifecycleOf = (lifecycle) => once(versionPath(lifecycle), () => api('GET', versionPath(lifecycle)));

/** The lifecycle version's diagram in `lang`, as SVG text. */
const diagramOf = (lifecycle, lang) => {
  const path = `${versionPath(lifecycle)}/diagram.svg?lang=${lang}`;
  return once(path, () => api('GET', path, undefined, 'image/svg+xml'));
};

const stateName = (definition, ticket, t, lang) => definition?.states[ticket.state]?.label[lang] ?? t.status[ticket.status];

/** What the timeline says of an event besides its name: a reason, a decision, a rating, the fields changed or a clock. */
function eventDetail(data, t) {
  if (data.reason) return data.reason;
  if (data.decision) return t.fields.decisions[data.decision] ?? data.decision;
  if (data.rating) return `${data.rating} / 5${data.comment ? ` — ${data.comment}` : ''}`;
  if (data.changes)
    return Object.keys(data.changes)
      .map((field) => t.ticketFields[field] ?? field)
      .join(', ');
  return t.clocks[data.clock] ?? '';
}

/** What its author wrote of `item`, in Markdown: a followup, a task, a solution; or null. */
function writtenOf(item) {
  if (item.type === 'followup' || item.type === 'task') return item.content;
  return typeof item.data?.solution === 'string' ? item.data.solution : null;
}

/** What the timeline says of `item`, after its time, besides what its author wrote. */
function timelineText(item, definition, t, lang) {
  if (item.type === 'followup') return item.private ? t.ticket.privateFollowup : t.ticket.followup;
  if (item.type === 'task') return t.ticket.task(item.state === 'done');
  const detail = eventDetail(item.data, t);
  const what = item.action === 'create' ? t.ticket.created : (t.events[item.action] ?? actionOf(definition, item.action, t, lang).label);
  const to = definition?.states[item.to]?.label[lang] ?? t.status[item.to] ?? item.to;
  return detail ? t.colon(`${what} → ${to}`, detail) : `${what} → ${to}`;
}

function timelineEntry(item, definition, t, lang, mail) {
  if (item.type === 'attachment') return attachmentEntry(item.file, t);
  const written = writtenOf(item);
  const what = timelineText(item, definition, t, lang);
  const words = `${dateTime(item.at, t.locale)} — ${written ? t.colon(what, '') : what}`;
  const message = mailOf(item, mail);
  return h(
    'li',
    message ? { class: 'from-email' } : {},
    h('span', { text: message ? `${words} — ${t.ticket.fromEmail}` : words }),
    ...(message ? [' ', originalToggle(message, t)] : []),
    ...(written ? [markdownBlock(written)] : []),
  );
}

/** The e-mail a timeline item came from: the ticket's creation, or a followup. */
function mailOf(item, mail) {
  if (item.type === 'followup') return mail.find((message) => message.followup === item.id);
  if (item.type === 'event' && item.action === 'create') return mail.find((message) => message.outcome === 'ticket');
  return undefined;
}

/** A button that shows the message as the mail server gave it, read as text (never as HTML), and hides it again. */
function originalToggle(message, t) {
  const button = h('button', { type: 'button', text: t.ticket.showOriginal, 'aria-expanded': 'false' });
  const source = h('pre', { class: 'mail-source', hidden: true, 'aria-label': t.ticket.originalOf(message.sender ?? '?') });
  button.addEventListener('click', async () => {
    const open = source.hidden;
    if (open && !source.textContent) {
      try {
        source.textContent = await (await fetchBlob(`/api/v1/mail-messages/${message.id}/source`)).text();
      } catch (error) {
        return say(error.message);
      }
    }
    source.hidden = !open;
    button.textContent = open ? t.ticket.hideOriginal : t.ticket.showOriginal;
    button.setAttribute('aria-expanded', String(open));
  });
  return h('span', {}, button, source);
}

// Pictures are fetched once each with the session's token and shown from their blob: URL.
const pictureUrls = new Map();
const pictureUrlOf = (id) => {
  if (!pictureUrls.has(id))
    pictureUrls.set(
      id,
      fetchBlob(`/api/v1/attachments/${id}/content`).then((blob) => URL.createObjectURL(blob)),
    );
  return pictureUrls.get(id);
};

const PICTURES = /^image\/(png|jpeg|gif|webp|bmp|avif)$/;

/** A file in the timeline: a thumbnail for a picture, a download button for anything else. */
function attachmentEntry(file, t) {
  const words = `${dateTime(file.at, t.locale)} — ${t.colon(t.ticket.attachment, `${file.name} (${t.ticket.size(file.size)})`)}`;
  const entry = h('li', { class: 'attachment' }, h('span', { text: file.source === 'email' ? `${words} — ${t.ticket.fromEmail}` : words }));
  if (PICTURES.test(file.type)) {
    const thumbnail = h('img', { class: 'thumbnail', alt: file.name });
    void pictureUrlOf(file.id).then(
      (url) => (thumbnail.src = url),
      () => undefined,
    );
    entry.append(thumbnail);
  } else {
    const save = h('button', { type: 'button', text: t.ticket.download });
    save.addEventListener('click', async () => {
      const link = h('a', { href: URL.createObjectURL(await fetchBlob(`/api/v1/attachments/${file.id}/content`)), download: file.name });
      link.click();
      URL.revokeObjectURL(link.href);
    });
    entry.append(' ', save);
  }
  return entry;
}

/** The timeline with the ticket's files in it, in time order. */
const withFiles = (items, files) =>
  [...items, ...files.map((file) => ({ type: 'attachment', at: file.at, file }))].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

/** Sends each file to the ticket, saying what was attached or why not, then brings the page up to date (`refresh`). */
async function attachFiles(id, files, t, refresh) {
  for (const file of files) {
    try {
      await upload(`/api/v1/tickets/${id}/attachments`, file);
      say(t.ticket.attached(file.name));
    } catch (error) {
      say(error.message);
    }
  }
  await refresh();
}

/** Files reach the ticket by the file chooser, by dropping them on its zone, or by pasting a screenshot anywhere on the page. */
function takeFiles(id, t, stillShown, refresh) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById('file-input'));
  input.addEventListener('change', () => {
    void attachFiles(id, [...(input.files ?? [])], t, refresh);
    input.value = '';
  });
  const zone = document.getElementById('file-drop');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    void attachFiles(id, [...(event.dataTransfer?.files ?? [])], t, refresh);
  });
  const onPaste = (event) => {
    if (!stillShown()) return document.removeEventListener('paste', onPaste);
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void attachFiles(id, files, t, refresh);
  };
  document.addEventListener('paste', onPaste);
}

/** The ticket's lifecycle drawn with its current state marked, named in the caption and the image's label. */
async function showDiagram(ticket, definition, t, lang) {
  const figure = document.getElementById('ticket-diagram');
  const source = await diagramOf(ticket.lifecycle, lang);
  const svg = source && inertSvg(source);
  if (!svg || !figure) return;
  const state = stateName(definition, ticket, t, lang);
  for (const task of /** @type {NodeListOf<SVGGElement>} */ (svg.querySelectorAll('g.task')))
    task.classList.toggle('current', task.dataset.state === ticket.state);
  const box = figure.querySelector('.diagram-box');
  box.replaceChildren(svg);
  box.setAttribute('aria-label', t.ticket.lifecycleImage(state));
  document.getElementById('ticket-diagram-caption').textContent = t.ticket.lifecycle(state);
  figure.hidden = false;
}

/**
 * The assets the ticket concerns, each a link to its page; the desk changes them with a picker.
 * Drawn again only when they changed, so a search being typed is kept.
 */
async function showAssets(ticket, refresh) {
  const section = document.getElementById('ticket-assets');
  const signature = JSON.stringify(ticket.assets);
  if (!section || section.dataset.shown === signature) return;
  section.dataset.shown = signature;
  const t = ASSET_LANGUAGES[savedLanguage()];
  const { items: assets } = await api('GET', `/api/v1/tickets/${ticket.id}/assets`).catch(() => ({ items: [] }));
  const desk = DESK_PROFILES.includes(currentSession().user.profile) && ticket.status !== 'closed';
  section.hidden = assets.length === 0 && !desk;
  const heading = h('h2', { text: t.concerned });
  if (!desk) {
    const links = assets.map((asset) => h('li', {}, h('a', { href: `#/assets/${asset.id}`, text: asset.name })));
    return section.replaceChildren(heading, h('ul', { id: 'ticket-asset-list' }, ...links));
  }
  const picker = assetPicker(t, assets);
  const form = h('form', { id: 'ticket-assets-form', class: 'asset-form' }, picker.element, h('button', { type: 'submit', text: t.save }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PATCH', `/api/v1/tickets/${ticket.id}`, { assets: picker.ids() });
      showFieldErrors(form, null);
      await refresh();
      say(t.linkSaved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  section.replaceChildren(form);
}

/** Who is on the ticket, by name: requesters, observers, technicians and groups. */
function showPeople(people, t) {
  const names = (list) => (list.length ? list.map((one) => one.name).join(', ') : t.ticket.nobody);
  document.getElementById('people-requesters').textContent = names(people.requesters);
  document.getElementById('people-observers').textContent = names(people.observers);
  document.getElementById('people-technicians').textContent = names(people.technicians);
  document.getElementById('people-groups').textContent = names(people.groups);
}

/** Shows the ticket as `data` has it; `refresh` brings the page up to date in place after an action taken here. */
function fillTicket({ ticket, timeline, files, mail, definition, categories, people }, t, lang, { templates, facts }, refresh) {
  document.getElementById('ticket-title').textContent = t.ticket.heading(ticket.id, ticket.title);
  document.getElementById('ticket-status').textContent = t.status[ticket.status];
  document.getElementById('ticket-priority').textContent = t.levels[ticket.priority];
  document.getElementById('ticket-level').textContent = `N${ticket.level}`;
  document.getElementById('ticket-category').textContent = categories.get(ticket.category) ?? '—';
  const due = ticket.sla?.ttrDue ? t.ticket.dueOn(dateTime(ticket.sla.ttrDue, t.locale)) : '';
  document.getElementById('ticket-sla').replaceChildren(slaBadgeOf(ticket), due);
  document
    .getElementById('ticket-tto')
    .replaceChildren(
      ticket.takenIntoAccountAt
        ? t.ticket.takenOn(dateTime(ticket.takenIntoAccountAt, t.locale), ticket.sla?.ttoBreached)
        : slaBadgeOf(ticket, 'tto'),
    );
  startCountdown(t.sla);
  showPeople(people, t);
  document.getElementById('ticket-description').textContent = ticket.description;
  const buttons = ticket.actions.map((action) => {
    const described = actionOf(definition, action, t, lang);
    const button = h('button', { type: 'button', text: described.label });
    button.addEventListener('click', () => {
      if (described.fields.length === 0) return act(ticket.id, action, {}, described.label, t, refresh);
      actionForm(ticket.id, action, described, t, refresh);
      offerTemplates(document.querySelector('#action-form textarea[name="solution"]'), ofKind(templates, 'solution'), facts, t);
    });
    return button;
  });
  document.getElementById('ticket-actions').replaceChildren(...buttons);
  // An action someone else made impossible meanwhile cannot be confirmed any more.
  const form = document.getElementById('action-form');
  if (!form.hidden && !ticket.actions.includes(form.dataset.action)) form.hidden = true;
  const items = withFiles(timeline.items, files.items);
  document.getElementById('ticket-history').replaceChildren(...items.map((item) => timelineEntry(item, definition, t, lang, mail.items)));
  document.getElementById('followup-form').hidden = ticket.status === 'closed';
  void showDiagram(ticket, definition, t, lang);
  void showAssets(ticket, refresh);
}

const ofKind = (templates, kind) => templates.filter((template) => template.kind === kind);

/** Puts a choice of `templates` before `field` (a followup's or a solution's text), when there are any. */
function offerTemplates(field, templates, facts, t) {
  if (!field || templates.length === 0) return;
  field.closest('label').before(templatePicker(templates, field, facts, t.ticket));
}

/**
 * @typedef {import('../../tickets/ticket.schemas').TicketView} TicketView
 * @typedef {import('../../tickets/ticket.schemas').TicketActorNames} TicketActorNames
 * @typedef {import('../../attachments/attachment.schemas').AttachmentView} AttachmentView
 * @typedef {import('../../mail/mailbox.schemas').CollectedMessage} CollectedMessage
 * @typedef {import('zod').infer<typeof import('../../tickets/ticket.schemas').TicketHistory>} TicketHistory
 */

/** @param {number} id */
async function ticketData(id) {
  const desk = DESK_PROFILES.includes(currentSession().user.profile);
  /** @type {[TicketView & { actions: string[] }, TicketHistory, Map<number, string>, TicketActorNames, { items: AttachmentView[] }, { items: CollectedMessage[] }]} */
  const [ticket, timeline, categories, people, files, mail] = await Promise.all([
    api('GET', `/api/v1/tickets/${id}`),
    api('GET', `/api/v1/tickets/${id}/timeline`),
    categoryPaths(),
    api('GET', `/api/v1/tickets/${id}/actors`),
    api('GET', `/api/v1/tickets/${id}/attachments`),
    // The e-mails behind the ticket are the desk's to read.
    desk ? api('GET', `/api/v1/tickets/${id}/mail`).catch(() => ({ items: [] })) : { items: [] },
  ]);
  return { ticket, timeline, files, mail, definition: await lifecycleOf(ticket.lifecycle), categories, people };
}

/**
 * What the desk writes with on this page, read once: the templates, and the facts their
 * placeholders are filled with, taken from the ticket as last shown (`shown()`).
 */
async function writingAids(shown) {
  if (!DESK_PROFILES.includes(currentSession().user.profile)) return { templates: [], facts: () => ({}) };
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/response-templates'), entityNames()]);
  const facts = () => {
    const { ticket, people, categories } = shown();
    return ticketFacts(ticket, people, { categories, entities, me: currentSession().user.name });
  };
  return { templates: items, facts };
}

// A change made here or elsewhere: the page is brought up to date in place, what is being typed is kept.
async function refreshTicket(id, stillShown, page) {
  const data = await ticketData(id).catch(() => null);
  if (!data || !stillShown()) return;
  const t = text();
  page.data = data;
  fillTicket(data, t, savedLanguage(), page.aids, page.refresh);
  offerSurvey(data, t);
  document.getElementById('ticket-live').textContent = t.ticket.updatedAt(timeOfDay(Date.now(), t.locale));
}

// A closed ticket's requester answers the satisfaction survey once; then their answer is shown.
function offerSurvey({ ticket, timeline }, t) {
  if (ticket.status !== 'closed' || ticket.requester !== currentSession().user.id) return;
  const form = /** @type {HTMLFormElement} */ (document.getElementById('survey-form'));
  const answer = document.getElementById('survey-answer');
  const shown = (given) => {
    answer.textContent = t.ticket.yourAnswer(given.rating, given.comment);
    answer.hidden = false;
    form.hidden = true;
  };
  // The answer is part of the ticket's history, which the page already has.
  const given = timeline.items.find((item) => item.action === 'satisfaction');
  if (given) return shown(given.data);
  form.hidden = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const { rating, comment = '' } = formValues(form);
    try {
      shown(
        await api('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, {
          rating: Number(rating),
          ...(comment.trim() && { comment: comment.trim() }),
        }),
      );
      say(t.ticket.thanks);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  };
}

// Knowledge-base articles that may answer the ticket, each unfolding to its text.
async function showSuggestions(ticket) {
  if (ticket.status === 'closed') return;
  const { items } = await api('GET', `/api/v1/tickets/${ticket.id}/kb-suggestions`).catch(() => ({ items: [] }));
  const entries = items.map((article) =>
    h('li', {}, h('details', {}, h('summary', { text: article.title }), h('p', { text: article.content }))),
  );
  document.getElementById('ticket-kb-list').replaceChildren(...entries);
  document.getElementById('ticket-kb').hidden = entries.length === 0;
}

export async function renderTicket(id) {
  const stillShown = pageShown();
  const page = { data: null, aids: null, refresh: () => refreshTicket(id, stillShown, page) };
  [page.data, page.aids] = await Promise.all([ticketData(id), writingAids(() => page.data)]);
  const { data, aids } = page;
  if (!stillShown()) return;
  const t = text();
  showContent(ticketView(t));
  fillTicket(data, t, savedLanguage(), aids, page.refresh);
  document.getElementById('private-choice').hidden = !DESK_PROFILES.includes(currentSession().user.profile);
  const followupForm = /** @type {HTMLFormElement} */ (document.getElementById('followup-form'));
  followupForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { content, private: privately } = formValues(followupForm);
    try {
      await api('POST', `/api/v1/tickets/${id}/followups`, { content, private: privately === 'on' });
      followupForm.reset();
      await page.refresh();
      say(t.ticket.followupAdded);
    } catch (error) {
      say(error.message);
    }
  });
  offerTemplates(followupForm.elements.namedItem('content'), ofKind(aids.templates, 'followup'), aids.facts, t);
  takeFiles(id, t, stillShown, page.refresh);
  offerSurvey(data, t);
  await showSuggestions(data.ticket);
  follow(
    followTicketChanges({
      ticket: id,
      onReady: () => (document.getElementById('ticket-live').dataset.following = 'yes'),
      onChange: page.refresh,
    }),
  );
}
