/* global localStorage, CustomEvent */
// The language the user reads guichet in: French unless they chose English, kept in this browser
// and shared by every page. Choosing one tells the pages through a `guichet:language` event.

import { h } from './dom.js';

// Named when only the dashboards had a switch; kept so that nobody's earlier choice is lost.
const LANGUAGE_KEY = 'guichet.dashboard.language';

export const LANGUAGE_CODES = ['fr', 'en'];

export function savedLanguage() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGE_CODES.includes(saved) ? saved : 'fr';
}

export function saveLanguage(code) {
  localStorage.setItem(LANGUAGE_KEY, code);
  document.dispatchEvent(new CustomEvent('guichet:language', { detail: code }));
}

/** The FR / EN buttons, the current one pressed; choosing the other saves it and calls `chosen(code)`. */
export function languageSwitch(lang, label, chosen) {
  const buttons = LANGUAGE_CODES.map((code) => {
    const button = h('button', { type: 'button', lang: code, 'aria-pressed': String(code === lang), text: code.toUpperCase() });
    button.addEventListener('click', () => {
      if (code === lang) return;
      saveLanguage(code);
      chosen(code);
    });
    return button;
  });
  return h('div', { class: 'languages', role: 'group', 'aria-label': label }, buttons);
}
