/* global URLSearchParams */
// guichet's first web UI: log in, file a ticket, follow it, and take the actions its workflow
// allows now. Every value from the server is written with textContent, never as HTML.

import { DASHBOARD_PROFILES, renderDashboard } from './dashboard.js';
import { LIFECYCLE_PROFILES, renderLifecycles } from './lifecycle-editor.js';
import { inertSvg } from './lifecycle-client.js';
import { followTicketChanges } from './live-updates.js';
import { QUEUES, debounced, queueLinks, slaBadgeOf, startCountdown, ticketRow } from './ticket-queue.js';

const STATUS = {
  new: 'Nouveau',
  assigned: 'En cours (attribué)',
  planned: 'En cours (planifié)',
  pending: 'En attente',
  resolved: 'Résolu',
  closed: 'Clos',
};
const LEVEL = { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute', 6: 'Majeure' };
const ACTION = {
  assign: 'Prendre en charge',
  unassign: 'Retirer l’attribution',
  plan: 'Planifier',
  pend: 'Mettre en attente',
  resume: 'Reprendre',
  escalate: 'Escalader au niveau suivant',
  deescalate: 'Rendre au niveau précédent',
  resolve: 'Résoudre',
  accept_solution: 'Accepter la solution',
  refuse_solution: 'Refuser la solution',
  close: 'Clore',
  request_validation: 'Demander une validation',
  validate: 'Valider',
};
const FIELDS = {
  plan: [
    ['start', 'Début', 'datetime-local'],
    ['end', 'Fin', 'datetime-local'],
  ],
  pend: [['reason', 'Motif', 'textarea']],
  escalate: [['reason', 'Motif de l’escalade', 'textarea']],
  deescalate: [['reason', 'Motif du retour', 'textarea']],
  resolve: [['solution', 'Solution', 'textarea']],
  refuse_solution: [['reason', 'Pourquoi la solution ne convient pas', 'textarea']],
  request_validation: [['validator', 'N° du valideur', 'number']],
  validate: [['decision', 'Décision (accepted ou refused)', 'text']],
};

const main = document.getElementById('main');
const flash = document.getElementById('flash');
let session = JSON.parse(sessionStorage.getItem('guichet.session') ?? 'null');

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  if (response.status === 401 && session) logout();
  if (!response.ok) throw new Error(data?.error?.message ?? `Erreur ${response.status}`);
  return data;
}

function show(templateId) {
  main.replaceChildren(document.getElementById(templateId).content.cloneNode(true));
  main.focus();
}

function say(message) {
  flash.textContent = message;
}

function logout() {
  session = null;
  sessionStorage.removeItem('guichet.session');
  location.hash = '#/';
  route();
}

function renderLogin() {
  show('login-view');
  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      session = await api('POST', '/api/v1/auth/login', { login: form.get('login'), password: form.get('password') });
      sessionStorage.setItem('guichet.session', JSON.stringify(session));
      say('');
      route();
    } catch (error) {
      say(error.message);
    }
  });
}

// The list's filters come from the hash (#/tickets?category=3&priority=4): the dashboards link there.
const LIST_FILTERS = { category: 'catégorie', priority: 'priorité', status: 'statut', group: 'groupe', assignee: 'technicien' };

async function listHeading(filters) {
  const named = [];
  for (const [name, label] of Object.entries(LIST_FILTERS)) {
    const value = filters.get(name);
    if (!value) continue;
    const shown = name === 'category' ? (await categoryPaths()).get(Number(value)) : name === 'priority' ? LEVEL[value] : STATUS[value];
    named.push(`${label} : ${shown ?? `n° ${value}`}`);
  }
  return named.length ? `Tickets — ${named.join(', ')}` : 'Tickets';
}

// The list and the ticket page follow the changes made elsewhere: they show within a second.
let stopFollowing = () => {};

const DESK = ['admin', 'technician', 'supervisor'];
const when = (at) => new Date(at).toLocaleString('fr-FR');

