import { UserRow } from './user.models';

/** The display names of the users `ids`, by id; ids without a user are left out. */
export async function userNamesOf(ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await UserRow.findAll({ where: { id: ids }, attributes: ['id', 'name'] });
  return new Map(rows.map((row) => [row.id, row.name]));
}
