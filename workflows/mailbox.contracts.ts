/** The collector of a mailbox: one workflow per mailbox, for as long as the mailbox is enabled. */
export const mailboxWorkflowId = (mailboxId: number): string => `mailbox-${mailboxId}`;

export interface MailboxWorkflowInput {
  mailboxId: number;
}

/** What a collection pass found: `stopped` when the mailbox is gone or disabled. */
export type CollectionResult = { stopped: true } | { stopped: false; taken: number; newMail: boolean };