async function renderList(filters) {
  const shown = location.hash;
  const asked = new URLSearchParams(filters);
  filters.set('limit', '100');
  const desk = DESK.includes(session.user.profile);
  const [page, heading, counts] = await Promise.all([
    api('GET', `/api/v1/tickets?${filters}`),
    listHeading(filters),
    desk ? api('GET', '/api/v1/tickets/queues') : null,
  ]);
  // Gone elsewhere meanwhile: the newer page is the one to show.
  if (location.hash !== shown) return;
  show('list-view');
  const queue = filters.get('queue');
  main.querySelector('h1').textContent = queue ? `Tickets — ${QUEUES[queue] ?? queue}` : heading;
  const queues = document.getElementById('queues');
  if (counts) queues.replaceChildren(...queueLinks(counts, queue));
  queues.hidden = !counts;
  const search = document.getElementById('search-form');
  search.elements.q.value = filters.get('q') ?? '';
  search.elements.sort.value = filters.get('sort') ?? '-id';
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of ['q', 'sort']) {
      const value = search.elements[name].value.trim();
      if (value && !(name === 'sort' && value === '-id')) asked.set(name, value);
      else asked.delete(name);
    }
    asked.delete('cursor');
    location.hash = `#/tickets?${asked}`;
  });
  const labels = { status: STATUS, level: LEVEL, when };
  const rows = document.getElementById('ticket-rows');
  rows.replaceChildren(...page.items.map((ticket) => ticketRow(ticket, labels)));
  document.getElementById('empty').hidden = page.items.length > 0;
  startCountdown();
  // Keyset paging: the next page continues after the last ticket shown.
  const more = document.getElementById('more');
  let cursor = page.nextCursor;
  more.hidden = !cursor;
  more.addEventListener('click', async () => {
    filters.set('cursor', cursor);
    const next = await api('GET', `/api/v1/tickets?${filters}`);
    rows.append(...next.items.map((ticket) => ticketRow(ticket, labels)));
    cursor = next.nextCursor;
    more.hidden = !cursor;
    startCountdown();
  });
  // While only the first page is shown, changes made elsewhere redraw it in place, the focus kept.
  async function redraw() {
    if (filters.has('cursor') || location.hash !== shown) return;
    filters.delete('cursor');
    const [fresh, freshCounts] = await Promise.all([
      api('GET', `/api/v1/tickets?${filters}`),
      desk ? api('GET', '/api/v1/tickets/queues') : null,
    ]);
    const focused = document.activeElement?.getAttribute('href');
    rows.replaceChildren(...fresh.items.map((ticket) => ticketRow(ticket, labels)));
    if (freshCounts) queues.replaceChildren(...queueLinks(freshCounts, queue));
    document.getElementById('empty').hidden = fresh.items.length > 0;
    if (focused) rows.querySelector(`a[href="${focused}"]`)?.focus();
    startCountdown();
  }
  stopFollowing();
  stopFollowing = followTicketChanges({
    token: () => session.token,
    onReady: () => (rows.dataset.following = 'yes'),
    onChange: debounced(() => redraw().catch(() => undefined)),
  });
}

// The category tree, read once per page load: it changes rarely.
let categories;
async function categoryPaths() {
  categories ??= api('GET', '/api/v1/categories').then(({ items }) => new Map(items.map((c) => [c.id, c.path.fr])));
  return categories;
}

async function renderNew() {
  show('new-view');
  const picker = document.getElementById('category-picker');
  if (picker.options.length === 1) {
    const paths = [...(await categoryPaths()).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
    for (const [id, path] of paths) picker.add(new Option(path, String(id)));
  }
  for (const select of document.querySelectorAll('select.level')) {
    for (let level = 1; level <= 5; level += 1) select.add(new Option(LEVEL[level], String(level), false, level === 3));
  }
  document.getElementById('new-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {
      title: form.get('title'),
      description: form.get('description'),
      type: form.get('type'),
      urgency: Number(form.get('urgency')),
      impact: Number(form.get('impact')),
    };
    if (form.get('category')) body.category = Number(form.get('category'));
    try {
      const ticket = await api('POST', '/api/v1/tickets', body);
      say(`Ticket n° ${ticket.id} créé.`);
      location.hash = `#/tickets/${ticket.id}`;
    } catch (error) {
      say(error.message);
    }
  });
}

// Each lifecycle version a ticket page needs, read once: its actions' own labels and payload fields.
const lifecycleVersions = new Map();
function lifecycleOf({ key, version }) {
  const id = `${key}@${version}`;
  if (!lifecycleVersions.has(id)) {
    lifecycleVersions.set(
      id,
      api('GET', `/api/v1/lifecycles/${encodeURIComponent(key)}/versions/${version}`).catch(() => null),
    );
  }
  return lifecycleVersions.get(id);
}

/** How an action is named and what it asks for: the lifecycle's own label and payload, else the shipped actions' ones here. */
function actionOf(definition, action) {
  const entries = definition?.actions.filter((a) => a.name === action) ?? [];
  const label = entries.find((a) => a.label)?.label.fr ?? ACTION[action] ?? action;
  const declared = (entries[0]?.payload ?? []).map((name) => [name, name, 'text']);
  return { label, fields: FIELDS[action] ?? (ACTION[action] ? [] : declared) };
}

