import { listCategories } from '../organisation/category.repository';
import { EntityRow, SupportGroupRow } from '../organisation/organisation.models';
import type { TicketView } from '../tickets/ticket.schemas';
import { userNamesOf } from '../users/user-names.repository';

/** Names shown in place of ids: entities, categories (their full path), people and groups. */
export interface DropdownNames {
  entities: Map<number, string>;
  categories: Map<number, string>;
  users: Map<number, string>;
  groups: Map<number, string>;
}

/** The names the tickets `views` name. */
export async function dropdownNamesOf(views: readonly TicketView[]): Promise<DropdownNames> {
  const people = [...new Set(views.flatMap((view) => [...view.requesters, ...view.assignees, ...view.observers]))];
  const groupIds = [...new Set(views.flatMap((view) => view.groups))];
  const entityIds = [...new Set(views.map((view) => view.entity))];
  const [entities, categories, users, groups] = await Promise.all([
    entityIds.length === 0 ? [] : EntityRow.findAll({ where: { id: entityIds }, attributes: ['id', 'name'] }),
    views.some((view) => view.category !== null) ? listCategories() : [],
    userNamesOf(people),
    groupIds.length === 0 ? [] : SupportGroupRow.findAll({ where: { id: groupIds }, attributes: ['id', 'name'] }),
  ]);
  return {
    entities: new Map(entities.map((row) => [row.id, row.name])),
    categories: new Map(categories.map((category) => [category.id, category.path.fr])),
    users,
    groups: new Map(groups.map((row) => [row.id, row.name])),
  };
}

/** The names of the entities `ids`. */
export async function entityNamesOf(ids: readonly number[]): Promise<Map<number, string>> {
  const rows = ids.length === 0 ? [] : await EntityRow.findAll({ where: { id: [...ids] }, attributes: ['id', 'name'] });
  return new Map(rows.map((row) => [row.id, row.name]));
}
