import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { sha256Hex } from '../core/sha256';
import type { AgentTokenView } from './agent-token.schemas';

interface AgentTokenRow {
  id: number;
  entity_id: number;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

const viewOf = (row: AgentTokenRow): AgentTokenView => ({
  id: row.id,
  name: row.name,
  entity: row.entity_id,
  createdAt: new Date(row.created_at).toISOString(),
  revokedAt: row.revoked_at && new Date(row.revoked_at).toISOString(),
});

/** The token an agent presents, when it is one and not revoked: the entity its inventories go to. */
export async function agentTokenOf(sequelize: Sequelize, secret: string): Promise<{ id: number; entity: number } | undefined> {
  const [row] = await sequelize.query<AgentTokenRow>(
    'SELECT id, entity_id FROM inventory_agent_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    {
      replacements: [sha256Hex(secret)],
      type: QueryTypes.SELECT,
    },
  );
  return row && { id: row.id, entity: row.entity_id };
}

export async function insertAgentToken(
  sequelize: Sequelize,
  token: { name: string; entity: number; secret: string; createdBy: number },
  transaction: Transaction,
): Promise<AgentTokenView> {
  const now = new Date();
  const [id] = await sequelize.query(
    'INSERT INTO inventory_agent_tokens (entity_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
    { replacements: [token.entity, token.name, sha256Hex(token.secret), token.createdBy, now], type: QueryTypes.INSERT, transaction },
  );
  return viewOf({ id, entity_id: token.entity, name: token.name, created_at: now, revoked_at: null });
}

export async function listAgentTokens(sequelize: Sequelize): Promise<AgentTokenView[]> {
  const rows = await sequelize.query<AgentTokenRow>(
    'SELECT id, entity_id, name, created_at, revoked_at FROM inventory_agent_tokens ORDER BY id',
    {
      type: QueryTypes.SELECT,
    },
  );
  return rows.map(viewOf);
}

/** Revokes the token if `mayRevoke` its entity; undefined when there is no such token for the caller. */
export async function markAgentTokenRevoked(
  sequelize: Sequelize,
  id: number,
  mayRevoke: (entity: number) => boolean,
  transaction: Transaction,
): Promise<{ token: AgentTokenView; revokedNow: boolean } | undefined> {
  const [row] = await sequelize.query<AgentTokenRow>(
    'SELECT id, entity_id, name, created_at, revoked_at FROM inventory_agent_tokens WHERE id = ? FOR UPDATE',
    { replacements: [id], type: QueryTypes.SELECT, transaction },
  );
  if (!row || !mayRevoke(row.entity_id)) return undefined;
  if (row.revoked_at) return { token: viewOf(row), revokedNow: false };
  const revokedAt = new Date();
  await sequelize.query('UPDATE inventory_agent_tokens SET revoked_at = ? WHERE id = ?', { replacements: [revokedAt, id], transaction });
  return { token: viewOf({ ...row, revoked_at: revokedAt }), revokedNow: true };
}