function actionForm(ticketId, action, { label, fields }) {
  const form = document.getElementById('action-form');
  const heading = document.createElement('h2');
  heading.textContent = label;
  const inputs = fields.map(([name, label, type]) => {
    const wrapper = document.createElement('label');
    wrapper.textContent = `${label} `;
    const input = document.createElement(type === 'textarea' ? 'textarea' : 'input');
    input.name = name;
    input.required = true;
    if (type !== 'textarea') input.type = type;
    wrapper.append(input);
    return wrapper;
  });
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = 'Confirmer';
  form.replaceChildren(heading, ...inputs, submit);
  form.dataset.action = action;
  form.hidden = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const payload = {};
    for (const [name, , type] of fields) {
      const value = new FormData(form).get(name);
      payload[name] = type === 'number' ? Number(value) : type === 'datetime-local' ? new Date(value).toISOString() : value;
    }
    await act(ticketId, action, payload, label);
  };
  form.querySelector('input, textarea, button').focus();
}

async function act(ticketId, action, payload, label) {
  try {
    await api('POST', `/api/v1/tickets/${ticketId}/actions/${action}`, payload);
    say(`${label} : fait.`);
  } catch (error) {
    say(error.message);
  }
  await renderTicket(ticketId);
}

function timelineEntry(item, definition) {
  const entry = document.createElement('li');
  const when = new Date(item.at).toLocaleString('fr-FR');
  if (item.type === 'followup') {
    entry.textContent = `${when} — ${item.private ? 'Suivi privé' : 'Suivi'} : ${item.content}`;
  } else if (item.type === 'task') {
    entry.textContent = `${when} — Tâche (${item.state === 'done' ? 'faite' : 'à faire'}) : ${item.content}`;
  } else {
    const detail = item.data.solution ?? item.data.reason ?? '';
    const what = item.action === 'create' ? 'Création' : actionOf(definition, item.action).label;
    const to = definition?.states[item.to]?.label.fr ?? STATUS[item.to] ?? item.to;
    entry.textContent = `${when} — ${what} → ${to}${detail ? ` : ${detail}` : ''}`;
  }
  return entry;
}

// Each lifecycle version's diagram, fetched once as inert SVG text.
const diagrams = new Map();
function diagramOf({ key, version }) {
  const id = `${key}@${version}`;
  if (!diagrams.has(id)) {
    const path = `/api/v1/lifecycles/${encodeURIComponent(key)}/versions/${version}/diagram.svg`;
    const text = fetch(path, { headers: { authorization: `Bearer ${session.token}` } }).then((response) =>
      response.ok ? response.text() : null,
    );
    diagrams.set(
      id,
      text.catch(() => null),
    );
  }
  return diagrams.get(id);
}

/** The ticket's lifecycle drawn with its current state marked, named in the caption and the image's label. */
async function showDiagram(ticket, definition) {
  const figure = document.getElementById('ticket-diagram');
  const text = await diagramOf(ticket.lifecycle);
  const svg = text && inertSvg(text);
  if (!svg || !figure) return;
  const state = definition?.states[ticket.state]?.label.fr ?? STATUS[ticket.status];
  for (const task of svg.querySelectorAll('g.task')) task.classList.toggle('current', task.dataset.state === ticket.state);
  const box = figure.querySelector('.diagram-box');
  box.replaceChildren(svg);
  box.setAttribute('aria-label', `Cycle de vie du ticket, état actuel : ${state}`);
  document.getElementById('ticket-diagram-caption').textContent = `Cycle de vie — état actuel : ${state}`;
  figure.hidden = false;
}

function fillTicket(ticket, timeline, definition, categories) {
  document.getElementById('ticket-title').textContent = `n° ${ticket.id} — ${ticket.title}`;
  document.getElementById('ticket-status').textContent = STATUS[ticket.status];
  document.getElementById('ticket-priority').textContent = LEVEL[ticket.priority];
  document.getElementById('ticket-level').textContent = `N${ticket.level}`;
  document.getElementById('ticket-category').textContent = categories.get(ticket.category) ?? '—';
  const due = ticket.sla?.ttrDue ? ` (le ${when(ticket.sla.ttrDue)})` : '';
  document.getElementById('ticket-sla').replaceChildren(slaBadgeOf(ticket), due);
  startCountdown();
  document.getElementById('ticket-description').textContent = ticket.description;
  const buttons = ticket.actions.map((action) => {
    const described = actionOf(definition, action);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = described.label;
    button.addEventListener('click', () =>
      described.fields.length > 0 ? actionForm(ticket.id, action, described) : act(ticket.id, action, {}, described.label),
    );
    return button;
  });
  document.getElementById('ticket-actions').replaceChildren(...buttons);
  // An action someone else made impossible meanwhile cannot be confirmed any more.
  const form = document.getElementById('action-form');
  if (!form.hidden && !ticket.actions.includes(form.dataset.action)) form.hidden = true;
  document.getElementById('ticket-history').replaceChildren(...timeline.items.map((item) => timelineEntry(item, definition)));
  document.getElementById('followup-form').hidden = ticket.status === 'closed';
  void showDiagram(ticket, definition);
}

