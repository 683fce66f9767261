/* global confirm */
// What the API-token and agent-token pages share: the tokens of a collection with a button that
// revokes each, and the form that issues one — its token shown once, in the page only.

import { api } from './api-client.js';
import { say } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { showFieldErrors } from './forms.js';

/**
 * The table of the tokens at `path` (first `items`), drawn again after each change, and the block
 * showing a token just issued through `form`, whose values `bodyOf` turns into the API's body.
 * `cellsOf` gives a token's cells before its state; `t` holds the page's words; `ids` names the
 * table's and the shown token's elements.
 *
 * @returns {{ table: HTMLElement, shown: HTMLElement }}
 */
export function issuedTokens({ path, items, form, bodyOf, cellsOf, t, ids }) {
  const shown = h('div', { id: ids.shown, role: 'alert', hidden: true });
  const table = h('div', { id: ids.table });
  const fill = (tokens) => {
    const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
    const rows = tokens.map((token) => {
      const revoke = h('button', { type: 'button', class: 'secondary', text: t.revokeWord, 'aria-label': t.revoke(token.name) });
      revoke.addEventListener('click', async () => {
        if (!confirm(t.confirm(token.name))) return;
        try {
          await api('DELETE', `${path}/${token.id}`);
          say(t.revoked(token.name));
          await draw();
        } catch (error) {
          say(error.message);
        }
      });
      return h('tr', {}, ...cellsOf(token), h('td', {}, token.revokedAt ? t.revokedOn(dateTime(token.revokedAt, t.locale)) : revoke));
    });
    table.replaceChildren(
      tokens.length ? h('table', {}, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)) : h('p', { text: t.none }),
    );
  };
  const draw = async () => fill((await api('GET', path)).items);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
    try {
      const issued = await api('POST', path, bodyOf(field));
      showFieldErrors(form, null);
      form.reset();
      shown.replaceChildren(h('p', { text: t.shownOnce }), h('output', { class: 'token', text: issued.token }));
      shown.hidden = false;
      say(t.issued(issued.name));
      await draw();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  fill(items);
  return { table, shown };
}
