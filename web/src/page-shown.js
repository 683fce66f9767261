// Pages draw once their answers arrive; by then the user may have gone to another page.

/**
 * Notes the page on show now (the address's hash); the answer tells whether it still is, so that a
 * late answer draws nothing over the newer page.
 *
 * @example const stillShown = pageShown(); const data = await api('GET', path); if (!stillShown()) return;
 */
export function pageShown() {
  const shown = location.hash;
  return () => location.hash === shown;
}
