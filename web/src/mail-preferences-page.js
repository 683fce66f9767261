// The user's own page (#/me): in which language guichet writes to them by e-mail, and which of
// its notices they want.

import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { h } from './dom.js';
import { labelled, showFieldErrors } from './forms.js';
import { NOTICES } from '../../mail/notice-kinds';

export async function renderMailPreferences() {
  const t = text();
  const words = t.me;
  const chosen = await api('GET', '/api/v1/mail-preferences');
  const language = h(
    'select',
    { name: 'language' },
    ...['fr', 'en'].map((code) => h('option', { value: code, text: words.languages[code], selected: chosen.language === code })),
  );
  const notices = NOTICES.map((notice) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'notice', value: notice, checked: !chosen.muted.includes(notice) }),
      ' ',
      h('span', { text: words.notices[notice] }),
    ),
  );
  const form = h(
    'form',
    { class: 'card', id: 'mail-preferences' },
    h('h1', { text: words.heading }),
    labelled(words.language, language),
    h('fieldset', {}, h('legend', { text: words.wanted }), ...notices.flatMap((notice) => [notice, h('br')])),
    h('button', { type: 'submit', text: words.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wanted = new Set(
      notices
        .map((label) => label.querySelector('input'))
        .filter((box) => box.checked)
        .map((box) => box.value),
    );
    try {
      await api('PATCH', '/api/v1/mail-preferences', {
        language: /** @type {HTMLSelectElement} */ (language).value,
        muted: NOTICES.filter((notice) => !wanted.has(notice)),
      });
      say(words.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  showContent(form);
}
