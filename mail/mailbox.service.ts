import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import { NotFoundError, ValidationError } from '../core/errors';
import { categoryExistsOrFail } from '../organisation/category.repository';
import { groupExistsOrFail } from '../organisation/support-group.repository';
import { administeredOrFail, administers, entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { startMailboxWorkflow } from '../workflows/mailbox-workflow.starter';
import { collectionOf, toCollectedMessage } from './mail-message.repository';
import { checkConnection } from './mailbox-collector';
import {
  createMailbox,
  mailboxesIn,
  mailboxOrFail,
  settingsOf,
  storedSettings,
  toMailboxInTake,
  toMailboxView,
} from './mailbox.repository';
import {
  MailboxSettings,
  MailOutcome,
  type ConnectionCheck,
  type CreateMailboxBody,
  type EditMailboxBody,
  type MailboxReport,
  type MailboxView,
} from './mailbox.schemas';

/** Mailboxes, administered per entity: what the desk collects and how; never their passwords. */
export function createMailboxService({ temporal }: { temporal: Client }) {
  // A mailbox outside the entities one administers does not exist for them.
  async function administeredMailboxOrFail(user: CurrentUser, id: number) {
    const row = await mailboxOrFail(id);
    if (!administers(user, row.entity_id)) throw new NotFoundError(`mailbox ${id}`);
    return row;
  }

  // What the settings name exists, and the entities rules send tickets to are the caller's to administer.
  async function referencesOrFail(user: CurrentUser, settings: MailboxSettings): Promise<void> {
    if (settings.defaults.category !== undefined) await categoryExistsOrFail(settings.defaults.category, 'defaults.category');
    if (settings.defaults.group !== undefined) await groupExistsOrFail(settings.defaults.group, 'defaults.group');
    for (const [index, { then }] of settings.rules.entries()) {
      const field = `rules.${index}.then`;
      if (then.entity !== undefined) administeredOrFail(user, then.entity, `${field}.entity`);
      if (then.category !== undefined) await categoryExistsOrFail(then.category, `${field}.category`);
      if (then.group !== undefined) await groupExistsOrFail(then.group, `${field}.group`);
    }
  }

  return {
    async list(user: CurrentUser): Promise<MailboxView[]> {
      return (await mailboxesIn(entitiesWhere(user, 'admins'))).map(toMailboxView);
    },

    async get(user: CurrentUser, id: number): Promise<MailboxView> {
      return toMailboxView(await administeredMailboxOrFail(user, id));
    },

    /** Adds a mailbox; an enabled one is collected from now on. */
    async create(user: CurrentUser, body: CreateMailboxBody): Promise<MailboxView> {
      administeredOrFail(user, body.entity, 'entity');
      await referencesOrFail(user, z.object(MailboxSettings.shape).parse(body));
      const row = await createMailbox(body).catch((error: unknown) => {
        if (error instanceof UniqueConstraintError) throw new ValidationError({ address: `a mailbox for ${body.address} exists already` });
        throw error;
      });
      if (row.enabled) await startMailboxWorkflow(temporal, row.id);
      return toMailboxView(row);
    },

    /** Changes a mailbox; disabling it stops its collector after the pass under way. */
    async edit(user: CurrentUser, id: number, edit: EditMailboxBody): Promise<MailboxView> {
      const row = await administeredMailboxOrFail(user, id);
      const { name, enabled, ...settings } = edit;
      const next = MailboxSettings.parse({ ...settingsOf(row), ...settings });
      if (next.afterImport === 'move' && next.moveTo === undefined)
        throw new ValidationError({ moveTo: 'give the folder messages are moved to' });
      await referencesOrFail(user, next);
      await row.update({ ...(name !== undefined && { name }), ...(enabled !== undefined && { enabled }), settings: storedSettings(next) });
      if (row.enabled) await startMailboxWorkflow(temporal, row.id);
      return toMailboxView(row);
    },

    /** Asks the mailbox's server whether it takes the mailbox's user and password, and how full the folder is. */
    async check(user: CurrentUser, id: number): Promise<ConnectionCheck> {
      const row = await administeredMailboxOrFail(user, id);
      return checkConnection(toMailboxInTake(row));
    },

    /** What the collection did: counts by outcome and reason, and the latest messages with what each became. */
    async report(user: CurrentUser, id: number, limit: number): Promise<MailboxReport> {
      const row = await administeredMailboxOrFail(user, id);
      const { messages, byOutcome } = await collectionOf(row.id, limit);
      const counts = Object.fromEntries(MailOutcome.options.map((outcome) => [outcome, 0])) as MailboxReport['counts'];
      const reasons: Record<string, number> = {};
      for (const group of byOutcome) {
        counts[group.outcome] += Number(group.count);
        if (group.reason) reasons[group.reason] = (reasons[group.reason] ?? 0) + Number(group.count);
      }
      return {
        mailbox: row.id,
        counts,
        reasons,
        messages: messages.map(toCollectedMessage),
      };
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
