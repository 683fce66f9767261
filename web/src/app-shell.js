// What every ticket page shares: the page's words in the chosen language, the status line, and
// the change stream the page follows.

import { APP_LANGUAGES } from './app-text.js';
import { savedLanguage } from './language.js';

export const main = document.getElementById('main');
const flash = document.getElementById('flash');

/** The words of the language the user chose. */
export const text = () => APP_LANGUAGES[savedLanguage()];

/** Puts `content` on the page and moves the focus there. */
export function showContent(...content) {
  main.replaceChildren(...content);
  main.focus();
}

export function say(message) {
  flash.textContent = message;
}

// The change stream the page on show follows; the next page stops it.
let stopFollowing = () => {};

export function follow(stop) {
  stopFollowing();
  stopFollowing = stop;
}

export function stopFollowingChanges() {
  follow(() => {});
}
