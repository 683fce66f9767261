// The mailbox pages (administrators): the list (#/mailboxes), and one mailbox (#/mailboxes/N, or
// #/mailboxes/new) with its settings and rules, a connection test, and its latest collection —
// what each message became and why, with the original of each. The API's refusals are shown
// beside their fields, which are named as the API names them (`imap.port`, `rules.0.then.group`).

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api, fetchBlob } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { MAILBOX_LANGUAGES } from './mailbox-text.js';

/**
 * @typedef {import('../../mail/mailbox.schemas').MailboxView} MailboxView
 * @typedef {import('../../mail/mailbox.schemas').MailboxReport} MailboxReport
 * @typedef {import('../../mail/mailbox.schemas').ConnectionCheck} ConnectionCheck
 * @typedef {import('../../mail/mailbox.schemas').MailRule} MailRule
 */

const words = () => MAILBOX_LANGUAGES[savedLanguage()];

/** What the mailbox forms choose from: entities, categories and groups, by id. */
async function choices() {
  const [entities, categories, groups] = await Promise.all([entityNames(), categoryPaths(), api('GET', '/api/v1/groups')]);
  return {
    entities: [...entities],
    categories: sortedByPath(categories, savedLanguage()),
    groups: groups.items.map((group) => [group.id, `${group.name} (N${group.level})`]),
  };
}

export async function renderMailboxes(path) {
  return routeAdminPage(path, 'mailboxes', { list: renderList, one: renderMailbox });
}

async function renderList() {
  const t = words();
  const [{ items }, { entities }] = await Promise.all([api('GET', '/api/v1/mailboxes'), choices()]);
  const names = new Map(entities);
  const rows = items.map((mailbox) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/mailboxes/${mailbox.id}`, text: mailbox.name })),
      h('td', { text: mailbox.address }),
      h('td', { text: names.get(mailbox.entity) ?? String(mailbox.entity) }),
      h('td', { text: mailbox.enabled ? t.yes : t.no }),
    ),
  );
  showAdminList('mailboxes', t, rows, { button: true });
}

const input = (name, value, extra = {}) => h('input', { name, value: value ?? '', ...extra });
const entries = (record) => Object.entries(record);

/** One rule's row: what it looks at, what it sets; its fields named `rules.<n>.…` as the API names them. */
function ruleRow(rule, index, lists, t, remove) {
  const name = (part) => `rules.${index}.${part}`;
  const removeButton = h('button', { type: 'button', class: 'secondary', text: t.removeRule(index + 1) });
  removeButton.addEventListener('click', remove);
  return h(
    'fieldset',
    { class: 'mail-rule' },
    h('legend', { text: t.rule(index + 1) }),
    h('span', { class: 'rule-part', text: t.when }),
    labelled(t.from, input(name('when.from'), rule.when.from)),
    labelled(t.to, input(name('when.to'), rule.when.to, { type: 'email' })),
    labelled(t.words, input(name('when.words'), (rule.when.words ?? []).join(', '))),
    h('span', { class: 'rule-part', text: t.then }),
    labelled(t.entity, select(name('then.entity'), lists.entities, rule.then.entity, t.unchanged)),
    labelled(t.category, select(name('then.category'), lists.categories, rule.then.category, t.unchanged)),
    labelled(t.group, select(name('then.group'), lists.groups, rule.then.group, t.unchanged)),
    labelled(t.type, select(name('then.type'), entries(t.types), rule.then.type, t.unchanged)),
    labelled(t.urgency, select(name('then.urgency'), entries(t.levels), rule.then.urgency, t.unchanged)),
    removeButton,
  );
}

const valueIn = (scope, name) => /** @type {HTMLInputElement | null} */ (scope.querySelector(`[name="${name}"]`))?.value.trim() ?? '';
const numberOr = (value) => (value === '' ? undefined : Number(value));

/** The rule row `index` describes, as the API takes it. */
function ruleOf(row, index) {
  const at = (part) => valueIn(row, `rules.${index}.${part}`);
  const words = at('when.words')
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  return {
    when: { from: at('when.from') || undefined, to: at('when.to') || undefined, words: words.length ? words : undefined },
    then: {
      entity: numberOr(at('then.entity')),
      category: numberOr(at('then.category')),
      group: numberOr(at('then.group')),
      type: at('then.type') || undefined,
      urgency: numberOr(at('then.urgency')),
    },
  };
}

/** The rules, one row each, redrawn in order when one is added or removed (what was typed is kept). */
function rulesEditor(initial, lists, t) {
  const list = h('div', { class: 'mail-rules' });
  const current = () => [...list.children].map((row, index) => ruleOf(row, index));
  const draw = (rules) =>
    list.replaceChildren(
      ...rules.map((rule, index) => ruleRow(rule, index, lists, t, () => draw(current().filter((_, other) => other !== index)))),
    );
  draw(initial);
  const add = h('button', { type: 'button', class: 'secondary', text: t.addRule });
  add.addEventListener('click', () => {
    draw([...current(), { when: {}, then: {} }]);
    /** @type {HTMLInputElement} */ (list.lastElementChild.querySelector('input')).focus();
  });
  return { list, add, current };
}

/** The form's settings, as the API takes them: every field, the rules in their order. */
function bodyOf(form, rules, creating) {
  const value = (name) => valueIn(form, name);
  const checked = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`)).checked;
  const passwordKind = value('imap.passwordFrom.kind');
  const body = {
    name: value('name'),
    enabled: checked('enabled'),
    imap: {
      host: value('imap.host'),
      port: Number(value('imap.port')),
      secure: checked('imap.secure'),
      user: value('imap.user'),
      passwordFrom: { [passwordKind]: value('imap.passwordFrom') },
    },
    folder: value('folder'),
    afterImport: value('afterImport'),
    moveTo: value('moveTo') || undefined,
    defaults: {
      category: numberOr(value('defaults.category')),
      group: numberOr(value('defaults.group')),
      type: value('defaults.type'),
      urgency: Number(value('defaults.urgency')),
    },
    unknownSenders: value('unknownSenders'),
    strangerReplies: value('strangerReplies'),
    maxPerSenderPerHour: Number(value('maxPerSenderPerHour')),
    ownAddresses: value('ownAddresses')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    rules: rules.current(),
  };
  return creating ? { ...body, address: value('address'), entity: Number(value('entity')) } : body;
}

