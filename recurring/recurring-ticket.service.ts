import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { categoryOfOrFail } from '../organisation/category.repository';
import { changeableOrFail, entitiesSeenBy } from '../organisation/entity-scope';
import { entityChainOf } from '../organisation/entity.repository';
import { accountsOrFail } from '../organisation/support-group.repository';
import { administeredOrFail } from '../users/access';
import { RIGHTS } from '../users/profiles';
import type { CurrentUser } from '../users/user';
import { recurrenceSchedules } from './recurrence-schedules';
import {
  createRecurringTicket,
  listRecurringTickets,
  recurringTicketOrFail,
  toRecurringDefinition,
  updateRecurringTicket,
  type RecurringTicketDefinition,
} from './recurring-ticket.repository';
import type { RecurringTicketRow } from './recurring-ticket.models';
import type {
  CreateRecurringTicketBody,
  EditRecurringTicketBody,
  RecurringTicketFields,
  RecurringTicketView,
} from './recurring-ticket.schemas';

/**
 * Recurring tickets: set up by the administrators of their entity, each run by a Temporal schedule
 * that the definition and its pause are written to in the same step (both change, or neither).
 */
export function createRecurringTicketService({ sequelize, temporal }: { sequelize: Sequelize; temporal: Client }) {
  const schedules = recurrenceSchedules(temporal);

  async function changeableRowOrFail(user: CurrentUser, id: number): Promise<RecurringTicketRow> {
    const row = await recurringTicketOrFail(id);
    await changeableOrFail(user, row.entity_id, `Recurring ticket ${id}`);
    return row;
  }

  // What each occurrence files must make sense where it is filed: its category there, its requester an account.
  async function fieldsOrFail(ticket: RecurringTicketFields, entity: number): Promise<void> {
    if (ticket.category !== undefined) await categoryOfOrFail(ticket.category, await entityChainOf(entity), 'ticket.category');
    if (ticket.requester !== undefined) await accountsOrFail([ticket.requester], RIGHTS.everyone, 'ticket.requester', '');
  }

  const viewOf = async (definition: RecurringTicketDefinition): Promise<RecurringTicketView> => ({
    ...definition,
    nextOccurrences: await schedules.nextOccurrences(definition.id),
  });

  /** Changes the row and its schedule together: a schedule Temporal refuses leaves the row as it was. */
  const change = (row: RecurringTicketRow, edit: EditRecurringTicketBody & { paused?: boolean }) =>
    sequelize.transaction(async (transaction) => {
      const changed = await updateRecurringTicket(row, edit, transaction);
      await schedules.update(toRecurringDefinition(changed));
      return viewOf(toRecurringDefinition(changed));
    });

  return {
    list: async (user: CurrentUser): Promise<RecurringTicketDefinition[]> => listRecurringTickets(await entitiesSeenBy(user)),

    async get(user: CurrentUser, id: number): Promise<RecurringTicketView> {
      const row = await recurringTicketOrFail(id);
      if (!(await entitiesSeenBy(user)).includes(row.entity_id)) throw new NotFoundError(`recurring ticket ${id}`);
      return viewOf(toRecurringDefinition(row));
    },

    async create(user: CurrentUser, body: CreateRecurringTicketBody): Promise<RecurringTicketView> {
      administeredOrFail(user, body.entity, 'entity');
      await fieldsOrFail(body.ticket, body.entity);
      return sequelize.transaction(async (transaction) => {
        const row = await createRecurringTicket(body, user.id, transaction);
        await schedules.create(toRecurringDefinition(row));
        return viewOf(toRecurringDefinition(row));
      });
    },

    async edit(user: CurrentUser, id: number, edit: EditRecurringTicketBody): Promise<RecurringTicketView> {
      const row = await changeableRowOrFail(user, id);
      if (edit.ticket) await fieldsOrFail(edit.ticket, row.entity_id);
      return change(row, edit);
    },

    /** Pauses or resumes it: while paused, no occurrence files a ticket. */
    setPaused: async (user: CurrentUser, id: number, paused: boolean): Promise<RecurringTicketView> =>
      change(await changeableRowOrFail(user, id), { paused }),

    async remove(user: CurrentUser, id: number): Promise<RecurringTicketDefinition> {
      const row = await changeableRowOrFail(user, id);
      const definition = toRecurringDefinition(row);
      await sequelize.transaction(async (transaction) => {
        await row.destroy({ transaction });
        await schedules.remove(id);
      });
      return definition;
    },
  };
}

export type RecurringTicketService = ReturnType<typeof createRecurringTicketService>;
