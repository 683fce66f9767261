import { Context } from '@temporalio/activity';
import { collectMailbox } from '../mail/mailbox-collector';
import type { MailIntake } from '../mail/mail-intake.service';
import { mailboxInTake } from '../mail/mailbox.repository';
import type { CollectionResult } from '../workflows/mailbox.contracts';
import { mailMessagesTotal } from '../metrics/metrics';

export interface MailActivityDeps {
  intake: MailIntake;
  /** How long a pass waits in IDLE for new mail. */
  idleMs: number;
}

/** The mailbox workflow's activities. */
export function createMailActivities({ intake, idleMs }: MailActivityDeps) {
  return {
    /** One collection pass over a mailbox, heartbeating as it goes. */
    async collectMailboxPass(mailboxId: number): Promise<CollectionResult> {
      const mailbox = await mailboxInTake(mailboxId);
      if (!mailbox) return { stopped: true };
      const context = Context.current();
      const pass = await collectMailbox(mailbox, intake, { idleMs, heartbeat: () => context.heartbeat() });
      mailMessagesTotal.inc(pass.taken);
      return { stopped: false, ...pass };
    },
  };
}
