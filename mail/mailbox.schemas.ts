import { z } from 'zod';
import { TicketType } from '../tickets/ticket.schemas';

const id = z.number().int().positive();
const address = z.string().trim().toLowerCase().max(255).pipe(z.email());
const level15 = z.number().int().min(1).max(5);

/** Where a mailbox's IMAP password comes from: an environment variable or a file, never the API. */
export const PasswordFrom = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, e.g. GUICHET_SUPPORT_IMAP_PASSWORD') }),
  z.strictObject({ file: z.string().startsWith('/', 'an absolute path') }),
]);
export type PasswordFrom = z.infer<typeof PasswordFrom>;

export const ImapSettings = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the first byte (993); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().trim().min(1).max(255),
  passwordFrom: PasswordFrom,
});

/** What a rule looks at: each given part must match (addresses and domains compared without case, words anywhere). */
export const MailRuleWhen = z
  .strictObject({
    /** A sender's address, or a domain as `@example.org`. */
    from: z.string().trim().toLowerCase().min(2).max(255).optional(),
    /** An address the message was sent To or Cc. */
    to: address.optional(),
    /** Words of which one must be in the subject or the body. */
    words: z.array(z.string().trim().min(1).max(100)).min(1).max(50).optional(),
  })
  .refine((when) => when.from !== undefined || when.to !== undefined || when.words !== undefined, {
    message: 'give from, to or words',
  });

/** What a matching rule sets on the new ticket. */
export const MailRuleThen = z
  .strictObject({
    entity: id.optional(),
    category: id.optional(),
    /** The support group whose queue the ticket lands in. */
    group: id.optional(),
    type: TicketType.optional(),
    urgency: level15.optional(),
  })
  .refine((then) => Object.keys(then).length > 0, { message: 'give entity, category, group, type or urgency' });

export const MailRule = z.strictObject({ when: MailRuleWhen, then: MailRuleThen });
export type MailRule = z.infer<typeof MailRule>;

/** Each setting of a mailbox as given, without defaults: a change names only what it changes. */
const SETTINGS = {
  imap: ImapSettings,
  folder: z.string().trim().min(1).max(255),
  /** After import a message is marked seen where it is, or moved to `moveTo`. */
  afterImport: z.enum(['seen', 'move']),
  moveTo: z.string().trim().min(1).max(255).optional(),
  /** What a new ticket gets when no rule says otherwise; given whole, its own parts left out take their defaults. */
  defaults: z.strictObject({
    category: id.optional(),
    group: id.optional(),
    type: TicketType.default('incident'),
    urgency: level15.default(3),
  }),
  /** First matching rule wins. */
  rules: z.array(MailRule).max(200),
  /** A sender with no account becomes a requester of the mailbox's entity, or the message is refused. */
  unknownSenders: z.enum(['create', 'refuse']),
  /** A reply from someone not on the ticket is added as a private followup, or refused. */
  strangerReplies: z.enum(['private', 'refuse']),
  /** More messages than this from one sender in an hour are skipped as a flood. */
  maxPerSenderPerHour: z.number().int().min(1).max(100_000),
  /** The desk's other addresses: mail from them is a loop, never a ticket. */
  ownAddresses: z.array(address).max(50),
};

/** How a mailbox is collected and what its messages become; stored as one document, with defaults for what is left out. */
export const MailboxSettings = z.strictObject({
  ...SETTINGS,
  folder: SETTINGS.folder.default('INBOX'),
  afterImport: SETTINGS.afterImport.default('seen'),
  defaults: SETTINGS.defaults.default({ type: 'incident', urgency: 3 }),
  rules: SETTINGS.rules.default([]),
  unknownSenders: SETTINGS.unknownSenders.default('create'),
  strangerReplies: SETTINGS.strangerReplies.default('private'),
  maxPerSenderPerHour: SETTINGS.maxPerSenderPerHour.default(30),
  ownAddresses: SETTINGS.ownAddresses.default([]),
});
export type MailboxSettings = z.infer<typeof MailboxSettings>;

/** A mailbox as its collector reads it. */
export interface MailboxInTake {
  id: number;
  address: string;
  entity: number;
  settings: MailboxSettings;
}

export const CreateMailboxBody = z
  .strictObject({
    name: z.string().trim().min(1).max(255),
    /** The desk's address this mailbox receives. */
    address,
    entity: id,
    enabled: z.boolean().default(true),
  })
  .extend(MailboxSettings.shape)
  .superRefine((body, context) => {
    if (body.afterImport === 'move' && body.moveTo === undefined) {
      context.addIssue({ code: 'custom', path: ['moveTo'], message: 'give the folder messages are moved to' });
    }
  });
export type CreateMailboxBody = z.infer<typeof CreateMailboxBody>;

export const MailboxView = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string(),
  entity: z.number(),
  enabled: z.boolean(),
  ...MailboxSettings.shape,
});
export type MailboxView = z.infer<typeof MailboxView>;

export const MailOutcome = z.enum(['ticket', 'followup', 'skipped', 'quarantined']);
export type MailOutcome = z.infer<typeof MailOutcome>;

export const CollectedMessage = z.object({
  id: z.number(),
  at: z.string(),
  messageId: z.string().nullable(),
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  outcome: MailOutcome,
  reason: z.string().nullable(),
  ticket: z.number().nullable(),
  followup: z.number().nullable(),
  /** The size of its source, kept for the desk to read (`GET /api/v1/mail-messages/{id}/source`); null when not kept. */
  sourceSize: z.number().nullable(),
});
export type CollectedMessage = z.infer<typeof CollectedMessage>;

/** What a mailbox's collection did: counts by outcome and reason, and the latest messages. */
export const MailboxReport = z.object({
  mailbox: z.number(),
  counts: z.record(MailOutcome, z.number()),
  reasons: z.record(z.string(), z.number()),
  messages: z.array(CollectedMessage),
});
export type MailboxReport = z.infer<typeof MailboxReport>;

/** What the mailbox's server said when asked, without anything being taken. */
export const ConnectionCheck = z.object({
  ok: z.boolean(),
  folder: z.string(),
  messages: z.number().nullable(),
  unseen: z.number().nullable(),
  /** Why not, in words an administrator can act on; never the password. */
  error: z.string().nullable(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const MailboxReportQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** A change to a mailbox: any of its parts but its address and entity; what it leaves out stays as it is. */
export const EditMailboxBody = z
  .strictObject({ name: z.string().trim().min(1).max(255), enabled: z.boolean() })
  .extend(SETTINGS)
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'give at least one field to change' });
export type EditMailboxBody = z.infer<typeof EditMailboxBody>;
