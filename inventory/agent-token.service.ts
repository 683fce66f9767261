import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { NotFoundError } from '../core/errors';
import { administeredOrFail, administers } from '../users/access';
import type { CurrentUser } from '../users/user';
import { insertAgentToken, listAgentTokens, markAgentTokenRevoked } from './agent-token.repository';
import type { AgentTokenView, CreateAgentTokenBody } from './agent-token.schemas';

const AGENT_TOKEN_PREFIX = 'gia_';

/**
 * The tokens inventory agents present (as their HTTP password): one per entity or site, issued and
 * revoked by the entity's administrators, audited like API tokens.
 */
export function createAgentTokenService(sequelize: Sequelize) {
  return {
    /** Issues a token; it is in this answer and nowhere else (only its SHA-256 is kept). */
    async create(admin: CurrentUser, body: CreateAgentTokenBody): Promise<AgentTokenView & { token: string }> {
      administeredOrFail(admin, body.entity, 'entity');
      const secret = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const view = await sequelize.transaction(async (transaction) => {
        const created = await insertAgentToken(sequelize, { ...body, secret, createdBy: admin.id }, transaction);
        await recordAudit(
          {
            kind: 'token_created',
            actorId: admin.id,
            subject: `agent_token:${created.id}`,
            details: { name: body.name, entity: body.entity },
          },
          transaction,
        );
        return created;
      });
      return { ...view, token: secret };
    },

    /** The agent tokens of the entities the caller administers. */
    list: async (admin: CurrentUser): Promise<AgentTokenView[]> =>
      (await listAgentTokens(sequelize)).filter((token) => administers(admin, token.entity)),

    /** Revokes a token for good: its agents' next inventory is refused. */
    async revoke(admin: CurrentUser, id: number): Promise<AgentTokenView> {
      return sequelize.transaction(async (transaction) => {
        const revoked = await markAgentTokenRevoked(sequelize, id, (entity) => administers(admin, entity), transaction);
        if (!revoked) throw new NotFoundError(`Agent token ${id}`);
        if (revoked.revokedNow) {
          const details = { name: revoked.token.name };
          await recordAudit({ kind: 'token_revoked', actorId: admin.id, subject: `agent_token:${id}`, details }, transaction);
        }
        return revoked.token;
      });
    },
  };
}

export type AgentTokenService = ReturnType<typeof createAgentTokenService>;
