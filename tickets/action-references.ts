import { Op } from 'sequelize';
import { ConflictError, ValidationError } from '../core/errors';
import { GroupManagerRow, SupportGroupRow } from '../organisation/organisation.models';
import { UserRow } from '../users/user.models';
import { type TicketRow } from './ticket.models';
import { currentUserOf } from '../users/current-user.repository';
import { RIGHTS } from '../users/profiles';
import { userIn } from '../users/user';
import { type Profile } from '../users/profiles';

/** The support group that serves the level above `level`, if any (the oldest among several). */
export const nextLevelGroupId = async (level: number): Promise<number | null> =>
  (await SupportGroupRow.findOne({ where: { level: level + 1 }, order: [['id', 'ASC']] }))?.id ?? null;

/** Throws a ValidationError naming `field` unless every id is an existing user. */
export async function usersExistOrFail(ids: readonly number[], field: string): Promise<void> {
  if (!(await allUsersExist(ids))) throw new ValidationError({ [field]: `every ${field.slice(0, -1)} must be an existing user` });
}

const allUsersExist = async (ids: readonly number[]): Promise<boolean> =>
  (await UserRow.count({ where: { id: [...new Set(ids)] } })) === new Set(ids).size;

// Whether every user `ids` exists and holds one of `profiles` in `entity`.
async function holdIn(ids: readonly number[], entity: number, profiles: readonly Profile[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await UserRow.findAll({ where: { id: [...new Set(ids)] } });
  if (rows.length !== new Set(ids).size) return false;
  const users = await Promise.all(rows.map((row) => currentUserOf(row)));
  return users.every((user) => {
    const held = userIn(user, entity)?.profile;
    return held !== undefined && profiles.includes(held);
  });
}

const idsIn = (value: unknown): number[] => (Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : []);

// A group's managers validate for the group: the groups named become their managers.
async function managersOf(groupIds: number[], problems: Record<string, string>): Promise<number[]> {
  if (groupIds.length === 0) return [];
  const [groups, managers] = await Promise.all([
    SupportGroupRow.count({ where: { id: { [Op.in]: groupIds } } }),
    GroupManagerRow.findAll({ where: { group_id: { [Op.in]: groupIds } } }),
  ]);
  if (groups !== new Set(groupIds).size) problems['validatorGroups'] = 'every validator group must exist';
  else if (new Set(managers.map((m) => m.group_id)).size !== groups)
    problems['validatorGroups'] = 'every validator group must have a manager';
  return [...new Set(managers.map((m) => m.user_id))];
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
  // Whom an action names must belong where the ticket does: an assignee works its entity, a validator holds a profile there.
  const assignee = payload['assignee'];
  if (typeof assignee === 'number' && !(await holdIn([assignee], row.entity_id, RIGHTS.desk))) {
    problems['assignee'] = `user ${assignee} does not exist or does not work this ticket's entity`;
  }
  const validator = payload['validator'];
  if (typeof validator === 'number' && !(await holdIn([validator], row.entity_id, RIGHTS.everyone))) {
    problems['validator'] = `user ${validator} does not exist or holds no profile in this ticket's entity`;
  }
  if (!(await holdIn(idsIn(payload['validators']), row.entity_id, RIGHTS.everyone))) {
    problems['validators'] = "every validator must be a user with a profile in this ticket's entity";
  }
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
