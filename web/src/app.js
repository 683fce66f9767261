/* global URLSearchParams, history */
// guichet's web UI: log in, then the pages the user's profile opens (tickets, a new ticket, the
// dashboards, the lifecycles), in French or English. The dashboards and the lifecycle pages are
// loaded the first time they open. Every value from the server is written with textContent.

import { api, currentSession, endSession, onSessionExpired, startSession } from './api-client.js';
import { main, say, showContent, stopFollowingChanges, text } from './app-shell.js';
import { h } from './dom.js';
import { formValues, labelled } from './forms.js';
import { translate } from './app-text.js';
import { languageSwitch, savedLanguage } from './language.js';
import { ADMIN_PROFILES, DASHBOARD_PROFILES, LIFECYCLE_PROFILES } from './page-profiles.js';
import { renderList } from './ticket-list.js';
import { renderNew } from './ticket-new.js';
import { renderMailPreferences } from './mail-preferences-page.js';
import { renderTicket } from './ticket-page.js';

function logout() {
  endSession();
  location.hash = '#/';
  route();
}
onSessionExpired(logout);

function renderLogin() {
  const words = text().login;
  const form = h(
    'form',
    { id: 'login-form', class: 'card narrow' },
    h('h1', { text: words.title }),
    labelled(words.login, h('input', { name: 'login', autocomplete: 'username', required: true })),
    labelled(words.password, h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', text: words.submit }),
  );
  showContent(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { login, password } = formValues(form);
    try {
      startSession(await api('POST', '/api/v1/auth/login', { login, password }));
      say('');
      route();
    } catch (error) {
      say(error.message);
    }
  });
}

const HOME = { manager: '#/dashboards' };

// The dashboards and the lifecycle pages carry a language switch of their own, in their heading.
const OWN_SWITCH = /^#\/(dashboards|lifecycles)(\/|\?|$)/;

/** The bar's words and language switch, in the language chosen. */
const GUIDE_PAGE_OF = {
  requester: 'requester',
  technician: 'technician',
  supervisor: 'technician',
  owner: 'process-owner',
  manager: 'manager',
  admin: 'administrator',
};

function drawBar() {
  const t = text();
  const lang = savedLanguage();
  document.documentElement.lang = lang;
  translate(document.querySelector('header.bar'), t);
  const session = currentSession();
  if (session) {
    document.getElementById('whoami').textContent = `${session.user.name} (${t.profiles[session.user.profile] ?? session.user.profile})`;
    // The guide's page for what this profile does, in the language chosen.
    document.getElementById('help-link').setAttribute('href', `/guide/${lang}/${GUIDE_PAGE_OF[session.user.profile] ?? ''}`);
  }
  const slot = document.getElementById('nav-language');
  slot.replaceChildren(languageSwitch(lang, t.nav.language, route));
  slot.hidden = OWN_SWITCH.test(location.hash);
}

async function route() {
  stopFollowingChanges();
  const session = currentSession();
  // Each profile's first page: managers read the dashboards, everyone else works tickets.
  if (session && (location.hash === '' || location.hash === '#/') && HOME[session.user.profile])
    history.replaceState(null, '', HOME[session.user.profile]);
  document.getElementById('nav').hidden = !session;
  drawBar();
  if (!session) return renderLogin();
  const dashboards = DASHBOARD_PROFILES.includes(session.user.profile);
  document.getElementById('dashboards-link').hidden = !dashboards;
  const lifecycles = LIFECYCLE_PROFILES.includes(session.user.profile);
  document.getElementById('lifecycles-link').hidden = !lifecycles;
  document.getElementById('licences-link').hidden = !dashboards;
  const admin = ADMIN_PROFILES.includes(session.user.profile);
  document.getElementById('mailboxes-link').hidden = !admin;
  document.getElementById('groups-link').hidden = !admin;
  document.getElementById('templates-link').hidden = !admin;
  document.getElementById('recurring-link').hidden = !admin;
  document.getElementById('slas-link').hidden = !admin;
  document.getElementById('entities-link').hidden = !admin;
  document.getElementById('categories-link').hidden = !admin;
  document.getElementById('users-link').hidden = !admin;
  document.getElementById('calendars-link').hidden = !admin;
  document.getElementById('tokens-link').hidden = !admin;
  document.getElementById('audit-link').hidden = !admin;
  document.getElementById('glpi-import-link').hidden = !admin;
  document.getElementById('injection-link').hidden = !admin;
  document.getElementById('agent-tokens-link').hidden = !admin;
  const ticket = /^#\/tickets\/(\d+)$/.exec(location.hash);
  const [path, query = ''] = location.hash.split('?');
  try {
    if (ticket) await renderTicket(Number(ticket[1]));
    else if (path === '#/new') await renderNew(new URLSearchParams(query));
    else if (/^#\/assets(\/|$)/.test(path)) await (await import('./asset-page.js')).renderAssets(path, new URLSearchParams(query));
    else if (/^#\/licences(\/|$)/.test(path) && dashboards) await (await import('./licence-page.js')).renderLicences(path);
    else if (location.hash === '#/me') await renderMailPreferences();
    else if (path === '#/dashboards' && dashboards) await (await import('./dashboard.js')).renderDashboard(main);
    else if (/^#\/mailboxes(\/|$)/.test(path) && admin) await (await import('./mailbox-page.js')).renderMailboxes(path);
    else if (/^#\/groups(\/|$)/.test(path) && admin) await (await import('./group-page.js')).renderGroups(path);
    else if (/^#\/entities(\/|$)/.test(path) && admin) await (await import('./entity-page.js')).renderEntities(path);
    else if (path === '#/categories' && admin) await (await import('./category-page.js')).renderCategories();
    else if (/^#\/slas(\/|$)/.test(path) && admin) await (await import('./sla-page.js')).renderSlas(path);
    else if (/^#\/recurring(\/|$)/.test(path) && admin) await (await import('./recurring-page.js')).renderRecurring(path);
    else if (/^#\/templates(\/|$)/.test(path) && admin) await (await import('./template-page.js')).renderTemplates(path);
    else if (/^#\/users(\/|$)/.test(path) && admin) await (await import('./user-page.js')).renderUsers(path);
    else if (/^#\/calendars(\/|$)/.test(path) && admin) await (await import('./calendar-page.js')).renderCalendars(path);
    else if (path === '#/tokens' && admin) await (await import('./token-page.js')).renderTokens();
    else if (path === '#/audit' && admin) await (await import('./audit-page.js')).renderAudit();
    else if (path === '#/glpi-import' && admin) await (await import('./glpi-import-page.js')).renderGlpiImport();
    else if (/^#\/injection(\/|$)/.test(path) && admin) await (await import('./injection-page.js')).renderInjection(path);
    else if (path === '#/agent-tokens' && admin) await (await import('./agent-token-page.js')).renderAgentTokens();
    else if (/^#\/lifecycles(\/|$)/.test(path) && lifecycles)
      await (await import('./lifecycle-editor.js')).renderLifecycles(main, path, say);
    else await renderList(new URLSearchParams(query));
  } catch (error) {
    say(error.message);
  }
}

document.getElementById('logout').addEventListener('click', logout);
// A page's own switch changed the language: the bar follows.
document.addEventListener('guichet:language', drawBar);
window.addEventListener('hashchange', route);
route();
