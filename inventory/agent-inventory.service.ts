import type { Sequelize } from 'sequelize';
import { ValidationError } from '../core/errors';
import { agentQueryOf, computerOfInventory } from './agent-inventory';
import { agentTokenOf } from './agent-token.repository';
import { queueInventory } from './inventory-submission.repository';

// How often an agent comes back, in hours, as the PROLOG's answer tells it.
const PROLOG_FREQ_HOURS = 24;

/** The agent behind a token: the entity its inventories are filed in. */
export type InventoryAgent = { id: number; entity: number };

/**
 * What the inventory answers its agents: a PROLOG is told to SEND; an INVENTORY is checked (a 400
 * names what it lacks) and queued for the inventory processor, so that a burst of agents costs the
 * API a write each, not their processing.
 */
export function createAgentInventoryService(sequelize: Sequelize) {
  return {
    agentOf: (secret: string): Promise<InventoryAgent | undefined> => agentTokenOf(sequelize, secret),

    /** The body of the REPLY to an agent's message. */
    async receive(agent: InventoryAgent, xml: string): Promise<string> {
      const query = agentQueryOf(xml);
      if (query === 'PROLOG') return `<RESPONSE>SEND</RESPONSE><PROLOG_FREQ>${PROLOG_FREQ_HOURS}</PROLOG_FREQ>`;
      if (query !== 'INVENTORY') throw new ValidationError({ 'REQUEST/QUERY': 'PROLOG or INVENTORY' });
      const { deviceId } = computerOfInventory(xml);
      await queueInventory(sequelize, { entity: agent.entity, tokenId: agent.id, deviceId, xml });
      return '';
    },
  };
}

export type AgentInventoryService = ReturnType<typeof createAgentInventoryService>;
