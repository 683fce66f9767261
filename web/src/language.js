/* global localStorage, CustomEvent */
// The language the user reads guichet in: French unless they chose English, kept in this browser
// and shared by every page. Choosing one tells the pages through a `guichet:language` event.

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
  const group = document.createElement('div');
  group.className = 'languages';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  for (const code of LANGUAGE_CODES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.lang = code;
    button.setAttribute('aria-pressed', String(code === lang));
    button.textContent = code.toUpperCase();
    button.addEventListener('click', () => {
      if (code === lang) return;
      saveLanguage(code);
      chosen(code);
    });
    group.append(button);
  }
  return group;
}
