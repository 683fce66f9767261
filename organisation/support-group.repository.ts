import { Op, type Sequelize } from 'sequelize';
import { NotFoundError, ValidationError } from '../core/errors';
import { UserRow } from '../users/user.models';
import { SupportGroupRow } from './organisation.models';
import type { CreateGroupBody, EditGroupBody, SupportGroupDetail, SupportGroupView } from './support-group.schemas';

const toGroupView = (row: SupportGroupRow): SupportGroupView => ({
  id: row.id,
  name: row.name,
  level: row.level,
  entity: row.entity_id,
  manager: row.manager_id ?? null,
});

/** Throws a ValidationError naming `field` when support group `id` does not exist. */
export async function groupExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await SupportGroupRow.findByPk(id))) throw new ValidationError({ [field]: `support group ${id} does not exist` });
}

/** The support groups of these entities, by level then name. */
export async function listGroups(seenIn: readonly number[]): Promise<SupportGroupView[]> {
  const rows = await SupportGroupRow.findAll({
    where: { entity_id: [...seenIn] },
    order: [
      ['level', 'ASC'],
      ['name', 'ASC'],
    ],
  });
  return rows.map(toGroupView);
}

export async function groupOrFail(id: number): Promise<SupportGroupRow> {
  const row = await SupportGroupRow.findByPk(id);
  if (!row) throw new NotFoundError(`support group ${id}`);
  return row;
}

export async function groupDetailOf(row: SupportGroupRow): Promise<SupportGroupDetail> {
  const members = await UserRow.findAll({ where: { group_id: row.id }, attributes: ['id', 'login', 'name'], order: [['name', 'ASC']] });
  return { ...toGroupView(row), members: members.map(({ id, login, name }) => ({ id, login, name })) };
}

// Two groups of one entity never share a name.
async function uniqueNameOrFail(entity: number, name: string, except?: number): Promise<void> {
  const clash = await SupportGroupRow.findOne({ where: { entity_id: entity, name, ...(except && { id: { [Op.ne]: except } }) } });
  if (clash) throw new ValidationError({ name: `a group named ${name} exists already in this entity` });
}

export async function createGroup(body: CreateGroupBody): Promise<SupportGroupRow> {
  await uniqueNameOrFail(body.entity, body.name);
  return SupportGroupRow.create({ name: body.name, level: body.level, entity_id: body.entity, manager_id: body.manager });
}

export async function updateGroup(row: SupportGroupRow, edit: EditGroupBody): Promise<SupportGroupRow> {
  if (edit.name !== undefined) await uniqueNameOrFail(row.entity_id, edit.name, row.id);
  return row.update({
    ...(edit.name !== undefined && { name: edit.name }),
    ...(edit.level !== undefined && { level: edit.level }),
    ...(edit.manager !== undefined && { manager_id: edit.manager }),
  });
}

/** Makes exactly `members` the group's members, in one transaction: those left out leave it. */
export async function setGroupMembers(sequelize: Sequelize, row: SupportGroupRow, members: readonly number[]): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await UserRow.update({ group_id: null }, { where: { group_id: row.id, id: { [Op.notIn]: [0, ...members] } }, transaction });
    if (members.length > 0) await UserRow.update({ group_id: row.id }, { where: { id: [...members] }, transaction });
  });
}

/** Throws a ValidationError naming `field` unless every id is an enabled account holding one of `profiles`. */
export async function accountsOrFail(ids: readonly number[], profiles: readonly string[], field: string): Promise<void> {
  const rows = await UserRow.findAll({ where: { id: [...new Set(ids)], disabled: false }, attributes: ['id', 'profile'] });
  const fit = new Set(rows.filter((row) => profiles.includes(row.profile)).map((row) => row.id));
  const misfits = [...new Set(ids)].filter((id) => !fit.has(id));
  if (misfits.length > 0) throw new ValidationError({ [field]: `not an enabled account of the desk: ${misfits.join(', ')}` });
}