async function ticketData(id) {
  const [ticket, timeline, categories] = await Promise.all([
    api('GET', `/api/v1/tickets/${id}`),
    api('GET', `/api/v1/tickets/${id}/timeline`),
    categoryPaths(),
  ]);
  return [ticket, timeline, await lifecycleOf(ticket.lifecycle), categories];
}

// A change made elsewhere: the page is brought up to date in place, what is being typed is kept.
async function refreshTicket(id) {
  const data = await ticketData(id).catch(() => null);
  if (!data || location.hash !== `#/tickets/${id}`) return;
  fillTicket(...data);
  document.getElementById('ticket-live').textContent = `Mis à jour à ${new Date().toLocaleTimeString('fr-FR')}`;
}

// A closed ticket's requester answers the satisfaction survey once; then their answer is shown.
async function offerSurvey(ticket, timeline) {
  if (ticket.status !== 'closed' || ticket.requester !== session.user.id) return;
  const form = document.getElementById('survey-form');
  const answer = document.getElementById('survey-answer');
  const shown = (given) => {
    answer.textContent = `Votre avis : ${given.rating} / 5${given.comment ? ` — « ${given.comment} »` : ''}. Merci !`;
    answer.hidden = false;
    form.hidden = true;
  };
  // The answer is part of the ticket's history, which the page already has.
  const given = timeline.items.find((item) => item.action === 'satisfaction');
  if (given) return shown(given.data);
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const comment = String(fields.get('comment') ?? '').trim();
    try {
      shown(
        await api('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, {
          rating: Number(fields.get('rating')),
          ...(comment && { comment }),
        }),
      );
      say('Merci pour votre avis.');
    } catch (error) {
      say(error.message);
    }
  });
}

// Knowledge-base articles that may answer the ticket, each unfolding to its text.
async function showSuggestions(ticket) {
  if (ticket.status === 'closed') return;
  const { items } = await api('GET', `/api/v1/tickets/${ticket.id}/kb-suggestions`).catch(() => ({ items: [] }));
  const entries = items.map((article) => {
    const summary = document.createElement('summary');
    summary.textContent = article.title;
    const text = document.createElement('p');
    text.textContent = article.content;
    const details = document.createElement('details');
    details.append(summary, text);
    const entry = document.createElement('li');
    entry.append(details);
    return entry;
  });
  document.getElementById('ticket-kb-list').replaceChildren(...entries);
  document.getElementById('ticket-kb').hidden = entries.length === 0;
}

async function renderTicket(id) {
  const shown = location.hash;
  const data = await ticketData(id);
  if (location.hash !== shown) return;
  show('ticket-view');
  fillTicket(...data);
  document.getElementById('private-choice').hidden = !['admin', 'technician', 'supervisor'].includes(session.user.profile);
  const followupForm = document.getElementById('followup-form');
  followupForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(followupForm);
    try {
      await api('POST', `/api/v1/tickets/${id}/followups`, { content: form.get('content'), private: form.get('private') === 'on' });
      say('Suivi ajouté.');
    } catch (error) {
      say(error.message);
    }
    await renderTicket(id);
  });
  await Promise.all([offerSurvey(data[0], data[1]), showSuggestions(data[0])]);
  stopFollowing();
  stopFollowing = followTicketChanges({
    token: () => session.token,
    ticket: id,
    onReady: () => (document.getElementById('ticket-live').dataset.following = 'yes'),
    onChange: () => refreshTicket(id),
  });
}

async function route() {
  stopFollowing();
  const nav = document.getElementById('nav');
  nav.hidden = !session;
  if (!session) return renderLogin();
  document.getElementById('whoami').textContent = `${session.user.name} (${session.user.profile})`;
  const dashboards = DASHBOARD_PROFILES.includes(session.user.profile);
  document.getElementById('dashboards-link').hidden = !dashboards;
  const lifecycles = LIFECYCLE_PROFILES.includes(session.user.profile);
  document.getElementById('lifecycles-link').hidden = !lifecycles;
  const ticket = /^#\/tickets\/(\d+)$/.exec(location.hash);
  const [path, query = ''] = location.hash.split('?');
  try {
    if (ticket) await renderTicket(Number(ticket[1]));
    else if (location.hash === '#/new') await renderNew();
    else if (path === '#/dashboards' && dashboards) await renderDashboard(main, api);
    else if (/^#\/lifecycles(\/|$)/.test(path) && lifecycles)
      await renderLifecycles(main, path, { token: () => session.token, expired: logout }, say);
    else await renderList(new URLSearchParams(query));
  } catch (error) {
    say(error.message);
  }
}

document.getElementById('logout').addEventListener('click', logout);
window.addEventListener('hashchange', route);
route();