/** @param {MailboxView | null} mailbox */
function mailboxForm(mailbox, lists, t) {
  const creating = mailbox === null;
  /** @type {Omit<MailboxView, 'id'>} */
  const settings = mailbox ?? {
    name: '',
    address: '',
    entity: lists.entities[0]?.[0],
    enabled: true,
    imap: { host: '', port: 143, secure: false, user: '', passwordFrom: { env: '' } },
    folder: 'INBOX',
    afterImport: 'seen',
    defaults: { type: 'incident', urgency: 3 },
    unknownSenders: 'create',
    strangerReplies: 'private',
    maxPerSenderPerHour: 30,
    ownAddresses: [],
    rules: [],
  };
  const passwordKind = 'env' in settings.imap.passwordFrom ? 'env' : 'file';
  const rules = rulesEditor(settings.rules, lists, t);
  const form = h(
    'form',
    { id: 'mailbox-form', class: 'mailbox-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', { text: t.general }),
      labelled(t.name, input('name', settings.name, { required: true, maxlength: 255 })),
      labelled(t.address, input('address', settings.address, { type: 'email', disabled: !creating })),
      labelled(t.entity, select('entity', lists.entities, settings.entity)),
      h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'enabled', checked: settings.enabled }), ' ', t.enabled),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.server }),
      labelled(t.host, input('imap.host', settings.imap.host)),
      labelled(t.port, input('imap.port', settings.imap.port, { type: 'number', min: 1, max: 65535 })),
      h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'imap.secure', checked: settings.imap.secure }), ' ', t.secure),
      labelled(t.user, input('imap.user', settings.imap.user)),
      labelled(t.passwordFrom, select('imap.passwordFrom.kind', entries(t.passwordKinds), passwordKind)),
      labelled(t.passwordKinds[passwordKind], input('imap.passwordFrom', settings.imap.passwordFrom[passwordKind])),
      h('p', { class: 'hint', text: t.passwordHint }),
      labelled(t.folder, input('folder', settings.folder)),
      labelled(t.afterImport, select('afterImport', entries(t.afterImports), settings.afterImport)),
      labelled(t.moveTo, input('moveTo', settings.moveTo)),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.defaults }),
      labelled(t.category, select('defaults.category', lists.categories, settings.defaults.category, t.unchanged)),
      labelled(t.group, select('defaults.group', lists.groups, settings.defaults.group, t.unchanged)),
      labelled(t.type, select('defaults.type', entries(t.types), settings.defaults.type)),
      labelled(t.urgency, select('defaults.urgency', entries(t.levels), settings.defaults.urgency)),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.senders }),
      labelled(t.unknownSenders, select('unknownSenders', entries(t.unknownSenderChoices), settings.unknownSenders)),
      labelled(t.strangerReplies, select('strangerReplies', entries(t.strangerReplyChoices), settings.strangerReplies)),
      labelled(t.maxPerSenderPerHour, input('maxPerSenderPerHour', settings.maxPerSenderPerHour, { type: 'number', min: 1 })),
      labelled(t.ownAddresses, h('textarea', { name: 'ownAddresses', rows: 2, text: settings.ownAddresses.join('\n') })),
    ),
    h('fieldset', {}, h('legend', { text: t.rules }), rules.list, rules.add),
    h('button', { type: 'submit', text: t.save }),
  );
  return { form, rules };
}

