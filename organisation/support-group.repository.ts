import { Op, type Sequelize, type Transaction } from 'sequelize';
import { NotFoundError, ValidationError } from '../core/errors';
import { UserRow } from '../users/user.models';
import { GroupManagerRow, GroupMemberRow, SupportGroupRow } from './organisation.models';
import type { CreateGroupBody, EditGroupBody, SupportGroupDetail, SupportGroupView } from './support-group.schemas';

type Membership = typeof GroupMemberRow | typeof GroupManagerRow;

/** The people who are members of any of `groups`, each once. */
export async function membersOfGroups(groups: readonly number[], transaction?: Transaction): Promise<number[]> {
  if (groups.length === 0) return [];
  const rows = await GroupMemberRow.findAll({ where: { group_id: [...groups] }, transaction });
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Throws a ValidationError naming `field` when support group `id` does not exist. */
export async function groupExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await SupportGroupRow.findByPk(id))) throw new ValidationError({ [field]: `support group ${id} does not exist` });
}

// The people of `table` in each of `groups`, by id.
async function peopleByGroup(table: Membership, groups: readonly number[]): Promise<Map<number, number[]>> {
  const rows = groups.length === 0 ? [] : await table.findAll({ where: { group_id: [...groups] }, order: [['user_id', 'ASC']] });
  const byGroup = new Map<number, number[]>(groups.map((group) => [group, []]));
  for (const row of rows) byGroup.get(row.group_id)?.push(row.user_id);
  return byGroup;
}

const toGroupView = (row: SupportGroupRow, managers: number[]): SupportGroupView => ({
  id: row.id,
  name: row.name,
  level: row.level,
  entity: row.entity_id,
  managers,
});

/** The support groups of these entities, by level then name. */
export async function listGroups(seenIn: readonly number[]): Promise<SupportGroupView[]> {
  const rows = await SupportGroupRow.findAll({
    where: { entity_id: [...seenIn] },
    order: [
      ['level', 'ASC'],
      ['name', 'ASC'],
    ],
  });
  const managers = await peopleByGroup(
    GroupManagerRow,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toGroupView(row, managers.get(row.id) ?? []));
}

export async function groupOrFail(id: number): Promise<SupportGroupRow> {
  const row = await SupportGroupRow.findByPk(id);
  if (!row) throw new NotFoundError(`support group ${id}`);
  return row;
}

export async function groupDetailOf(row: SupportGroupRow): Promise<SupportGroupDetail> {
  const [managers, members] = await Promise.all([peopleByGroup(GroupManagerRow, [row.id]), peopleByGroup(GroupMemberRow, [row.id])]);
  return { ...toGroupView(row, managers.get(row.id) ?? []), members: members.get(row.id) ?? [] };
}

// Two groups of one entity never share a name.
async function uniqueNameOrFail(entity: number, name: string, except?: number): Promise<void> {
  const clash = await SupportGroupRow.findOne({ where: { entity_id: entity, name, ...(except && { id: { [Op.ne]: except } }) } });
  if (clash) throw new ValidationError({ name: `a group named ${name} exists already in this entity` });
}

// Makes exactly `people` the group's members (or managers): those left out leave, the others stay or join.
async function setPeople(table: Membership, group: number, people: readonly number[], transaction: Transaction): Promise<void> {
  await table.destroy({ where: { group_id: group, user_id: { [Op.notIn]: [0, ...people] } }, transaction });
  const rows = [...new Set(people)].map((user) => ({ group_id: group, user_id: user }));
  if (rows.length > 0) await table.bulkCreate(rows, { ignoreDuplicates: true, transaction });
}

/** Creates the group with its members and managers, all or nothing. */
export async function createGroup(sequelize: Sequelize, body: CreateGroupBody): Promise<SupportGroupRow> {
  await uniqueNameOrFail(body.entity, body.name);
  return sequelize.transaction(async (transaction) => {
    const row = await SupportGroupRow.create({ name: body.name, level: body.level, entity_id: body.entity }, { transaction });
    await setPeople(GroupMemberRow, row.id, body.members, transaction);
    await setPeople(GroupManagerRow, row.id, body.managers, transaction);
    return row;
  });
}

/** Changes what `edit` names, all or nothing; a list named replaces the whole list. */
export async function updateGroup(sequelize: Sequelize, row: SupportGroupRow, edit: EditGroupBody): Promise<SupportGroupRow> {
  if (edit.name !== undefined) await uniqueNameOrFail(row.entity_id, edit.name, row.id);
  return sequelize.transaction(async (transaction) => {
    await row.update(
      {
        ...(edit.name !== undefined && { name: edit.name }),
        ...(edit.level !== undefined && { level: edit.level }),
      },
      { transaction },
    );
    if (edit.members) await setPeople(GroupMemberRow, row.id, edit.members, transaction);
    if (edit.managers) await setPeople(GroupManagerRow, row.id, edit.managers, transaction);
    return row;
  });
}

/** Throws a ValidationError naming `field` unless every id is an enabled account holding one of `profiles` (`who` says which). */
export async function accountsOrFail(ids: readonly number[], profiles: readonly string[], field: string, who: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await UserRow.findAll({ where: { id: [...new Set(ids)], disabled: false }, attributes: ['id', 'profile'] });
  const fit = new Set(rows.filter((row) => profiles.includes(row.profile)).map((row) => row.id));
  const misfits = [...new Set(ids)].filter((id) => !fit.has(id));
  if (misfits.length > 0) throw new ValidationError({ [field]: `not an enabled account${who ? ` ${who}` : ''}: ${misfits.join(', ')}` });
}
