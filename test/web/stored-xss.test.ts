import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { UserRow } from '../../users/user.models';
import { WEEKDAYS } from '../../sla/business-calendar';
import { LifecycleDefinition } from '../../lifecycles/definition';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ACTION_PAYLOADS } from '../../tickets/ticket.schemas';
import { hashPassword } from '../../users/password';
import { startAgents } from '../support/agent-computers';
import { ARTIFACTS, launchChromium, logInThrough, watchForErrors } from '../support/browser';
import { inGroup, startStack, type Stack, type TestUser } from '../support/stack';

/**
 * Markup that runs code if a page ever reads it as HTML (or as a template, a URL, an attribute):
 * each sets `window.__xss` to its number, or logs a console error the test fails on.
 */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  'javascript:window.__xss=4',
  '</textarea><img src=x onerror="window.__xss=5">',
  "{{constructor.constructor('window.__xss=6')()}}",
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  "' onmouseover='window.__xss=8' autofocus onfocus='window.__xss=8' x='",
  '<a href="javascript:window.__xss=9" id="xss-link">clic</a>',
  ']]><svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=10"/>',
  '</title><img src=x onerror="console.error(\'xss 11\')">',
  '${window.__xss=12}`${window.__xss=12}`',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=13">',
  '<!--><img src=x onerror="window.__xss=14">-->',
  '<details open ontoggle="window.__xss=15">',
  '&lt;img src=x onerror="window.__xss=16"&gt; &amp;',
];
/** What Markdown itself could turn into a script, a handler, a picture or a foreign link, in followups. */
const MARKDOWN_PAYLOADS = [
  '[clic](javascript:window.__xss=20)',
  '[clic](JaVaScRiPt:window.__xss=21)',
  '[clic](&#106;avascript:window.__xss=22)',
  '<javascript:window.__xss=23>',
  '[clic](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MjQ8L3NjcmlwdD4=)',
  '![x](x" onerror="window.__xss=25)',
  '![x](x)',
  '[<img src=x onerror="window.__xss=26">](https://exemple.fr)',
  '[clic](https://exemple.fr "\\" onmouseover=\\"window.__xss=27")',
  '```html\n<script>window.__xss=28</script>\n```',
  '> <details open ontoggle="window.__xss=29">',
  '[clic][x]\n\n[x]: javascript:window.__xss=30',
  '| a | <img src=x onerror="window.__xss=31"> |\n|---|---|\n| [b](vbscript:window.__xss=32) | `c` |',
];
// Followups, tasks and solutions are Markdown: there backticks make code, and entities stand for their characters.
const WRITTEN = ['suivi', 'tâche', 'seconde solution'];
const readAsMarkdown = (text: string, payload: string) => WRITTEN.includes(text) && /[`&]/.test(payload);
let markdownTicket: number;
const KEY = `xss-${randomUUID().slice(0, 8)}`;
const password = `pw-${randomUUID()}`;

let stack: Stack;
let browser: Browser;
let alice: TestUser;
let tech: TestUser & { name: string };
let manager: TestUser;
let owner: TestUser;
let draftId: number;
/** Per payload: the ticket holding it in every field, and the payload category it is filed in. */
const tickets: { id: number; payload: string }[] = [];
let lifecycleTicket: number;
/** Per payload: a mailbox holding it in every free-text setting, and a support group named by it. */
const mailboxes: { id: number; payload: string }[] = [];
const groups: { id: number; payload: string }[] = [];
/** Per payload: a followup template named by it, and holding it when it names no unknown placeholder. */
const templates: { id: number; name: string; content: string }[] = [];
/** Per payload: a paused recurring ticket named by it, filing a ticket holding it. */
const recurring: { id: number; payload: string }[] = [];
/** Per payload: a computer its agent reports of that model, named and placed by it, and a ticket so titled about it. */
const computers: { id: number; payload: string; ticket: number }[] = [];
/** Per payload: a licence named, covering and published by it (then by it and ✎), assigned to its computer. */
const licences: { id: number; payload: string }[] = [];
/** Per payload: a CSV injection mapping named by it (then by it and ✎), reading a column so headed. */
const mappings: { id: number; payload: string }[] = [];
let agents: Awaited<ReturnType<typeof startAgents>>;

/** Where each free-text field of the API's request bodies is written by this test, or why it is not shown. */
const SWEPT: Record<string, string> = {
  'POST /api/v1/tickets title': 'ticket',
  'POST /api/v1/tickets description': 'ticket',
  'POST /api/v1/tickets location': 'ticket',
  'PATCH /api/v1/tickets/:id title': 'ticket',
  'PATCH /api/v1/tickets/:id description': 'ticket',
  'PATCH /api/v1/tickets/:id location': 'ticket',
  'PATCH /api/v1/assets/:id name': 'asset',
  'PATCH /api/v1/assets/:id location': 'asset',
  'POST /api/v1/licences name': 'licence',
  'POST /api/v1/licences software': 'licence',
  'POST /api/v1/licences publisher': 'licence',
  'PATCH /api/v1/licences/:id name': 'licence',
  'PATCH /api/v1/licences/:id software': 'licence',
  'PATCH /api/v1/licences/:id publisher': 'licence',
  'POST /api/v1/injection-mappings name': 'mapping',
  'POST /api/v1/inventory/agent-tokens name': 'agent token',
  'POST /api/v1/injection-mappings columns[].header': 'mapping',
  'PUT /api/v1/injection-mappings/:id name': 'mapping',
  'PUT /api/v1/injection-mappings/:id columns[].header': 'mapping',
  'POST /api/v1/tickets/:id/followups content': 'ticket',
  'POST /api/v1/tickets/:id/tasks content': 'ticket',
  'action pend reason': 'ticket',
  'action escalate reason': 'ticket',
  'action deescalate reason': 'ticket',
  'action resolve solution': 'ticket',
  'action refuse_solution reason': 'ticket',
  'action validate comment': 'ticket',
  'POST /api/v1/tickets/:id/satisfaction comment': 'ticket',
  'POST /api/v1/kb/articles title': 'article',
  'POST /api/v1/kb/articles content': 'article',
  'POST /api/v1/categories name.fr': 'category',
  'POST /api/v1/categories name.en': 'category',
  'POST /api/v1/entities name': 'entity',
  'PATCH /api/v1/entities/:id name': 'entity',
  'PATCH /api/v1/categories/:id name.fr': 'category',
  'PATCH /api/v1/categories/:id name.en': 'category',
  'PATCH /api/v1/categories/:id ticketTemplate.description': 'category',
  'POST /api/v1/calendars name': 'calendar',
  'PATCH /api/v1/calendars/:id name': 'calendar',
  'POST /api/v1/slas name': 'sla',
  'PATCH /api/v1/slas/:id name': 'sla',
  'POST /api/v1/api-tokens name': 'api token',
  'POST /api/v1/groups name': 'group',
  'PATCH /api/v1/groups/:id name': 'group',
  'POST /api/v1/response-templates name': 'template',
  'POST /api/v1/recurring-tickets name': 'recurring ticket',
  'POST /api/v1/recurring-tickets ticket.title': 'recurring ticket',
  'POST /api/v1/recurring-tickets ticket.description': 'recurring ticket',
  'POST /api/v1/recurring-tickets ticket.location': 'recurring ticket',
  'PATCH /api/v1/recurring-tickets/:id name': 'recurring ticket',
  'PATCH /api/v1/recurring-tickets/:id ticket.title': 'recurring ticket',
  'PATCH /api/v1/recurring-tickets/:id ticket.description': 'recurring ticket',
  'PATCH /api/v1/recurring-tickets/:id ticket.location': 'recurring ticket',
  'POST /api/v1/response-templates content': 'template',
  'PATCH /api/v1/response-templates/:id name': 'template',
  'PATCH /api/v1/response-templates/:id content': 'template',
  'lifecycle label.fr': 'lifecycle',
  'lifecycle label.en': 'lifecycle',
  'lifecycle states.*.label.fr': 'lifecycle',
  'lifecycle states.*.label.en': 'lifecycle',
  'lifecycle actions[].label.fr': 'lifecycle',
  'lifecycle actions[].label.en': 'lifecycle',
  'lifecycle states.*.entry[].message.fr': 'lifecycle',
  'lifecycle states.*.entry[].message.en': 'lifecycle',
};
const NOT_STORED: Record<string, string> = {
  'POST /api/v1/auth/login login': 'checked against the accounts, never stored',
  'POST /api/v1/auth/login password': 'checked against the accounts, never stored',
  'POST /api/v1/calendars timezone': 'an IANA zone name, refused otherwise',
  'PATCH /api/v1/calendars/:id timezone': 'an IANA zone name, refused otherwise',
  'POST /api/v1/recurring-tickets timezone': 'an IANA zone name, refused otherwise',
  'PATCH /api/v1/recurring-tickets/:id timezone': 'an IANA zone name, refused otherwise',
  'lifecycle initial': 'a state name, checked by the verifier',
  'lifecycle states.*.timers[].after': 'an ISO 8601 duration, refused otherwise',
  'lifecycle states.*.timers[].action': 'an action name, checked by the verifier',
  'lifecycle actions[].from[]': 'state names, checked by the verifier',
  'lifecycle actions[].to': 'a state name, checked by the verifier',
  'lifecycle actions[].payload[]': 'swept too: the custom action asks for a payload field named by a payload',
  'lifecycle actions[].when[].value': "a value compared with a ticket field's own values",
  'POST /api/v1/glpi-imports/database url': "refused unless GLPI's database answers there; kept (without its password) only then",
  'POST /api/v1/glpi-imports/database filesDir': 'a folder on the server, refused unless it exists, never stored',
  'POST /api/v1/glpi-imports/export map': 'column=Header lines the import reads its file by, never stored',
  'POST /api/v1/injection-mappings columns[].field': "a field of the mapping's target, refused otherwise",
  'POST /api/v1/injection-mappings identify[]': "a field of the mapping's target, refused otherwise",
  'PUT /api/v1/injection-mappings/:id columns[].field': "a field of the mapping's target, refused otherwise",
  'PUT /api/v1/injection-mappings/:id identify[]': "a field of the mapping's target, refused otherwise",
  'POST /api/v1/licences software':
    'stored, shown by no screen yet (and in a plain-text e-mail): the licence screens are swept when they come',
  'PATCH /api/v1/licences/:id name':
    'stored, shown by no screen yet (and in a plain-text e-mail): the licence screens are swept when they come',
  'PATCH /api/v1/licences/:id software':
    'stored, shown by no screen yet (and in a plain-text e-mail): the licence screens are swept when they come',
};

/** A mailbox's settings, each written with a payload (the page shows them as its form's values), or refused unless it is what it says. */
const MAILBOX_ROUTES = ['POST /api/v1/mailboxes', 'PATCH /api/v1/mailboxes/:id'];
const MAILBOX_SWEPT = [
  'name',
  'imap.host',
  'imap.user',
  'imap.passwordFrom.file',
  'folder',
  'moveTo',
  'rules[].when.from',
  'rules[].when.words[]',
];
const MAILBOX_CHECKED: Record<string, string> = {
  address: 'an e-mail address, refused otherwise',
  'ownAddresses[]': 'e-mail addresses, refused otherwise',
  'rules[].when.to': 'an e-mail address, refused otherwise',
  'imap.passwordFrom.env': 'an environment variable name, refused otherwise',
};
for (const route of MAILBOX_ROUTES) {
  for (const field of MAILBOX_SWEPT) SWEPT[`${route} ${field}`] = 'mailbox';
  for (const [field, why] of Object.entries(MAILBOX_CHECKED)) NOT_STORED[`${route} ${field}`] = why;
}

type Def = { type: string; format?: string; checks?: { _zod: { def: { check: string } } }[]; [key: string]: unknown };
/** The paths of every free-text string in a schema: no format, no pattern, no enum. */
function textFieldsOf(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const inner = (key: string, at = path) => textFieldsOf(def[key] as z.ZodType, at);
  switch (def.type) {
    case 'string':
      return def.format || def.checks?.some((check) => check._zod.def.check === 'string_format') ? [] : [path];
    case 'object':
      return Object.entries(def['shape'] as Record<string, z.ZodType>).flatMap(([key, value]) =>
        textFieldsOf(value, path ? `${path}.${key}` : key),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'array':
      return inner('element', `${path}[]`);
    case 'record':
      return inner('valueType', `${path}.*`);
    case 'union':
      return [...new Set((def['options'] as z.ZodType[]).flatMap((option) => textFieldsOf(option, path)))];
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    default:
      return [];
  }
}

async function ok<T = any>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await stack.call<T>(method, path, { token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A ticket with `payload` in each of its own texts and in its timeline, taken through to a closed ticket with a satisfaction answer. */
async function ticketHolding(payload: string, category: number): Promise<number> {
  const { id } = await ok('POST', '/api/v1/tickets', alice.token, {
    title: payload,
    description: payload,
    location: payload,
    type: 'incident',
    urgency: 3,
    impact: 3,
    category,
  });
  await ok('PATCH', `/api/v1/tickets/${id}`, tech.token, { title: `${payload} ✎`, description: `${payload} ✎`, location: `${payload} ✎` });
  await ok('POST', `/api/v1/tickets/${id}/followups`, alice.token, { content: `suivi ${payload}` });
  await ok('POST', `/api/v1/tickets/${id}/tasks`, tech.token, { content: `tâche ${payload}` });
  const steps: [string, TestUser, object][] = [
    ['assign', tech, {}],
    ['request_validation', tech, { validator: manager.id }],
    ['validate', manager, { decision: 'accepted', comment: `validé ${payload}` }],
    ['pend', tech, { reason: `attente ${payload}` }],
    ['resume', tech, {}],
    ['escalate', tech, { reason: `escalade ${payload}` }],
    ['deescalate', tech, { reason: `retour ${payload}` }],
    ['resolve', tech, { solution: `solution ${payload}` }],
    ['refuse_solution', alice, { reason: `refus ${payload}` }],
    ['resolve', tech, { solution: `seconde solution ${payload}` }],
    ['accept_solution', alice, {}],
  ];
  for (const [action, user, body] of steps) await ok('POST', `/api/v1/tickets/${id}/actions/${action}`, user.token, body);
  await ok('POST', `/api/v1/tickets/${id}/satisfaction`, alice.token, { rating: 4, comment: `merci ${payload}` });
  return id;
}

/** The incident lifecycle with every label and notification message a payload, and a `payload` field its custom action asks for. */
function lifecycleHolding(shift = 0): object {
  const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
  const label = (i: number) => ({ fr: PAYLOADS[(i + shift) % PAYLOADS.length]!, en: PAYLOADS[(i + shift + 1) % PAYLOADS.length]! });
  const states = Object.fromEntries(
    Object.entries(incident.states).map(([name, state], i) => [
      name,
      {
        ...state,
        label: label(i),
        ...(name === 'resolved' && { entry: [{ effect: 'notify', to: ['requester'], message: label(i + 3) }] }),
      },
    ]),
  );
  const actions = incident.actions.map((action, i) => ({ ...action, label: label(i + 7) }));
  actions.push({
    name: 'annotate',
    label: label(2),
    from: ['assigned'],
    to: 'assigned',
    roles: ['technician'],
    payload: [PAYLOADS[5]!],
  } as never);
  return { ...incident, key: KEY, label: label(0), states, actions };
}

beforeAll(async () => {
  stack = await startStack();
  const name = PAYLOADS[0]!;
  const login = `tech-${randomUUID().slice(0, 8)}`;
  const row = await inGroup(
    await UserRow.create({
      login,
      name,
      email: null,
      profile: 'technician',
      password_hash: await hashPassword(password),
    }),
    stack.groups.n1,
  );
  const token = (await stack.call('POST', '/api/v1/auth/login', { body: { login, password } })).body.token;
  tech = { id: row.id, login, password, token, name };
  [alice, manager, owner] = await Promise.all([stack.userWith('requester'), stack.userWith('manager'), stack.userWith('admin')]);
  for (const user of [alice, manager, owner])
    await UserRow.update({ password_hash: await hashPassword(password) }, { where: { id: user.id } });

  const categories = await Promise.all(
    PAYLOADS.map((payload) => ok('POST', '/api/v1/categories', owner.token, { parent: null, name: { fr: payload, en: payload } })),
  );
  const entities = await Promise.all(PAYLOADS.map((payload) => ok('POST', '/api/v1/entities', owner.token, { parent: 1, name: payload })));
  // Written again through their own edits, as the entity and category pages do.
  for (const [i, payload] of PAYLOADS.entries()) {
    await ok('PATCH', `/api/v1/entities/${entities[i].id}`, owner.token, { name: payload });
    await ok('PATCH', `/api/v1/categories/${categories[i].id}`, owner.token, {
      name: { fr: payload, en: payload },
      ticketTemplate: { description: payload },
    });
  }
  await Promise.all(PAYLOADS.map((payload) => ok('POST', '/api/v1/kb/articles', tech.token, { title: payload, content: payload })));
  const week = Object.fromEntries(WEEKDAYS.map((day) => [day, day === 'sat' || day === 'sun' ? [] : [['09:00', '17:00']]]));
  for (const payload of PAYLOADS.slice(0, 3)) {
    const calendar = await ok('POST', '/api/v1/calendars', owner.token, {
      name: payload,
      timezone: 'Europe/Paris',
      hours: week,
      holidays: [],
    });
    await ok('PATCH', `/api/v1/calendars/${calendar.id}`, owner.token, { name: `${payload} ✎` });
    const sla = await ok('POST', '/api/v1/slas', owner.token, { name: payload, calendar: calendar.id, ttoMinutes: 60, ttrMinutes: 480 });
    await ok('PATCH', `/api/v1/slas/${sla.id}`, owner.token, { name: `${payload} ✎` });
  }
  for (const payload of PAYLOADS.slice(0, 3))
    await ok('POST', '/api/v1/api-tokens', owner.token, { name: payload, profile: 'technician', entity: 1 });
  for (const payload of PAYLOADS) {
    const group = await ok('POST', '/api/v1/groups', owner.token, { name: payload });
    await ok('PATCH', `/api/v1/groups/${group.id}`, owner.token, { name: `${payload} ✎` });
    groups.push({ id: group.id, payload });
  }
  for (const payload of PAYLOADS) {
    const template = await ok('POST', '/api/v1/response-templates', owner.token, { kind: 'followup', name: payload, content: 'brouillon' });
    const edited = await stack.call('PATCH', `/api/v1/response-templates/${template.id}`, {
      token: owner.token,
      body: { name: `${payload} ✎`, content: `modèle ${payload}` },
    });
    // `{{…}}` names a placeholder: one that does not exist is refused, naming the text.
    if (payload.includes('{{')) expect(Object.keys(edited.body.error.details.fields)).toEqual(['content']);
    else expect(edited.status).toBe(200);
    const kept = edited.status === 200;
    templates.push({ id: template.id, name: kept ? `${payload} ✎` : payload.trim(), content: kept ? `modèle ${payload}` : 'brouillon' });
  }
  for (const payload of PAYLOADS) {
    const filed = { title: payload, description: payload, location: payload, type: 'request', urgency: 3, impact: 3 };
    const made = await ok('POST', '/api/v1/recurring-tickets', owner.token, {
      name: payload,
      ticket: filed,
      schedule: { every: 'month', day: 1, time: '03:00' },
      timezone: 'Europe/Paris',
      paused: true,
    });
    await ok('PATCH', `/api/v1/recurring-tickets/${made.id}`, owner.token, {
      name: `${payload} ✎`,
      ticket: { ...filed, title: `${payload} ✎`, description: `${payload} ✎`, location: `${payload} ✎` },
    });
    recurring.push({ id: made.id, payload });
  }
  for (const [i, payload] of PAYLOADS.entries()) {
    // Never collected: its server is a payload.
    const settings = {
      imap: { host: payload, port: 143, user: payload, passwordFrom: { file: `/${payload}` } },
      folder: payload,
      afterImport: 'move',
      moveTo: payload,
      rules: [{ when: { from: payload, words: [payload] }, then: { urgency: 4 } }],
    };
    const mailbox = await ok('POST', '/api/v1/mailboxes', owner.token, {
      name: payload,
      address: `boite-${i}-${KEY}@guichet.test`,
      entity: 1,
      enabled: false,
      ...settings,
    });
    await ok('PATCH', `/api/v1/mailboxes/${mailbox.id}`, owner.token, { name: `${payload} ✎`, ...settings });
    mailboxes.push({ id: mailbox.id, payload });
  }
  agents = await startAgents(stack, owner);
  for (const [i, payload] of PAYLOADS.entries()) {
    const mac = `02:cc:00:00:00:${i.toString(16).padStart(2, '0')}`;
    const id = await agents.file({ name: `poste-${i}-${KEY}`, mac, maker: 'Dell Inc.', model: payload }, tech);
    await ok('PATCH', `/api/v1/assets/${id}`, tech.token, { name: payload, location: payload, user: alice.id });
    const ticket = await ok('POST', '/api/v1/tickets', alice.token, {
      title: payload,
      description: '',
      type: 'incident',
      urgency: 3,
      impact: 3,
      assets: [id],
    });
    computers.push({ id, payload, ticket: ticket.id });
    const licence = await ok('POST', '/api/v1/licences', tech.token, {
      name: payload,
      software: payload,
      publisher: payload,
      kind: 'volume',
    });
    await ok('PATCH', `/api/v1/licences/${licence.id}`, tech.token, {
      name: `${payload} ✎`,
      software: `${payload} ✎`,
      publisher: `${payload} ✎`,
    });
    await ok('PUT', `/api/v1/licences/${licence.id}/assignments`, tech.token, { assets: [id], users: [alice.id] });
    licences.push({ id: licence.id, payload });
  }
  for (const payload of PAYLOADS) await ok('POST', '/api/v1/inventory/agent-tokens', owner.token, { name: payload, entity: 1 });
  for (const payload of PAYLOADS) {
    const mapping = { target: 'computer', entity: 1, columns: [{ header: payload, field: 'name' }], identify: ['name'] };
    const { id } = await ok('POST', '/api/v1/injection-mappings', owner.token, { ...mapping, name: `${payload} ${KEY}` });
    await ok('PUT', `/api/v1/injection-mappings/${id}`, owner.token, { ...mapping, name: `${payload} ✎ ${KEY}` });
    mappings.push({ id, payload });
  }
  const ids = await Promise.all(PAYLOADS.map((payload, i) => ticketHolding(payload, categories[i].id)));
  ids.forEach((id, i) => tickets.push({ id, payload: PAYLOADS[i]! }));

  for (let version = 1; version <= 2; version += 1) {
    const draft = await ok('POST', `/api/v1/lifecycles/${KEY}/drafts`, owner.token, lifecycleHolding(2 - version));
    await ok('POST', `/api/v1/lifecycles/${KEY}/drafts/${draft.id}/publish`, owner.token);
  }
  draftId = (await ok('POST', `/api/v1/lifecycles/${KEY}/drafts`, owner.token, lifecycleHolding(2))).id;
  const filed = await ok('POST', '/api/v1/tickets', alice.token, {
    title: 'Cycle piégé',
    description: '',
    type: 'incident',
    urgency: 3,
    impact: 3,
    lifecycle: KEY,
  });
  lifecycleTicket = filed.id;
  await ok('POST', `/api/v1/tickets/${lifecycleTicket}/actions/assign`, tech.token, {});
  markdownTicket = (
    await ok('POST', '/api/v1/tickets', alice.token, { title: 'Markdown', description: '', type: 'incident', urgency: 3, impact: 3 })
  ).id;
  for (const payload of MARKDOWN_PAYLOADS)
    await ok('POST', `/api/v1/tickets/${markdownTicket}/followups`, tech.token, { content: payload });
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await agents?.stop();
  await stack?.close();
});

interface Watched {
  page: Page;
  errors: string[];
  dialogs: string[];
}

/**
 * A page logged in as `login`. The page's CSP would refuse inline handlers and scripts anyway:
 * it is bypassed so that the sweep tests the UI's own handling of text, not only the policy.
 */
async function logIn(login: string): Promise<Watched> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await logInThrough(page, stack.baseUrl, { login, password });
  return { page, errors, dialogs };
}

/** Nothing ran: no marker, no dialog, no error, and no element or link the payloads would have made. */
async function expectInert({ page, errors, dialogs }: Watched, where: string) {
  // Let lazy handlers (image errors, toggles, focus) fire before looking.
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const injected = Array.from(document.querySelectorAll('*')).flatMap((node) => [
      ...Array.from(node.attributes)
        .filter((a) => /^on/i.test(a.name))
        .map((a) => `${node.localName}[${a.name}]`),
      // The UI makes none of these itself: only a payload read as HTML would.
      ...(['iframe', 'math', 'mglyph'].includes(node.localName) || (node.localName === 'script' && !node.getAttribute('src'))
        ? [node.localName]
        : []),
      ...(node.localName === 'img' && node.getAttribute('src') === 'x' ? ['img[src=x]'] : []),
      ...Array.from(node.attributes)
        .filter((a) => /href$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
        .map(() => `${node.localName}[href=javascript:]`),
    ]);
    return { marker: (window as unknown as { __xss?: unknown }).__xss, injected };
  });
  expect({ where, marker: found.marker, injected: found.injected, dialogs, errors }).toEqual({
    where,
    marker: undefined,
    injected: [],
    dialogs: [],
    errors: [],
  });
}

const mainText = async (page: Page) => (await page.locator('#main').textContent()) ?? '';

describe('stored XSS sweep', () => {
  it('writes a payload in every free-text field of the API', () => {
    const bodies = [
      ...stack.routes.flatMap((route) =>
        route.body ? textFieldsOf(route.body).map((f) => `${route.method.toUpperCase()} ${route.path} ${f}`) : [],
      ),
      ...Object.entries(ACTION_PAYLOADS).flatMap(([action, schema]) => textFieldsOf(schema).map((f) => `action ${action} ${f}`)),
      ...textFieldsOf(LifecycleDefinition).map((f) => `lifecycle ${f}`),
    ];
    expect(bodies.filter((field) => !(field in SWEPT) && !(field in NOT_STORED))).toEqual([]);
    expect(bodies.length).toBeGreaterThan(40);
  });

  it('shows every payload as text in the ticket list and on each ticket page, its timeline and category', async () => {
    const watched = await logIn(tech.login);
    const { page } = watched;
    await page.locator('#ticket-rows tr').first().waitFor();
    for (const { payload } of tickets)
      await expect.poll(() => page.getByRole('link', { name: `${payload} ✎`, exact: true }).count()).toBe(1);
    expect(await page.locator('#whoami').textContent()).toContain(tech.name);
    await expectInert(watched, 'ticket list');
    for (const { id, payload } of tickets) {
      await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
      await page.locator('#ticket-title', { hasText: `n° ${id}` }).waitFor();
      await expectInert(watched, `ticket ${id}`);
      expect(await page.locator('#ticket-title').textContent()).toBe(`n° ${id} — ${payload} ✎`);
      expect(await page.locator('#ticket-description').textContent()).toBe(`${payload} ✎`);
      expect(await page.locator('#ticket-category').textContent()).toBe(payload);
      const timeline = (await page.locator('#ticket-history').textContent()) ?? '';
      for (const text of ['suivi', 'tâche', 'attente', 'escalade', 'retour', 'refus', 'seconde solution'])
        if (!readAsMarkdown(text, payload)) expect(timeline).toContain(`${text} ${payload}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}/stored-xss-ticket.png` });
  });

  it('renders Markdown followups without a script, a handler, a picture or a link anywhere but the web', async () => {
    const watched = await logIn(tech.login);
    await watched.page.goto(`${stack.baseUrl}/#/tickets/${markdownTicket}`);
    const written = watched.page.locator('#ticket-history .written');
    await expect.poll(() => written.count()).toBe(MARKDOWN_PAYLOADS.length);
    await expectInert(watched, 'Markdown followups');
    expect(await written.locator('img').count()).toBe(0);
    const links = await written.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((href) => href !== null && !/^https:\/\/exemple\.fr\/?$/.test(href))).toEqual([]);
    // The fenced script is shown as code, a raw tag as the text it is.
    expect(await written.locator('pre code').textContent()).toBe('<script>window.__xss=28</script>\n');
    expect(await watched.page.locator('#ticket-history').textContent()).toContain('<details open ontoggle="window.__xss=29">');
  });

  it('shows them as text in the new-ticket form, and to the requester on her tickets', async () => {
    const desk = await logIn(tech.login);
    await desk.page.getByRole('link', { name: 'Nouveau ticket' }).click();
    await desk.page.locator('#category-picker option').nth(PAYLOADS.length).waitFor({ state: 'attached' });
    const options = await desk.page.locator('#category-picker option').allTextContents();
    for (const payload of PAYLOADS) expect(options).toContain(payload);
    await expectInert(desk, 'new-ticket form');
    // A payload category's template starts the description with its payload, as text.
    await desk.page.locator('#category-picker').selectOption({ label: PAYLOADS[0]! });
    expect(await desk.page.locator('#new-form [name="description"]').inputValue()).toBe(PAYLOADS[0]);
    await expectInert(desk, 'new-ticket form with a payload template');
    const watched = await logIn(alice.login);
    await watched.page.goto(`${stack.baseUrl}/#/tickets/${tickets[4]!.id}`);
    await watched.page.locator('#ticket-description', { hasText: PAYLOADS[4]! }).waitFor();
    await expectInert(watched, 'requester ticket page');
  });

  it("shows a lifecycle's labels as text on its tickets' buttons and timelines, and asks for its payload field", async () => {
    const watched = await logIn(tech.login);
    await watched.page.goto(`${stack.baseUrl}/#/tickets/${lifecycleTicket}`);
    await watched.page.locator('#ticket-history li').nth(1).waitFor();
    // The first assign action's label, then the assigned state's.
    expect(await watched.page.locator('#ticket-history').textContent()).toContain(`${PAYLOADS[7]} → ${PAYLOADS[1]}`);
    await expectInert(watched, 'ticket on the trapped lifecycle');
    await watched.page.getByRole('button', { name: PAYLOADS[2], exact: true }).click();
    expect(await watched.page.locator('#action-form h2').textContent()).toBe(PAYLOADS[2]);
    expect(await watched.page.locator('#action-form label').first().textContent()).toContain(PAYLOADS[5]);
    await expectInert(watched, 'custom action form');
  });

  it('keeps a ticket page inert while it brings itself up to date with payloads others write', async () => {
    const watched = await logIn(tech.login);
    await watched.page.goto(`${stack.baseUrl}/#/tickets/${lifecycleTicket}`);
    await watched.page.locator('#ticket-live[data-following="yes"]').waitFor({ state: 'attached' });
    for (const payload of PAYLOADS)
      await ok('POST', `/api/v1/tickets/${lifecycleTicket}/followups`, alice.token, { content: `en direct ${payload}` });
    await ok('PATCH', `/api/v1/tickets/${lifecycleTicket}`, tech.token, { title: PAYLOADS[9], description: PAYLOADS[10] });
    await watched.page.locator('#ticket-title', { hasText: PAYLOADS[9]! }).waitFor();
    await expect
      .poll(() => watched.page.locator('#ticket-history').textContent(), { timeout: 10_000 })
      .toContain(`en direct ${PAYLOADS.at(-2)}`);
    const timeline = (await watched.page.locator('#ticket-history').textContent()) ?? '';
    for (const payload of PAYLOADS) if (!readAsMarkdown('suivi', payload)) expect(timeline).toContain(`en direct ${payload}`);
    expect(await watched.page.locator('#ticket-description').textContent()).toBe(PAYLOADS[10]);
    await expectInert(watched, 'ticket page updated live');
  });

  it('shows every mailbox setting as text in the mailbox list and as values of its form', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/mailboxes`);
    await page.locator('#mailboxes table').waitFor();
    for (const { payload } of mailboxes) expect(await page.getByRole('link', { name: `${payload} ✎`, exact: true }).count()).toBe(1);
    await expectInert(watched, 'mailbox list');
    for (const { id, payload } of mailboxes) {
      await page.goto(`${stack.baseUrl}/#/mailboxes/${id}`);
      const form = page.locator('#mailbox-form');
      await form.waitFor();
      await expectInert(watched, `mailbox ${id}`);
      expect(await page.locator('#mailbox h1').textContent()).toContain(`${payload} ✎`);
      for (const name of ['imap.host', 'imap.user', 'folder', 'moveTo'])
        expect(await form.locator(`[name="${name}"]`).inputValue()).toBe(payload.trim());
      expect(await form.locator('[name="imap.passwordFrom"]').inputValue()).toBe(`/${payload}`);
      expect(await form.locator('[name="rules.0.when.words"]').inputValue()).toBe(payload.trim());
    }
  });

  it('shows computers as text in the estate, on their pages with their history, and on the tickets about them', async () => {
    const watched = await logIn(tech.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/assets?search=${KEY}`);
    await page.getByRole('heading', { name: 'Parc informatique' }).waitFor();
    for (const { payload } of computers) await page.getByRole('link', { name: payload, exact: true }).waitFor();
    await expectInert(watched, 'asset list');
    for (const { id, payload, ticket } of computers) {
      await page.goto(`${stack.baseUrl}/#/assets/${id}`);
      await page.locator('#asset-history').waitFor();
      await expectInert(watched, `asset ${id}`);
      expect(await page.locator('#asset h1').textContent()).toBe(payload);
      expect(await page.locator('#asset-facts').textContent()).toContain(payload);
      expect(await page.locator('#asset-history').textContent()).toContain(`#${ticket} ${payload}`);
      expect(await page.locator('#asset-edit [name="location"]').inputValue()).toBe(payload);
    }
    // The requester sees her computers, and the tickets about them, as text too.
    const hers = await logIn(alice.login);
    for (const { ticket, payload } of computers.slice(0, 4)) {
      await hers.page.goto(`${stack.baseUrl}/#/tickets/${ticket}`);
      await hers.page.locator('#ticket-assets').getByRole('link', { name: payload, exact: true }).waitFor();
      await expectInert(hers, `requester ticket ${ticket} about a computer`);
    }
  });

  it('shows licences as text in their list and on their pages, with the computers they are assigned to', async () => {
    const watched = await logIn(tech.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/licences`);
    await page.locator('#licence-list tbody tr').first().waitFor();
    for (const { payload } of licences) await page.getByRole('link', { name: `${payload} ✎`.trim(), exact: true }).waitFor();
    await expectInert(watched, 'licence list');
    for (const { id, payload } of licences.slice(0, 6)) {
      await page.goto(`${stack.baseUrl}/#/licences/${id}`);
      await page.locator('#licence-assignments').waitFor();
      await expectInert(watched, `licence ${id}`);
      expect(await page.locator('#licence h1').textContent()).toBe(`${payload} ✎`.trim());
      expect(await page.locator('#licence-form [name="software"]').inputValue()).toBe(`${payload} ✎`.trim());
      await page.locator('#licence-assignments .picked-assets a').first().waitFor();
    }
  });

  it('shows agent tokens’ names as text', async () => {
    const watched = await logIn(owner.login);
    await watched.page.goto(`${stack.baseUrl}/#/agent-tokens`);
    await watched.page.locator('#agent-tokens tbody tr').first().waitFor();
    for (const payload of PAYLOADS)
      expect(await watched.page.locator('#agent-tokens td:first-child', { hasText: payload }).count()).toBeGreaterThan(0);
    await expectInert(watched, 'agent tokens');
  });

  it('shows CSV injection mappings, their columns, the lines a run refuses and its file as text', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/injection`);
    await page.locator('#injection-mappings').waitFor();
    for (const { payload } of mappings) await page.getByRole('link', { name: `${payload} ✎ ${KEY}`, exact: true }).waitFor();
    await expectInert(watched, 'mapping list');
    const reader = await ok('POST', '/api/v1/injection-mappings', owner.token, {
      name: `lecteur ${KEY}`,
      target: 'computer',
      entity: 1,
      columns: [
        { header: 'Nom', field: 'name' },
        { header: 'Utilisateur', field: 'user' },
      ],
      identify: ['name'],
    });
    // Each line names a login no one has: its reason, shown in the report, quotes the payload.
    const file = ['Nom;Utilisateur', ...PAYLOADS.map((payload, i) => `PC-${KEY}-${i};"${payload.replaceAll('"', '""')}"`)].join('\n');
    for (const { id, payload } of [...mappings.slice(0, 4), { id: reader.id, payload: '' }]) {
      await page.goto(`${stack.baseUrl}/#/injection/${id}`);
      await page.locator('#injection-run-form').waitFor();
      await expectInert(watched, `mapping ${id}`);
      if (payload) {
        expect(await page.locator('#injection-mapping-form input[name="columns.0.header"]').inputValue()).toBe(payload);
        continue;
      }
      await page.getByLabel('Fichier CSV').setInputFiles({ name: `${PAYLOADS[0]}.csv`, mimeType: 'text/csv', buffer: Buffer.from(file) });
      await page.getByRole('button', { name: 'Essai à blanc' }).click();
      await page
        .locator('#injection-report tbody tr')
        .nth(PAYLOADS.length - 1)
        .waitFor();
      await page.locator('#injection-history tbody tr').first().waitFor();
      await expectInert(watched, 'injection report');
      // The browser sends the name with its quotes escaped: shown as the server kept it.
      const [latest] = (await ok('GET', `/api/v1/injection-mappings/${id}/runs`, owner.token)).items;
      expect(latest.fileName).toMatch(/^<img src=x onerror=/);
      expect(await page.locator('#injection-history tbody tr td:nth-child(3)').first().textContent()).toBe(latest.fileName);
    }
  });

  it('shows support groups’ names as text in their list, on their page and among the mailbox rules’ choices', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/groups`);
    await page.locator('#groups table').waitFor();
    for (const { payload } of groups) expect(await page.getByRole('link', { name: `${payload} ✎`, exact: true }).count()).toBe(1);
    await expectInert(watched, 'group list');
    for (const { id, payload } of groups.slice(0, 4)) {
      await page.goto(`${stack.baseUrl}/#/groups/${id}`);
      await page.locator('#members-form').waitFor();
      await expectInert(watched, `group ${id}`);
      expect(await page.locator('#group-form [name="name"]').inputValue()).toBe(`${payload} ✎`.trim());
    }
    await page.goto(`${stack.baseUrl}/#/mailboxes/${mailboxes[0]!.id}`);
    await page.locator('#mailbox-form').waitFor();
    const options = await page.locator('#mailbox-form [name="defaults.group"] option').allTextContents();
    for (const { payload } of groups) expect(options).toContain(`${payload} ✎ (N1)`);
    await expectInert(watched, 'mailbox with payload groups');
  });

  it('shows response templates as text in their list and form, and writes them as text into a followup', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/templates`);
    await page.locator('#templates table').waitFor();
    for (const { name } of templates) expect(await page.getByRole('link', { name, exact: true }).count()).toBe(1);
    await expectInert(watched, 'template list');
    for (const { id, content } of templates.slice(0, 4)) {
      await page.goto(`${stack.baseUrl}/#/templates/${id}`);
      await page.locator('#template-form').waitFor();
      await expectInert(watched, `template ${id}`);
      expect(await page.locator('#template-form [name="content"]').inputValue()).toBe(content);
    }
    const desk = await logIn(tech.login);
    await desk.page.goto(`${stack.baseUrl}/#/tickets/${markdownTicket}`);
    const picker = desk.page.locator('#followup-form select.template-picker');
    await picker.waitFor();
    const options = await picker.locator('option').allTextContents();
    for (const { name } of templates) expect(options).toContain(name);
    for (const { id, content } of templates) {
      await picker.selectOption(String(id));
      expect(await desk.page.locator('#followup-form textarea[name="content"]').inputValue()).toBe(content);
      await desk.page.locator('#followup-form textarea[name="content"]').fill('');
    }
    await expectInert(desk, 'ticket page with payload templates');
  });

  it('shows recurring tickets as text in their list and as the values of their form', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    await page.goto(`${stack.baseUrl}/#/recurring`);
    await page.locator('#recurring table').waitFor();
    for (const { payload } of recurring) expect(await page.getByRole('link', { name: `${payload} ✎`.trim(), exact: true }).count()).toBe(1);
    await expectInert(watched, 'recurring-ticket list');
    for (const { id, payload } of recurring.slice(0, 4)) {
      await page.goto(`${stack.baseUrl}/#/recurring/${id}`);
      await page.locator('#recurring-form').waitFor();
      await expectInert(watched, `recurring ticket ${id}`);
      for (const field of ['name', 'ticket.title', 'ticket.description'])
        expect(await page.locator(`#recurring-form [name="${field}"]`).inputValue()).toBe(`${payload} ✎`.trim());
    }
  });

  it('shows API token, calendar and SLA names as text on their pages', async () => {
    const watched = await logIn(owner.login);
    await watched.page.goto(`${stack.baseUrl}/#/tokens`);
    await watched.page.locator('#tokens table').waitFor();
    const names = await watched.page.locator('#tokens td:first-child').allTextContents();
    for (const payload of PAYLOADS.slice(0, 3)) expect(names).toContain(payload.trim());
    await expectInert(watched, 'token page');
    await watched.page.goto(`${stack.baseUrl}/#/calendars`);
    await watched.page.locator('#calendars table').waitFor();
    const calendars = await watched.page.locator('#calendars td:first-child').allTextContents();
    for (const payload of PAYLOADS.slice(0, 3)) expect(calendars).toContain(`${payload} ✎`.trim());
    await expectInert(watched, 'calendar list');
    await watched.page.locator('#calendars a').first().click();
    await watched.page.locator('#calendar-preview li').first().waitFor();
    await expectInert(watched, 'calendar page');
    await watched.page.goto(`${stack.baseUrl}/#/slas`);
    await watched.page.locator('#slas table').waitFor();
    const slas = await watched.page.locator('#slas td:first-child').allTextContents();
    for (const payload of PAYLOADS.slice(0, 3)) expect(slas).toContain(`${payload} ✎`.trim());
    await expectInert(watched, 'SLA list');
    await watched.page.locator('#slas a', { hasText: `${PAYLOADS[0]} ✎` }).click();
    await watched.page.locator('#sla-form').waitFor();
    expect(await watched.page.locator('#sla-form [name="name"]').inputValue()).toBe(`${PAYLOADS[0]} ✎`);
    await expectInert(watched, 'SLA page');
    await watched.page.goto(`${stack.baseUrl}/#/entities`);
    await watched.page.locator('#entities table').waitFor();
    const entityNames = await watched.page.locator('#entities td:first-child').allTextContents();
    for (const payload of PAYLOADS) expect(entityNames).toContain(payload.trim());
    await expectInert(watched, 'entity list');
    await watched.page.goto(`${stack.baseUrl}/#/categories`);
    await watched.page.locator('#categories .category-tree').waitFor();
    const categoryNames = await watched.page.locator('#categories summary').allTextContents();
    for (const payload of PAYLOADS) expect(categoryNames).toContain(payload.trim());
    await expectInert(watched, 'category tree');
  });

  it('keeps the dashboards inert with payload categories, technicians and locations', async () => {
    const watched = await logIn(manager.login);
    await watched.page.getByRole('link', { name: 'Tableaux de bord' }).click();
    await watched.page.locator('canvas').first().waitFor();
    // Two refreshes: the charts have drawn what the warehouse holds by then.
    await watched.page.waitForTimeout(6_000);
    await watched.page.screenshot({ path: `${ARTIFACTS}/stored-xss-dashboards.png` });
    for (const canvas of await watched.page.locator('canvas').all()) await canvas.hover({ force: true }).catch(() => undefined);
    await expectInert(watched, 'dashboards');
  });

  it('keeps the lifecycle editor inert: list, version with its diagram, draft with its JSON, migration', async () => {
    const watched = await logIn(owner.login);
    const { page } = watched;
    const visit = async (hash: string, ready: () => Promise<unknown>) => {
      await page.goto(`${stack.baseUrl}/${hash}`);
      await ready();
      await expectInert(watched, hash);
    };
    await visit('#/lifecycles', () => page.locator(`section[data-key="${KEY}"] h2`).waitFor());
    expect(await page.locator(`section[data-key="${KEY}"] h2`).textContent()).toBe(PAYLOADS[0]);
    await visit(`#/lifecycles/${KEY}/versions/2`, () => page.locator('#lifecycle-diagram svg').waitFor({ state: 'attached' }));
    expect(await page.locator('#lifecycle-diagram svg').textContent()).toContain(PAYLOADS[1]);
    await visit(`#/lifecycles/${KEY}/drafts/${draftId}`, () => page.locator('#definition-json').waitFor());
    expect(await page.locator('#definition-json').inputValue()).toContain(JSON.stringify(PAYLOADS[4]));
    await page.locator('#lifecycle-diagram svg').waitFor({ state: 'attached' });
    await expectInert(watched, 'draft diagram');
    await visit(`#/lifecycles/${KEY}/migration`, () => page.locator('select').first().waitFor());
    expect(await mainText(page)).toContain(PAYLOADS[2]);
    await page.screenshot({ path: `${ARTIFACTS}/stored-xss-lifecycle.png` });
  });
});
