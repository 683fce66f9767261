import { Readable } from 'node:stream';
import type { Sequelize } from 'sequelize';
import type { AttachmentService } from '../attachments/attachment.service';
import { DomainError, ValidationError } from '../core/errors';
import { isServiceFault } from '../core/service-fault';
import { logger } from '../config/logger';
import { createFollowup } from '../tickets/followup.repository';
import { TicketRow } from '../tickets/ticket.models';
import { visibleTicketOrFail } from '../tickets/ticket.repository';
import type { TicketService } from '../tickets/ticket.service';
import type { CreateTicketBody } from '../tickets/ticket.schemas';
import { can } from '../users/access';
import { currentUserOf } from '../users/current-user.repository';
import type { CurrentUser } from '../users/user';
import type { UserRow } from '../users/user.models';
import type { IncomingMessage } from './incoming-message';
import { junkReasonOf } from './mail-junk';
import {
  handledMessage,
  messagesFromSenderLastHour,
  recordMessage,
  ticketOfMessageId,
  type MessageKey,
  type MessageOutcome,
} from './mail-message.repository';
import { placementOf } from './mail-rules';
import { createEmailRequester, userByEmail, usersByEmail } from './mail-sender.repository';
import { glpiReferenceIn, replyTextOf, ticketOfNoticeIds, ticketReferenceIn, titleOf } from './mail-thread';
import type { MailboxInTake } from './mailbox.schemas';

export interface MailIntakeDeps {
  sequelize: Sequelize;
  tickets: Pick<TicketService, 'create' | 'resumeForRequesterAnswer' | 'takeIntoAccount'>;
  /** The domain of the desk's own Message-IDs (its notices'), which replies name. */
  noticeDomain: string;
  attachments: Pick<AttachmentService, 'received' | 'keepOriginal'>;
}

// A value that names the message in idempotency keys and Update ids.
const keyOf = ({ mailboxId, uidValidity, uid }: MessageKey) => `mail-${mailboxId}-${uidValidity}-${uid}`;

class TakenBefore extends Error {}

/**
 * What becomes of each collected message: a ticket, a followup on the ticket it answers, or a
 * skip or quarantine with its reason. Each message is taken once: what it becomes and its record
 * commit together, or its ticket is filed under an idempotency key of the message; a retry after
 * a crash finds either and goes no further.
 */
