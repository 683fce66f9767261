import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { NotFoundError, UnauthorizedError } from '../core/errors';
import type { Sequelize } from 'sequelize';
import { ApiTokenRow, UserProfileRow, UserRow } from '../db/models';
import { administeredOrFail } from './access';
import type { ApiTokenView, CreateApiTokenBody } from './api-token.schemas';
import { currentUserOf } from './current-user.repository';
import type { CurrentUser } from './user';
import type { Profile } from './profiles';

/** API tokens start so, which tells them from login tokens at a glance (and in secret scanners). */
export const API_TOKEN_PREFIX = 'gch_';
const LAST_USED_PRECISION_MS = 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

// A token's scope is the one grant its account holds.
const grantOf = (row: ApiTokenRow): Promise<UserProfileRow> =>
  UserProfileRow.findOne({ where: { user_id: row.user_id }, rejectOnEmpty: true });

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

/**
 * Creates a token for an external system, acting as an account of its own that holds exactly the
 * token's profile in its entity. Only its SHA-256 is kept: the token is in this answer and nowhere else.
 */
export async function createApiToken(
  sequelize: Sequelize,
  admin: CurrentUser,
  body: CreateApiTokenBody,
): Promise<ApiTokenView & { token: string }> {
  administeredOrFail(admin, body.entity, 'entity');
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await sequelize.transaction(async (transaction) => {
    const account = await UserRow.create(
      {
        login: `api-${randomBytes(6).toString('hex')}`,
        name: body.name,
        email: null,
        profile: body.profile,
        group_id: null,
        entity_id: body.entity,
        // No password opens this account: only its token does.
        password_hash: '!',
        auth_source: 'token',
      },
      { transaction },
    );
    await UserProfileRow.create(
      { user_id: account.id, entity_id: body.entity, profile: body.profile, recursive: body.recursive },
      { transaction },
    );
    return ApiTokenRow.create(
      {
        user_id: account.id,
        name: body.name,
        token_hash: sha256(token),
        prefix,
        created_by: admin.id,
        expires_at: body.expiresAt ? new Date(body.expiresAt) : null,
      },
      { transaction },
    );
  });
  await recordAudit({
    kind: 'token_created',
    actorId: admin.id,
    subject: `api_token:${row.id}`,
    details: { name: body.name, profile: body.profile, entity: body.entity, recursive: body.recursive, prefix },
  });
  return { ...viewOf(row, await grantOf(row)), token };
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  const rows = await ApiTokenRow.findAll({ order: [['id', 'ASC']] });
  const grants = await UserProfileRow.findAll({ where: { user_id: rows.map((row) => row.user_id) } });
  const grantOfUser = new Map(grants.map((grant) => [grant.user_id, grant]));
  return rows.map((row) => viewOf(row, grantOfUser.get(row.user_id)!));
}

/** Revokes a token for good: its next request is refused. */
export async function revokeApiToken(admin: CurrentUser, id: number): Promise<ApiTokenView> {
  const row = await ApiTokenRow.findByPk(id);
  if (!row) throw new NotFoundError(`API token ${id}`);
  if (row.revoked_at === null) {
    await row.update({ revoked_at: new Date() });
    await recordAudit({ kind: 'token_revoked', actorId: admin.id, subject: `api_token:${row.id}`, details: { name: row.name } });
  }
  return viewOf(row, await grantOf(row));
}

/** The account behind a live API token; its last use is kept to the minute. */
export async function userOfApiToken(token: string): Promise<CurrentUser> {
  const row = await ApiTokenRow.findOne({
    where: {
      token_hash: sha256(token),
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
  return currentUserOf(row.user, row.id);
}
