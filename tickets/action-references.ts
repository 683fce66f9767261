import { Op } from 'sequelize';
import { ConflictError, ValidationError } from '../core/errors';
import { SupportGroupRow, UserRow, type TicketRow } from '../db/models';

/** The support group that serves the level above `level`, if any (the oldest among several). */
export const nextLevelGroupId = async (level: number): Promise<number | null> =>
  (await SupportGroupRow.findOne({ where: { level: level + 1 }, order: [['id', 'ASC']] }))?.id ?? null;

/** Throws a ValidationError naming `field` unless every id is an existing user. */
export async function usersExistOrFail(ids: readonly number[], field: string): Promise<void> {
  if (!(await allUsersExist(ids))) throw new ValidationError({ [field]: `every ${field.slice(0, -1)} must be an existing user` });
}

const allUsersExist = async (ids: readonly number[]): Promise<boolean> =>
  (await UserRow.count({ where: { id: [...new Set(ids)] } })) === new Set(ids).size;

const idsIn = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : []);

// A group's manager validates for the group: the groups named become their managers.
async function managersOf(groupIds: number[], problems: Record<string, string>): Promise<number[]> {
  if (groupIds.length === 0) return [];
  const groups = await SupportGroupRow.findAll({ where: { id: { [Op.in]: groupIds } } });
  const managers = groups.map((group) => group.manager_id).filter((id): id is number => id !== null);
  if (groups.length !== new Set(groupIds).size) problems['validatorGroups'] = 'every validator group must exist';
  else if (managers.length !== groups.length) problems['validatorGroups'] = 'every validator group must have a manager';
  return managers;
}

/**
 * Checks the users and groups an action's payload names; turns validator groups into their managers
 * and picks the next level's group for an escalation that names none.
 */
export async function withReferencesChecked(
  action: string,
  payload: Record<string, unknown>,
  row: TicketRow,
): Promise<Record<string, unknown>> {
  const problems: Record<string, string> = {};
  for (const field of ['assignee', 'validator'] as const) {
    const id = payload[field];
    if (typeof id === 'number' && !(await UserRow.findByPk(id))) problems[field] = `user ${id} does not exist`;
  }
  if (!(await allUsersExist(idsIn(payload['validators'])))) problems['validators'] = 'every validator must be an existing user';
  const managers = await managersOf(idsIn(payload['validatorGroups']), problems);
  const group = payload['group'];
  if (typeof group === 'number' && !(await SupportGroupRow.findByPk(group))) problems['group'] = `group ${group} does not exist`;
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  if (action === 'request_validation' && managers.length > 0) {
    const named = [...idsIn(payload['validators']), ...(typeof payload['validator'] === 'number' ? [payload['validator']] : [])];
    return { ...payload, validators: [...new Set([...named, ...managers])] };
  }
  if (action !== 'escalate' || typeof group === 'number') return payload;
  const next = await nextLevelGroupId(row.level);
  if (next === null)
    throw new ConflictError('no_next_level', `No support group serves level ${row.level + 1}; name a group to escalate to`);
  return { ...payload, group: next };
}
