import type { Transaction } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { MailboxRow } from './mail.models';
import { MailboxSettings, type CreateMailboxBody, type MailboxInTake, type MailboxView } from './mailbox.schemas';

/** A mailbox's settings as stored. */
export const settingsOf = (row: MailboxRow): MailboxSettings => MailboxSettings.parse(JSON.parse(row.settings));

export function toMailboxView(row: MailboxRow): MailboxView {
  return { id: row.id, name: row.name, address: row.address, entity: row.entity_id, enabled: row.enabled, ...settingsOf(row) };
}

/** The settings part of a mailbox body, as stored. */
export function storedSettings(body: MailboxSettings): string {
  return JSON.stringify(MailboxSettings.parse(body));
}

export const createMailbox = (body: CreateMailboxBody, transaction?: Transaction): Promise<MailboxRow> => {
  const { name, address, entity, enabled, ...settings } = body;
  return MailboxRow.create({ name, address, entity_id: entity, enabled, settings: storedSettings(settings) }, { transaction });
};

export const mailboxesIn = (entities: number[]): Promise<MailboxRow[]> =>
  MailboxRow.findAll({ where: { entity_id: entities }, order: [['id', 'ASC']] });

export async function mailboxOrFail(id: number): Promise<MailboxRow> {
  const row = await MailboxRow.findByPk(id);
  if (!row) throw new NotFoundError(`mailbox ${id}`);
  return row;
}

export const enabledMailboxIds = async (): Promise<number[]> =>
  (await MailboxRow.findAll({ attributes: ['id'], where: { enabled: true } })).map((row) => row.id);

/** An enabled mailbox as its collector reads it, or null when it is disabled or gone. */
export async function mailboxInTake(id: number): Promise<MailboxInTake | null> {
  const row = await MailboxRow.findByPk(id);
  return row && row.enabled ? toMailboxInTake(row) : null;
}

export const toMailboxInTake = (row: MailboxRow): MailboxInTake => ({
  id: row.id,
  address: row.address,
  entity: row.entity_id,
  settings: settingsOf(row),
});