export function createMailIntake({ sequelize, tickets, noticeDomain, attachments }: MailIntakeDeps) {
  // The message's files on its ticket (or followup); one refused (too large, a program) is left out, and said.
  async function attachFiles(
    message: IncomingMessage,
    ticketId: number,
    followupId: number | null,
    authorId: number,
  ): Promise<string | undefined> {
    let refused = 0;
    for (const file of message.files) {
      const content = Readable.from([file.content]);
      await attachments
        .received(ticketId, followupId, authorId, { name: file.name, content, source: 'email', contentId: file.contentId })
        .catch((error: unknown) => {
          if (!(error instanceof DomainError) || isServiceFault(error)) throw error;
          refused += 1;
        });
    }
    return refused > 0 ? 'attachment_refused' : undefined;
  }

  const quarantined = (reason: string): MessageOutcome => ({ outcome: 'quarantined', reason });
  const skipped = (reason: string): MessageOutcome => ({ outcome: 'skipped', reason });

  // The sender's account, made for them when the mailbox takes strangers.
  async function senderOf(mailbox: MailboxInTake, message: IncomingMessage): Promise<UserRow | null> {
    const found = await userByEmail(message.from!.address);
    if (found || mailbox.settings.unknownSenders === 'refuse') return found;
    return createEmailRequester(message.from!, mailbox.entity);
  }

  // The people in copy who have an account, but the sender.
  async function observersOf(message: IncomingMessage, senderId: number): Promise<number[]> {
    const rows = await usersByEmail(message.cc.map((cc) => cc.address));
    return rows.map((row) => row.id).filter((id) => id !== senderId);
  }

  // The ticket the message answers: by the tag in its subject (ours, or GLPI's for a ticket imported
  // from it), else by the messages it replies to.
  async function threadOf(mailbox: MailboxInTake, message: IncomingMessage): Promise<TicketRow | null> {
    const glpiRef = ticketReferenceIn(message.subject) === null ? glpiReferenceIn(message.subject) : null;
    const imported = glpiRef === null ? null : await TicketRow.findOne({ where: { external_ref: glpiRef } });
    if (imported) return imported;
    const id =
      ticketReferenceIn(message.subject) ??
      ticketOfNoticeIds(message.thread, noticeDomain) ??
      (await ticketOfMessageId(mailbox.id, message.thread));
    return id === null ? null : TicketRow.findByPk(id);
  }

  async function fileTicket(
    mailbox: MailboxInTake,
    key: MessageKey,
    message: IncomingMessage,
    sender: CurrentUser,
    follows?: TicketRow,
  ): Promise<MessageOutcome> {
    const placement = placementOf(mailbox.entity, mailbox.settings, message);
    const body: CreateTicketBody = {
      title: titleOf(message.subject),
      description: (follows ? `Suite du ticket #${follows.id}, clos.\n\n` : '') + (message.text || '(message sans texte)'),
      type: placement.type,
      urgency: placement.urgency,
      impact: 3,
      source: 'email',
      // A sender who may not file where the rules say files where they belong.
      ...(can(sender, 'filers', placement.entity) && { entity: placement.entity, category: placement.category }),
    };
    const origin = {
      ...(message.messageId && { messageId: message.messageId }),
      ...(placement.group !== undefined && { group: placement.group }),
      observers: await observersOf(message, sender.id),
    };
    const ticket = await tickets.create(sender, body, keyOf(key), origin).catch((error: unknown) => {
      // A category that does not fit the ticket's entity is left for the desk to choose.
      if (!(error instanceof ValidationError) || body.category === undefined) throw error;
      return tickets.create(sender, { ...body, category: undefined }, keyOf(key), origin);
    });
    const reason = await attachFiles(message, ticket.id, null, sender.id);
    await recordMessage(key, message, { outcome: 'ticket', ticketId: ticket.id, reason });
    return { outcome: 'ticket', ticketId: ticket.id, reason };
  }

  // The followup and its record commit together; what it sets off in the workflow follows, once per message.
  async function addFollowup(key: MessageKey, message: IncomingMessage, author: CurrentUser, ticket: TicketRow, asPrivate: boolean) {
    const content = replyTextOf(message.text) || '(message sans texte)';
    const followupId = await sequelize
      .transaction(async (transaction) => {
        const row = await createFollowup({ ticketId: ticket.id, authorId: author.id, content, private: asPrivate }, transaction);
        // Recorded by an earlier try meanwhile: this followup is undone with its transaction.
        if (!(await recordMessage(key, message, { outcome: 'followup', ticketId: ticket.id, followupId: row.id }, transaction))) {
          throw new TakenBefore();
        }
        return row.id;
      })
      .catch((error: unknown) => {
        if (error instanceof TakenBefore) return undefined;
        throw error;
      });
    // A followup taken by an earlier try has its files already, or gets them now: the same file is recorded once.
    const reason = followupId === undefined ? undefined : await attachFiles(message, ticket.id, followupId, author.id);
    await followupEffects(key, author, ticket);
    return { outcome: 'followup' as const, ticketId: ticket.id, followupId, reason };
  }

  async function followupEffects(key: MessageKey, author: CurrentUser, ticket: TicketRow): Promise<void> {
    if (author.id === ticket.requester_id) await tickets.resumeForRequesterAnswer(ticket, `${keyOf(key)}-resume`);
    await tickets.takeIntoAccount(author, ticket);
  }

  async function reply(mailbox: MailboxInTake, key: MessageKey, message: IncomingMessage, ticket: TicketRow): Promise<MessageOutcome> {
    const row = await senderOf(mailbox, message);
    if (!row) return quarantined('unknown_sender');
    const sender = await currentUserOf(row);
    if (ticket.status === 'closed') return fileTicket(mailbox, key, message, sender, ticket);
    const onTicket = await visibleTicketOrFail(sender, ticket.id).then(
      () => true,
      () => false,
    );
    if (onTicket) return addFollowup(key, message, sender, ticket, false);
    if (mailbox.settings.strangerReplies === 'refuse') return quarantined('not_on_ticket');
    return addFollowup(key, message, sender, ticket, true);
  }

  async function outcomeOf(mailbox: MailboxInTake, key: MessageKey, message: IncomingMessage): Promise<MessageOutcome> {
    if (!message.from) return quarantined('no_sender');
    const junk = junkReasonOf(message, [mailbox.address, ...mailbox.settings.ownAddresses]);
    if (junk) return skipped(junk);
    if ((await messagesFromSenderLastHour(mailbox.id, message.from.address)) >= mailbox.settings.maxPerSenderPerHour) {
      return skipped('sender_flood');
    }
    const ticket = await threadOf(mailbox, message);
    if (ticket) return reply(mailbox, key, message, ticket);
    const row = await senderOf(mailbox, message);
    if (!row) return quarantined('unknown_sender');
    return fileTicket(mailbox, key, message, await currentUserOf(row));
  }

  return {
    /** Takes one message (`source` as the server gave it, kept for the desk to read); a message taken before is not taken again. */
    async take(mailbox: MailboxInTake, key: MessageKey, parsed: IncomingMessage, source: Buffer): Promise<MessageOutcome> {
      const before = await handledMessage(key);
      const message = before ? parsed : { ...parsed, original: (await attachments.keepOriginal(source)) ?? undefined };
      if (before) {
        // Its followup committed, but its files and what it sets off in the workflow may not be there yet.
        if (before.outcome === 'followup' && before.ticket_id !== null) {
          const [ticket, author] = await Promise.all([TicketRow.findByPk(before.ticket_id), userByEmail(before.sender ?? '')]);
          if (ticket && author) {
            if (before.followup_id !== null) await attachFiles(message, ticket.id, before.followup_id, author.id);
            await followupEffects(key, await currentUserOf(author), ticket);
          }
        }
        return { outcome: before.outcome, reason: before.reason ?? undefined, ticketId: before.ticket_id ?? undefined };
      }
      try {
        const outcome = await outcomeOf(mailbox, key, message);
        if (outcome.outcome === 'skipped' || outcome.outcome === 'quarantined') await recordMessage(key, message, outcome);
        return outcome;
      } catch (error) {
        // MariaDB or Temporal out of reach: the message waits in its folder for the next try.
        if (isServiceFault(error)) throw error;
        // Anything else would fail again on every try: the message is set aside and the mailbox goes on.
        logger.warn({ err: error, mailbox: mailbox.id, uid: key.uid }, 'message quarantined');
        const outcome = quarantined(error instanceof DomainError ? error.code : 'failed');
        await recordMessage(key, message, outcome);
        return outcome;
      }
    },

    /** Records a message that could not be read at all, its source kept for the desk to look into. */
    async unreadable(key: MessageKey, source: Buffer): Promise<boolean> {
      const original = (await attachments.keepOriginal(source)) ?? undefined;
      return recordMessage(key, { messageId: null, from: null, subject: '', original }, quarantined('unreadable'));
    },
  };
}

export type MailIntake = ReturnType<typeof createMailIntake>;
