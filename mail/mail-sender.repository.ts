import { fn, col, Op, where } from 'sequelize';
import { UserRow } from '../users/user.models';
import type { MailAddress } from './incoming-message';

/** The enabled account whose e-mail address this is (compared without case), if any. */
export const userByEmail = (address: string): Promise<UserRow | null> =>
  UserRow.findOne({ where: [where(fn('LOWER', col('email')), address.toLowerCase()), { disabled: false }], order: [['id', 'ASC']] });

/** The enabled accounts of these addresses (compared without case), one per address. */
export async function usersByEmail(addresses: readonly string[]): Promise<UserRow[]> {
  if (addresses.length === 0) return [];
  const rows = await UserRow.findAll({
    where: [where(fn('LOWER', col('email')), { [Op.in]: addresses.map((address) => address.toLowerCase()) }), { disabled: false }],
    order: [['id', 'ASC']],
  });
  const byAddress = new Map<string, UserRow>();
  for (const row of rows) if (!byAddress.has(row.email!.toLowerCase())) byAddress.set(row.email!.toLowerCase(), row);
  return [...byAddress.values()];
}

/**
 * A requester of `entity` for someone who wrote to the desk without an account: known by their
 * address, with no password (they follow their tickets by e-mail until someone gives them one).
 */
export async function createEmailRequester(sender: MailAddress, entity: number): Promise<UserRow> {
  const [row] = await UserRow.findOrCreate({
    where: { login: sender.address },
    defaults: {
      login: sender.address,
      name: (sender.name.trim() || sender.address).slice(0, 255),
      email: sender.address,
      profile: 'requester',
      entity_id: entity,
      password_hash: '!',
      auth_source: 'email',
    },
  });
  return row;
}
