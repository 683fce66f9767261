/* global confirm */
// The API-token page (#/tokens, administrators): the tokens with their scope and last use, a form
// that issues one — shown once, in this page only — and a button that revokes each.

import { api, currentSession } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { TOKEN_LANGUAGES } from './token-text.js';
import { PROFILES } from '../../users/profiles';

/** @typedef {import('../../users/api-token.schemas').ApiTokenView} ApiTokenView */

export async function renderTokens() {
  const t = TOKEN_LANGUAGES[savedLanguage()];
  const profileNames = text().profiles;
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/api-tokens'), entityNames()]);
  const shown = h('div', { id: 'token-shown', role: 'alert', hidden: true });
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
    try {
      const issued = await api('POST', '/api/v1/api-tokens', {
        name: field('name').value.trim(),
        profile: field('profile').value,
        entity: Number(field('entity').value),
        recursive: field('recursive').checked,
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
  const table = h('div', { id: 'tokens' });
  /** @param {ApiTokenView[]} tokens */
  const fillTable = (tokens) => {
    const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
    const rows = tokens.map((token) => {
      const revoke = h('button', { type: 'button', class: 'secondary', text: t.revokeWord, 'aria-label': t.revoke(token.name) });
      revoke.addEventListener('click', async () => {
        if (!confirm(t.confirm(token.name))) return;
        try {
          await api('DELETE', `/api/v1/api-tokens/${token.id}`);
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
        h('td', {}, h('code', { text: `${token.prefix}…` })),
        h('td', { text: `${profileNames[token.profile]} — ${entities.get(token.entity) ?? token.entity}` }),
        h('td', { text: dateTime(token.createdAt, t.locale) }),
        h('td', { text: token.lastUsedAt ? dateTime(token.lastUsedAt, t.locale) : t.never }),
        h('td', {}, token.revokedAt ? t.revokedOn(dateTime(token.revokedAt, t.locale)) : revoke),
      );
    });
    table.replaceChildren(
      tokens.length ? h('table', {}, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)) : h('p', { text: t.none }),
    );
  };
  const drawTable = async () => fillTable((await api('GET', '/api/v1/api-tokens')).items);
  fillTable(items);
  showContent(h('section', { class: 'card', id: 'api-tokens' }, h('h1', { text: t.title }), h('p', { text: t.intro }), table, shown, form));
}
