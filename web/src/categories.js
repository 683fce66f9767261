// The category tree, read once per page load (it changes rarely) and shared by every page; read
// again on next use when it could not be.

import { api } from './api-client.js';
import { savedLanguage } from './language.js';

let categories;

/** Every category: `{ id, path: { fr, en }, … }`. */
export function categoryList() {
  categories ??= api('GET', '/api/v1/categories').then(
    ({ items }) => items,
    (error) => {
      categories = undefined;
      throw error;
    },
  );
  return categories;
}

/** Each category's path in `lang` (the user's language unless told), by id. */
export async function categoryPaths(lang = savedLanguage()) {
  return new Map((await categoryList()).map((c) => [c.id, c.path[lang]]));
}

/** The `[id, path]` entries of `paths`, in the alphabetical order of `locale`. */
export const sortedByPath = (paths, locale) => [...paths.entries()].sort((a, b) => a[1].localeCompare(b[1], locale));
