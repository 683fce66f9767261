/* global setTimeout, clearTimeout */
// The assets a ticket concerns, picked: the ones chosen, each with a button that takes it off, and a
// search of the assets the caller may name (a requester her own, the desk its entities'), each
// found one added with a click.

import { api } from './api-client.js';
import { h } from './dom.js';

/** @typedef {{ id: number, name: string, model?: string | null }} PickedAsset */

const labelOf = (/** @type {PickedAsset} */ asset) => (asset.model ? `${asset.name} (${asset.model})` : asset.name);

/**
 * A fieldset named `assets` (where a form shows the API's refusal of that field) that holds the
 * assets `chosen` at first; `ids()` gives the ids picked, in the order picked.
 *
 * @param {typeof import('./asset-text.js').ASSET_LANGUAGES.fr} t
 * @param {PickedAsset[]} chosen
 */
export function assetPicker(t, chosen) {
  /** @type {Map<number, PickedAsset>} */
  const picked = new Map(chosen.map((asset) => [asset.id, asset]));
  const pickedList = h('ul', { class: 'picked-assets' });
  const search = /** @type {HTMLInputElement} */ (
    h('input', { type: 'search', 'aria-label': t.pickerSearch, placeholder: t.pickerSearch })
  );
  const found = h('ul', { class: 'found-assets', 'aria-live': 'polite' });
  /** @type {PickedAsset[]} */
  let candidates = [];

  function draw() {
    pickedList.replaceChildren(
      ...[...picked.values()].map((asset) => {
        const remove = h('button', { type: 'button', class: 'secondary', text: '×', 'aria-label': t.pickerRemove(asset.name) });
        remove.addEventListener('click', () => {
          picked.delete(asset.id);
          draw();
        });
        return h('li', {}, h('a', { href: `#/assets/${asset.id}`, text: labelOf(asset) }), ' ', remove);
      }),
    );
    const left = candidates.filter((asset) => !picked.has(asset.id));
    found.replaceChildren(
      ...(left.length === 0
        ? [h('li', { class: 'hint', text: t.pickerNone })]
        : left.map((asset) => {
            const add = h('button', { type: 'button', class: 'secondary', text: `+ ${labelOf(asset)}` });
            add.addEventListener('click', () => {
              picked.set(asset.id, asset);
              draw();
            });
            return h('li', {}, add);
          })),
    );
  }

  let asked = 0;
  async function find() {
    const mine = ++asked;
    const words = search.value.trim();
    const page = await api('GET', `/api/v1/assets?limit=10${words ? `&search=${encodeURIComponent(words)}` : ''}`).catch(() => ({
      items: [],
    }));
    if (mine !== asked) return;
    candidates = page.items;
    draw();
  }
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
  // Enter in the search looks for assets; it does not send the form.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    find();
  });
  draw();
  find();
  return {
    element: h('fieldset', { class: 'asset-picker', name: 'assets' }, h('legend', { text: t.concerned }), pickedList, search, found),
    ids: () => [...picked.keys()],
  };
}
