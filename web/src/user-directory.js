// The users of the entities where the caller works tickets, read whole, page after page.

import { api } from './api-client.js';

/** @typedef {import('../../users/user').UserView} UserView */

/** Every user the caller may list (the desk's entities), in id order. */
export async function allUsers() {
  /** @type {UserView[]} */
  const users = [];
  let cursor = '';
  do {
    const page = await api('GET', `/api/v1/users?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    users.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return users;
}
