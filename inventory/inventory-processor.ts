import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { DomainError } from '../core/errors';
import { computerOfInventory } from './agent-inventory';
import { computerChanges } from './computer-changes';
import { identitiesOf, matchingComputer } from './computer-matching';
import {
  computersSharingIdentities,
  insertComputer,
  recordAssetChanges,
  storedComputerFacts,
  updateInventoriedComputer,
} from './computer.repository';
import { claimQueuedInventory, settleInventory } from './inventory-submission.repository';

/**
 * Processes the oldest queued inventory, if any: the computer it describes is created, or matched
 * and brought up to date with its changes in its history — all in one transaction with the
 * inventory marked done, so a crash leaves it queued. An unreadable inventory is refused, not retried.
 */
export async function processNextInventory(sequelize: Sequelize): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const queued = await claimQueuedInventory(sequelize, transaction);
    if (!queued) return false;
    let seen;
    try {
      seen = computerOfInventory(queued.xml);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await settleInventory(sequelize, queued, { error: JSON.stringify(error.details ?? error.message) }, transaction);
      return true;
    }
    const { deviceId, ...facts } = seen;
    const known = matchingComputer(seen, await computersSharingIdentities(sequelize, identitiesOf(seen), transaction));
    let computerId: number;
    if (known) {
      computerId = known.id;
      const before = await storedComputerFacts(sequelize, computerId, transaction);
      await updateInventoriedComputer(sequelize, computerId, before, seen, transaction);
      await recordAssetChanges(
        sequelize,
        { type: 'computer', id: computerId },
        computerChanges(before, facts),
        { source: 'agent' },
        transaction,
      );
    } else {
      computerId = await insertComputer(sequelize, queued.entity, seen, transaction);
      await recordAssetChanges(
        sequelize,
        { type: 'computer', id: computerId },
        [{ field: 'created', before: null, after: `${facts.name} (${deviceId})` }],
        { source: 'agent' },
        transaction,
      );
    }
    await settleInventory(sequelize, queued, { computerId }, transaction);
    return true;
  });
}

export interface InventoryProcessorOptions {
  idleMs: number;
  logger: Logger;
}

/** Processes inventories as they arrive until `signal` aborts; a failing database is retried with a growing pause. */
export async function runInventoryProcessor(sequelize: Sequelize, options: InventoryProcessorOptions, signal: AbortSignal): Promise<void> {
  let pauseMs = options.idleMs;
  while (!signal.aborted) {
    try {
      pauseMs = (await processNextInventory(sequelize)) ? 0 : options.idleMs;
    } catch (error) {
      options.logger.warn({ err: error }, 'inventory: cannot process, the inventory stays queued');
      pauseMs = Math.min(Math.max(pauseMs * 2, 250), 5_000);
    }
    if (pauseMs > 0) await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
  }
}
