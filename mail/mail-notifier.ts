import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { Transaction, type Sequelize } from 'sequelize';
import {
  addresseesOf,
  noticeSubjectOf,
  planDeliveries,
  takeDueDeliveries,
  takeOutbox,
  type NoticeSubject,
  type PlannedDelivery,
} from './mail-delivery.repository';
import { recipientsOf, renderNotice } from './notices';
import { mailNotificationsTotal } from '../metrics/metrics';

export interface NotifierSettings {
  smtpUrl: string;
  /** The sender, e.g. `guichet <support@guichet.test>`; replies go there. */
  from: string;
  publicUrl: string;
  retryMaxSeconds: number;
  /** Pause between two looks at an empty outbox. */
  idleMs: number;
  logger: Logger;
}

const BATCH = 50;
const READ_COMMITTED = { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED };

/** The domain of an address such as `guichet <support@guichet.test>`: the desk's notices' Message-IDs end with it. */
export const mailDomainOf = (from: string): string => /@([^>\s]+)/.exec(from)?.[1] ?? 'guichet.invalid';
// Message-IDs of the desk's notices name their ticket, so a reply to any of them threads back.
const threadRootOf = (ticketId: number, domain: string): string => `<ticket-${ticketId}@${domain}>`;

/** Who hears of an outbox row, each with the notice they get: a colleague a followup mentions is told so. */
async function addresseesOfSubject(subject: NoticeSubject, transaction: Transaction) {
  const { notice, actors, author, isPrivate } = subject;
  const told = recipientsOf(notice, actors, author, isPrivate);
  const mentioned = notice === 'followup' ? recipientsOf('mention', actors, author, isPrivate).filter((id) => !told.includes(id)) : [];
  return [...(await addresseesOf(told, notice, transaction)), ...(await addresseesOf(mentioned, 'mention', transaction))];
}

/** Turns waiting outbox rows into one delivery per recipient; returns how many rows it took. */
export async function planNotices(sequelize: Sequelize, settings: NotifierSettings): Promise<number> {
  const domain = mailDomainOf(settings.from);
  return sequelize.transaction(READ_COMMITTED, async (transaction) => {
    const rows = await takeOutbox(transaction, BATCH);
    for (const outbox of rows) {
      const subject = await noticeSubjectOf(outbox, transaction);
      const addressees = subject ? await addresseesOfSubject(subject, transaction) : [];
      const deliveries = addressees.map((addressee): PlannedDelivery => {
        const { ticket, text, firstMessageId } = subject!;
        const { notice } = addressee;
        const rendered = renderNotice(notice, addressee.language, {
          ticketId: ticket.id,
          title: ticket.title,
          text,
          ticketUrl: `${settings.publicUrl.replace(/\/$/, '')}/#/tickets/${ticket.id}`,
        });
        return {
          user_id: addressee.id,
          ticket_id: ticket.id,
          notice,
          address: addressee.address,
          message_id: `<ticket-${ticket.id}-${outbox.id}-${addressee.id}@${domain}>`,
          in_reply_to: firstMessageId ?? threadRootOf(ticket.id, domain),
          subject: rendered.subject,
          body: rendered.text,
          body_html: rendered.html,
        };
      });
      await planDeliveries(outbox, deliveries, transaction);
    }
    return rows.length;
  });
}

/**
 * Sends the deliveries that are due. A delivery the SMTP server refuses or cannot take waits
 * longer each time, up to `retryMaxSeconds`. Each is marked sent in the transaction that holds
 * it, so two notifiers never send the same one; should the process die between the server's
 * "OK" and that commit, it is sent again with the same Message-ID, which mail programs merge.
 */
export async function sendDueNotices(sequelize: Sequelize, transport: Transporter, settings: NotifierSettings): Promise<number> {
  return sequelize.transaction(READ_COMMITTED, async (transaction) => {
    const due = await takeDueDeliveries(transaction, BATCH);
    for (const delivery of due) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: delivery.address,
          subject: delivery.subject,
          text: delivery.body,
          ...(delivery.body_html === null ? {} : { html: delivery.body_html }),
          messageId: delivery.message_id,
          inReplyTo: delivery.in_reply_to,
          references: [delivery.in_reply_to],
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
        await delivery.update({ state: 'sent', sent_at: new Date(), attempts: delivery.attempts + 1, last_error: null }, { transaction });
        mailNotificationsTotal.inc({ outcome: 'sent' });
      } catch (error) {
        mailNotificationsTotal.inc({ outcome: 'retried' });
        const attempts = delivery.attempts + 1;
        const pause = Math.min(2 ** attempts, settings.retryMaxSeconds) * 1_000;
        const reason = error instanceof Error ? error.message : String(error);
        await delivery.update(
          { attempts, next_attempt_at: new Date(Date.now() + pause), last_error: reason.slice(0, 500) },
          { transaction },
        );
      }
    }
    return due.length;
  });
}

/**
 * Plans and sends notifications until `signal` aborts; never in the way of a transition, which
 * only writes its outbox row. A MariaDB out of reach is waited for.
 */
export async function runMailNotifier(sequelize: Sequelize, settings: NotifierSettings, signal: AbortSignal): Promise<void> {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  let failing = false;
  while (!signal.aborted) {
    let busy = false;
    try {
      busy = (await planNotices(sequelize, settings)) === BATCH;
      busy = (await sendDueNotices(sequelize, transport, settings)) === BATCH || busy;
      failing = false;
    } catch (error) {
      if (!failing) settings.logger.warn({ err: error }, 'mail notifier: cannot reach MariaDB, notifications wait');
      failing = true;
    }
    if (!busy) await sleep(failing ? 1_000 : settings.idleMs, undefined, { signal }).catch(() => undefined);
  }
  transport.close();
}
