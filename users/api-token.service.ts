import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { sha256Hex } from '../core/sha256';
import { administeredOrFail, administers } from './access';
import { API_TOKEN_PREFIX, insertApiToken, listApiTokens, markApiTokenRevoked } from './api-token.repository';
import type { ApiTokenView, CreateApiTokenBody } from './api-token.schemas';
import type { CurrentUser } from './user';

/**
 * API tokens for external systems, issued and revoked by the administrators of their entity;
 * each issue and revocation is audited in the same transaction as the change.
 */
export function createApiTokenService(sequelize: Sequelize) {
  return {
    /** Issues a token; it is in this answer and nowhere else (only its SHA-256 is kept). */
    async create(admin: CurrentUser, body: CreateApiTokenBody): Promise<ApiTokenView & { token: string }> {
      administeredOrFail(admin, body.entity, 'entity');
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
      const view = await sequelize.transaction(async (transaction) => {
        const created = await insertApiToken(
          {
            ...body,
            tokenHash: sha256Hex(token),
            prefix,
            createdBy: admin.id,
            expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
          },
          transaction,
        );
        const details = { name: body.name, profile: body.profile, entity: body.entity, recursive: body.recursive, prefix };
        await recordAudit({ kind: 'token_created', actorId: admin.id, subject: `api_token:${created.id}`, details }, transaction);
        return created;
      });
      return { ...view, token };
    },

    /** The tokens of the entities the caller administers. */
    list: async (admin: CurrentUser): Promise<ApiTokenView[]> =>
      (await listApiTokens()).filter((token) => administers(admin, token.entity)),

    /** Revokes a token for good: its next request is refused. Revoking it again changes nothing; another entity's token does not exist. */
    async revoke(admin: CurrentUser, id: number): Promise<ApiTokenView> {
      return sequelize.transaction(async (transaction) => {
        const { token, revokedNow } = await markApiTokenRevoked(id, transaction, (entity) => administers(admin, entity));
        if (revokedNow) {
          const details = { name: token.name };
          await recordAudit({ kind: 'token_revoked', actorId: admin.id, subject: `api_token:${id}`, details }, transaction);
        }
        return token;
      });
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