/** @param {number | null} id */
async function renderMailbox(id) {
  const t = words();
  const [mailbox, lists] = await Promise.all([id === null ? null : api('GET', `/api/v1/mailboxes/${id}`), choices()]);
  const { form, rules } = mailboxForm(mailbox, lists, t);
  // The password's label follows the kind of source chosen.
  form.querySelector('[name="imap.passwordFrom.kind"]').addEventListener('change', (event) => {
    const kind = /** @type {HTMLSelectElement} */ (event.target).value;
    form.querySelector('[name="imap.passwordFrom"]').closest('label').querySelector('span').textContent = t.passwordKinds[kind];
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved =
        id === null
          ? await api('POST', '/api/v1/mailboxes', bodyOf(form, rules, true))
          : await api('PATCH', `/api/v1/mailboxes/${id}`, bodyOf(form, rules, false));
      showFieldErrors(form, null);
      if (id === null) {
        location.hash = `#/mailboxes/${saved.id}`;
        say(t.created(saved.name));
      } else say(t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const heading = h('h1', { text: mailbox ? t.editTitle(mailbox.name) : t.newTitle });
  if (!mailbox) return showContent(h('section', { class: 'card', id: 'mailbox' }, heading, form));
  showContent(
    h('section', { class: 'card', id: 'mailbox' }, heading, connectionCheck(mailbox.id, t), form),
    await reportSection(mailbox.id, t),
  );
}

function connectionCheck(id, t) {
  const button = h('button', { type: 'button', text: t.check });
  const outcome = h('p', { id: 'mailbox-check', role: 'status' });
  button.addEventListener('click', async () => {
    outcome.textContent = t.checking;
    try {
      /** @type {ConnectionCheck} */
      const check = await api('POST', `/api/v1/mailboxes/${id}/check`);
      outcome.textContent = check.ok ? t.checked(check.folder, check.messages ?? 0, check.unseen ?? 0) : t.checkFailed(check.error);
      outcome.className = check.ok ? 'ok' : 'error';
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  return h('div', { class: 'actions' }, button, outcome);
}

/** The latest collection: counts by outcome and reason, and the latest messages with what each became. */
async function reportSection(id, t) {
  const section = h('section', { class: 'card', id: 'mailbox-report', 'aria-labelledby': 'mailbox-report-title' });
  const draw = async () => {
    /** @type {MailboxReport} */
    const report = await api('GET', `/api/v1/mailboxes/${id}/report?limit=50`);
    const refresh = h('button', { type: 'button', class: 'secondary', text: t.refresh });
    refresh.addEventListener('click', () => void draw().catch((error) => say(error.message)));
    const original = h('pre', { class: 'mail-source', hidden: true });
    section.replaceChildren(
      h('h2', { id: 'mailbox-report-title', text: t.report }),
      refresh,
      h(
        'dl',
        { class: 'counts', 'aria-label': t.counts },
        ...entries(report.counts).flatMap(([outcome, count]) => [h('dt', { text: t.outcomes[outcome] }), h('dd', { text: String(count) })]),
      ),
      h(
        'ul',
        { 'aria-label': t.reasons },
        ...entries(report.reasons).map(([reason, count]) => h('li', { text: `${t.reasonNames[reason] ?? reason} : ${count}` })),
      ),
      h('h3', { text: t.messages }),
      report.messages.length ? messageTable(report, original, t) : h('p', { text: t.noMessages }),
      original,
    );
  };
  await draw();
  return section;
}

function messageTable(report, original, t) {
  const columns = Object.values(t.messageColumns).map((name) => h('th', { scope: 'col', text: name }));
  const rows = report.messages.map((message) => {
    const became = t.outcomes[message.outcome] + (message.reason ? ` (${t.reasonNames[message.reason] ?? message.reason})` : '');
    const show = h('button', { type: 'button', class: 'secondary', text: t.showOriginal, disabled: message.sourceSize === null });
    show.addEventListener('click', async () => {
      try {
        original.textContent = await (await fetchBlob(`/api/v1/mail-messages/${message.id}/source`)).text();
        original.setAttribute('aria-label', t.originalOf(message.subject ?? ''));
        original.hidden = false;
        original.scrollIntoView({ block: 'nearest' });
      } catch (error) {
        say(error.message);
      }
    });
    return h(
      'tr',
      {},
      h('td', { text: dateTime(message.at, t.locale) }),
      h('td', { text: message.sender ?? '—' }),
      h('td', { text: message.subject ?? '—' }),
      h('td', { text: became }),
      h('td', {}, message.ticket === null ? '—' : h('a', { href: `#/tickets/${message.ticket}`, text: `n° ${message.ticket}` })),
      h('td', {}, show),
    );
  });
  return h('table', { class: 'mail-messages' }, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows));
}
