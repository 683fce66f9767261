// The API-token page (#/tokens, administrators): the tokens with their scope and last use, a form
// that issues one — shown once, in this page only — and a button that revokes each.

import { api, currentSession } from './api-client.js';
import { showContent, text } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select } from './forms.js';
import { issuedTokens } from './issued-tokens.js';
import { savedLanguage } from './language.js';
import { TOKEN_LANGUAGES } from './token-text.js';
import { PROFILES } from '../../users/profiles';

/** @typedef {import('../../users/api-token.schemas').ApiTokenView} ApiTokenView */

export async function renderTokens() {
  const t = TOKEN_LANGUAGES[savedLanguage()];
  const profileNames = text().profiles;
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/api-tokens'), entityNames()]);
  const form = h(
    'form',
    { id: 'token-form', novalidate: true },
    h('h2', { text: t.issue }),
    labelled(t.name, h('input', { name: 'name', maxlength: 191 })),
    labelled(
      t.profile,
      select(
        'profile',
        PROFILES.map((profile) => [profile, profileNames[profile]]),
        'technician',
      ),
    ),
    labelled(t.entity, select('entity', [...entities], currentSession().user.entity ?? 1)),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'recursive', checked: true }), ' ', t.recursive),
    h('button', { type: 'submit', text: t.submit }),
  );
  const { table, shown } = issuedTokens({
    path: '/api/v1/api-tokens',
    items,
    form,
    bodyOf: (field) => ({
      name: field('name').value.trim(),
      profile: field('profile').value,
      entity: Number(field('entity').value),
      recursive: field('recursive').checked,
    }),
    /** @param {ApiTokenView} token */
    cellsOf: (token) => [
      h('td', { text: token.name }),
      h('td', {}, h('code', { text: `${token.prefix}…` })),
      h('td', { text: `${profileNames[token.profile]} — ${entities.get(token.entity) ?? token.entity}` }),
      h('td', { text: dateTime(token.createdAt, t.locale) }),
      h('td', { text: token.lastUsedAt ? dateTime(token.lastUsedAt, t.locale) : t.never }),
    ],
    t,
    ids: { table: 'tokens', shown: 'token-shown' },
  });
  showContent(h('section', { class: 'card', id: 'api-tokens' }, h('h1', { text: t.title }), h('p', { text: t.intro }), table, shown, form));
}
