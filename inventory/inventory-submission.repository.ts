import { deflateSync, inflateSync } from 'node:zlib';
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';

/** An inventory as received, waiting for its turn. */
export interface QueuedInventory {
  id: number;
  entity: number;
  deviceId: string;
  xml: string;
}

/**
 * Keeps an agent's inventory until it is processed: once this returns, it will be, whatever stops.
 * An inventory of the same device still waiting is superseded (what it said is in this one), so
 * an agent sending again and again queues one inventory, not a backlog.
 */
export async function queueInventory(
  sequelize: Sequelize,
  submission: { entity: number; tokenId: number; deviceId: string; xml: string },
): Promise<number> {
  const deviceId = submission.deviceId.slice(0, 255);
  // Read committed: no gap locks, so agents sending at once do not deadlock on the index between their devices.
  return sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, async (transaction) => {
    await sequelize.query(
      "UPDATE inventory_submissions SET state = 'superseded', content = '', processed_at = UTC_TIMESTAMP(3) WHERE device_id = ? AND state = 'queued'",
      { replacements: [deviceId], transaction },
    );
    const [id] = await sequelize.query(
      "INSERT INTO inventory_submissions (entity_id, token_id, device_id, content, received_at, state) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), 'queued')",
      {
        replacements: [submission.entity, submission.tokenId, deviceId, deflateSync(submission.xml)],
        type: QueryTypes.INSERT,
        transaction,
      },
    );
    return id;
  });
}

/** The oldest inventory waiting, locked for this transaction (other processors take the next ones). */
export async function claimQueuedInventory(sequelize: Sequelize, transaction: Transaction): Promise<QueuedInventory | undefined> {
  const [row] = await sequelize.query<{ id: number; entity_id: number; device_id: string; content: Buffer }>(
    "SELECT id, entity_id, device_id, content FROM inventory_submissions WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    { type: QueryTypes.SELECT, transaction },
  );
  return row && { id: Number(row.id), entity: row.entity_id, deviceId: row.device_id, xml: inflateSync(row.content).toString('utf8') };
}

/**
 * Marks an inventory processed (into `computerId`) or refused (with the reason). Its device's
 * earlier inventories lose their XML: each device keeps its latest, to read when one is refused.
 */
export async function settleInventory(
  sequelize: Sequelize,
  queued: Pick<QueuedInventory, 'id' | 'deviceId'>,
  outcome: { computerId: number } | { error: string },
  transaction: Transaction,
): Promise<void> {
  const done = 'computerId' in outcome;
  await sequelize.query(
    'UPDATE inventory_submissions SET state = ?, asset_id = ?, error = ?, processed_at = UTC_TIMESTAMP(3) WHERE id = ?',
    {
      replacements: [done ? 'done' : 'refused', done ? outcome.computerId : null, done ? null : outcome.error.slice(0, 1000), queued.id],
      transaction,
    },
  );
  await sequelize.query(
    "UPDATE inventory_submissions SET content = '' WHERE device_id = ? AND id < ? AND state <> 'queued' AND LENGTH(content) > 0",
    { replacements: [queued.deviceId, queued.id], transaction },
  );
}

/** Where an inventory stands: queued, done (with its computer) or refused (with why). */
export async function inventoryState(
  sequelize: Sequelize,
  id: number,
): Promise<{ state: string; computerId: number | null; error: string | null } | undefined> {
  const [row] = await sequelize.query<{ state: string; asset_id: number | null; error: string | null }>(
    'SELECT state, asset_id, error FROM inventory_submissions WHERE id = ?',
    { replacements: [id], type: QueryTypes.SELECT },
  );
  return row && { state: row.state, computerId: row.asset_id, error: row.error };
}
