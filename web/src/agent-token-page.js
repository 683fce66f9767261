// The inventory agents' page (#/agent-tokens, administrators): how to point an agent at guichet,
// the agent tokens of the entities one administers, a form that creates one — shown once, in this
// page only — and a button that revokes each.

import { api } from './api-client.js';
import { showContent } from './app-shell.js';
import { AGENT_TOKEN_LANGUAGES } from './agent-token-text.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select } from './forms.js';
import { issuedTokens } from './issued-tokens.js';
import { savedLanguage } from './language.js';

/** @typedef {import('../../inventory/agent-token.schemas').AgentTokenView} AgentTokenView */

export async function renderAgentTokens() {
  const t = AGENT_TOKEN_LANGUAGES[savedLanguage()];
  const path = '/api/v1/inventory/agent-tokens';
  const [{ items }, entities] = await Promise.all([api('GET', path), entityNames()]);
  const form = h(
    'form',
    { id: 'agent-token-form', novalidate: true },
    h('h2', { text: t.issue }),
    labelled(t.name, h('input', { name: 'name', maxlength: 191 })),
    labelled(t.entity, select('entity', [...entities], [...entities.keys()][0])),
    h('button', { type: 'submit', text: t.submit }),
  );
  const { table, shown } = issuedTokens({
    path,
    items,
    form,
    bodyOf: (field) => ({ name: field('name').value.trim(), entity: Number(field('entity').value) }),
    /** @param {AgentTokenView} token */
    cellsOf: (token) => [
      h('td', { text: token.name }),
      h('td', { text: entities.get(token.entity) ?? String(token.entity) }),
      h('td', { text: dateTime(token.createdAt, t.locale) }),
    ],
    t,
    ids: { table: 'agent-tokens', shown: 'agent-token-shown' },
  });
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
