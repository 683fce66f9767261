/* global confirm */
// The inventory agents' page (#/agent-tokens, administrators): how to point an agent at guichet,
// the agent tokens of the entities one administers, a form that creates one — shown once, in this
// page only — and a button that revokes each.

import { api } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { AGENT_TOKEN_LANGUAGES } from './agent-token-text.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';

/** @typedef {import('../../inventory/agent-token.schemas').AgentTokenView} AgentTokenView */

export async function renderAgentTokens() {
  const t = AGENT_TOKEN_LANGUAGES[savedLanguage()];
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/inventory/agent-tokens'), entityNames()]);
  const shown = h('div', { id: 'agent-token-shown', role: 'alert', hidden: true });
  const form = h(
    'form',
    { id: 'agent-token-form', novalidate: true },
    h('h2', { text: t.issue }),
    labelled(t.name, h('input', { name: 'name', maxlength: 191 })),
    labelled(t.entity, select('entity', [...entities], [...entities.keys()][0])),
    h('button', { type: 'submit', text: t.submit }),
  );
  const table = h('div', { id: 'agent-tokens' });
  /** @param {AgentTokenView[]} tokens */
  const fillTable = (tokens) => {
    const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
    const rows = tokens.map((token) => {
      const revoke = h('button', { type: 'button', class: 'secondary', text: t.revokeWord, 'aria-label': t.revoke(token.name) });
      revoke.addEventListener('click', async () => {
        if (!confirm(t.confirm(token.name))) return;
        try {
          await api('DELETE', `/api/v1/inventory/agent-tokens/${token.id}`);
          say(t.revoked(token.name));
          await drawTable();
        } catch (error) {
          say(error.message);
        }
      });
      return h(
        'tr',
        {},
        h('td', { text: token.name }),
        h('td', { text: entities.get(token.entity) ?? String(token.entity) }),
        h('td', { text: dateTime(token.createdAt, t.locale) }),
        h('td', {}, token.revokedAt ? t.revokedOn(dateTime(token.revokedAt, t.locale)) : revoke),
      );
    });
    table.replaceChildren(
      tokens.length ? h('table', {}, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)) : h('p', { text: t.none }),
    );
  };
  const drawTable = async () => fillTable((await api('GET', '/api/v1/inventory/agent-tokens')).items);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
    try {
      const issued = await api('POST', '/api/v1/inventory/agent-tokens', {
        name: field('name').value.trim(),
        entity: Number(field('entity').value),
      });
      showFieldErrors(form, null);
      form.reset();
      shown.replaceChildren(h('p', { text: t.shownOnce }), h('output', { class: 'token', text: issued.token }));
      shown.hidden = false;
      say(t.issued(issued.name));
      await drawTable();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  fillTable(items);
  showContent(
    h(
      'section',
      { class: 'card', id: 'agent-token-page' },
      h('h1', { text: t.title }),
      h('p', { text: t.intro }),
      h('pre', {}, h('code', { text: t.command(location.origin) })),
      table,
      shown,
      form,
    ),
  );
}
