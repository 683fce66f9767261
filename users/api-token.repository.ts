import { randomBytes } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { NotFoundError, UnauthorizedError } from '../core/errors';
import { sha256Hex } from '../core/sha256';
import { ApiTokenRow, UserProfileRow, UserRow } from './user.models';
import type { ApiTokenView } from './api-token.schemas';
import { currentUserOf } from './current-user.repository';
import { accessVersionOf, WITH_ACCESS_VERSION } from './access-cache';
import type { CurrentUser } from './user';
import type { Profile } from './profiles';

/** API tokens start so, which tells them from login tokens at a glance (and in secret scanners). */
export const API_TOKEN_PREFIX = 'gch_';
const LAST_USED_PRECISION_MS = 60_000;

// A token's scope is the one grant its account holds.
const grantOf = (row: ApiTokenRow, transaction?: Transaction): Promise<UserProfileRow> =>
  UserProfileRow.findOne({ where: { user_id: row.user_id }, rejectOnEmpty: true, transaction });

function viewOf(row: ApiTokenRow, grant: UserProfileRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user: row.user_id,
    profile: grant.profile as Profile,
    entity: grant.entity_id,
    recursive: grant.recursive,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** What a new token is stored with: its account's one grant, and only the hash of its secret. */
export interface NewApiToken {
  name: string;
  profile: Profile;
  entity: number;
  recursive: boolean;
  tokenHash: string;
  prefix: string;
  createdBy: number;
  expiresAt: Date | null;
}

/** Stores a token with the account it acts as, which holds exactly the token's profile in its entity. */
export async function insertApiToken(token: NewApiToken, transaction: Transaction): Promise<ApiTokenView> {
  const account = await UserRow.create(
    {
      login: `api-${randomBytes(6).toString('hex')}`,
      name: token.name,
      email: null,
      profile: token.profile,
      entity_id: token.entity,
      // No password opens this account: only its token does.
      password_hash: '!',
      auth_source: 'token',
    },
    { transaction },
  );
  const grant = await UserProfileRow.create(
    { user_id: account.id, entity_id: token.entity, profile: token.profile, recursive: token.recursive },
    { transaction },
  );
  const row = await ApiTokenRow.create(
    {
      user_id: account.id,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      expires_at: token.expiresAt,
    },
    { transaction },
  );
  return viewOf(row, grant);
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  const rows = await ApiTokenRow.findAll({ order: [['id', 'ASC']] });
  const grants = await UserProfileRow.findAll({ where: { user_id: rows.map((row) => row.user_id) } });
  const grantOfUser = new Map(grants.map((grant) => [grant.user_id, grant]));
  return rows.map((row) => viewOf(row, grantOfUser.get(row.user_id)!));
}

/**
 * Marks a token revoked, once: `revokedNow` is false when it already was. A token whose entity
 * `mayRevokeIn` refuses does not exist for the caller.
 */
export async function markApiTokenRevoked(
  id: number,
  transaction: Transaction,
  mayRevokeIn: (entity: number) => boolean,
): Promise<{ token: ApiTokenView; revokedNow: boolean }> {
  const row = await ApiTokenRow.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  const grant = row && (await grantOf(row, transaction));
  if (!row || !grant || !mayRevokeIn(grant.entity_id)) throw new NotFoundError(`API token ${id}`);
  const revokedNow = row.revoked_at === null;
  if (revokedNow) await row.update({ revoked_at: new Date() }, { transaction });
  return { token: viewOf(row, grant), revokedNow };
}

/** The account behind a live API token; its last use is kept to the minute. */
export async function userOfApiToken(token: string): Promise<CurrentUser> {
  const row = await ApiTokenRow.findOne({
    attributes: WITH_ACCESS_VERSION,
    where: {
      token_hash: sha256Hex(token),
      revoked_at: null,
      [Op.or]: [{ expires_at: null }, { expires_at: { [Op.gt]: new Date() } }],
    },
    include: [{ model: UserRow, as: 'user', required: true }],
  });
  if (!row?.user || row.user.disabled) throw new UnauthorizedError('The API token is unknown, expired or revoked');
  const now = new Date();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
    await ApiTokenRow.update({ last_used_at: now }, { where: { id: row.id } });
  }
  return currentUserOf(row.user, row.id, accessVersionOf(row));
}
