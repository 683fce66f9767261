import type { Transaction } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { RecurringTicketRow } from './recurring-ticket.models';
import type { CreateRecurringTicketBody, EditRecurringTicketBody, RecurringTicketView } from './recurring-ticket.schemas';

export type RecurringTicketDefinition = Omit<RecurringTicketView, 'nextOccurrences'>;

export const toRecurringDefinition = (row: RecurringTicketRow): RecurringTicketDefinition => ({
  id: row.id,
  name: row.name,
  entity: row.entity_id,
  ticket: JSON.parse(row.ticket) as RecurringTicketView['ticket'],
  schedule: JSON.parse(row.schedule) as RecurringTicketView['schedule'],
  timezone: row.timezone,
  paused: row.paused,
});

/** The recurring tickets of these entities, by name. */
export async function listRecurringTickets(entities: readonly number[]): Promise<RecurringTicketDefinition[]> {
  const rows = await RecurringTicketRow.findAll({ where: { entity_id: [...entities] }, order: [['name', 'ASC']] });
  return rows.map(toRecurringDefinition);
}

export const findRecurringTicket = (id: number): Promise<RecurringTicketRow | null> => RecurringTicketRow.findByPk(id);

export async function recurringTicketOrFail(id: number): Promise<RecurringTicketRow> {
  const row = await RecurringTicketRow.findByPk(id);
  if (!row) throw new NotFoundError(`recurring ticket ${id}`);
  return row;
}

export const createRecurringTicket = (
  body: CreateRecurringTicketBody,
  createdBy: number,
  transaction: Transaction,
): Promise<RecurringTicketRow> =>
  RecurringTicketRow.create(
    {
      name: body.name,
      entity_id: body.entity,
      ticket: JSON.stringify(body.ticket),
      schedule: JSON.stringify(body.schedule),
      timezone: body.timezone,
      paused: body.paused,
      created_by: createdBy,
    },
    { transaction },
  );

export const updateRecurringTicket = (
  row: RecurringTicketRow,
  edit: EditRecurringTicketBody & { paused?: boolean },
  transaction: Transaction,
) =>
  row.update(
    {
      ...(edit.name !== undefined && { name: edit.name }),
      ...(edit.ticket !== undefined && { ticket: JSON.stringify(edit.ticket) }),
      ...(edit.schedule !== undefined && { schedule: JSON.stringify(edit.schedule) }),
      ...(edit.timezone !== undefined && { timezone: edit.timezone }),
      ...(edit.paused !== undefined && { paused: edit.paused }),
    },
    { transaction },
  );
