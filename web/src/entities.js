// The entities the caller sees, by id, for the pages that name or choose them.

import { api } from './api-client.js';

/** @returns {Promise<Map<number, string>>} each entity's name by its id */
export async function entityNames() {
  const { items } = await api('GET', '/api/v1/entities');
  return new Map(items.map((entity) => [entity.id, entity.name]));
}
