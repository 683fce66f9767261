import { Readable } from 'node:stream';
import { DomainError, NotFoundError, ValidationError } from '../core/errors';
import type { Download, Upload } from '../core/file-transfer';
import { FollowupRow } from '../tickets/ticket.models';
import { actingOn, visibleTicketOrFail } from '../tickets/ticket.repository';
import { isAgent, type CurrentUser } from '../users/user';
import { stagedBytes, type AttachmentStorage, type KeptBytes } from './attachment-storage';
import { isAllowedType, isPicture, programInZip, sniffedType } from './attachment-type';
import { attachmentById, attachmentsOf, recordAttachment, ticketAttachmentBytes, toAttachmentView } from './attachment.repository';
import type { AttachmentView } from './attachment.schemas';

export interface AttachmentLimits {
  /** Largest file, in bytes. */
  fileBytes: number;
  /** Largest total of a ticket's files, in bytes. */
  ticketBytes: number;
}

/** A file to attach, from an upload or an e-mail. */
export interface IncomingFile {
  name: string;
  content: Readable;
  source: 'upload' | 'email';
  contentId?: string | null;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

/** Attachments: stored by content, typed by their bytes, seen by those who see their ticket. */
export function createAttachmentService({ storage, limits }: { storage: AttachmentStorage; limits: AttachmentLimits }) {
  // A private followup's files are the desk's, as the followup is.
  async function visibleOrFail(user: CurrentUser, id: number) {
    const row = await attachmentById(id);
    const ticket = row && (await visibleTicketOrFail(user, row.ticket_id).catch(() => null));
    if (!row || !ticket) throw new NotFoundError(`attachment ${id}`);
    if (row.followup_id !== null && !isAgent(actingOn(user, ticket))) {
      const followup = await FollowupRow.findByPk(row.followup_id);
      if (followup?.private) throw new NotFoundError(`attachment ${id}`);
    }
    return row;
  }

  /**
   * Stores a file for a ticket once its checks pass: its size, its type as the bytes tell it, no
   * program inside an archive, and the ticket's total. Refused, nothing of it is kept.
   */
  async function attach(ticketId: number, followupId: number | null, authorId: number, file: IncomingFile): Promise<AttachmentView> {
    const staged = await storage.stage(file.content, limits.fileBytes);
    try {
      if (staged.tooLarge) {
        throw new DomainError('payload_too_large', `A file may weigh at most ${megabytes(limits.fileBytes)}`, {
          limitBytes: limits.fileBytes,
        });
      }
      const type = await sniffedType(staged.head);
      if (!isAllowedType(type)) {
        throw new DomainError('unsupported_media_type', `Files of type ${type} are not taken`, { type });
      }
      const program = type === 'application/zip' ? programInZip(await stagedBytes(staged)) : null;
      if (program)
        throw new DomainError('unsupported_media_type', `The archive holds a program, ${program}, which is not taken`, { type, program });
      if ((await ticketAttachmentBytes(ticketId)) + staged.size > limits.ticketBytes) {
        throw new DomainError('payload_too_large', `A ticket's files may weigh at most ${megabytes(limits.ticketBytes)} together`, {
          limitBytes: limits.ticketBytes,
        });
      }
      await storage.keep(staged);
      const row = await recordAttachment({
        ticket_id: ticketId,
        followup_id: followupId,
        name: file.name.slice(0, 255),
        size: staged.size,
        type,
        sha256: staged.sha256,
        source: file.source,
        content_id: file.contentId ?? null,
        uploaded_by: authorId,
      });
      return toAttachmentView(row);
    } catch (error) {
      await storage.discard(staged);
      throw error;
    }
  }

  return {
    /** Attaches an uploaded file to a ticket the caller may add to (and to one of its followups). */
    async upload(user: CurrentUser, ticketId: number, upload: Upload, followupId?: number): Promise<AttachmentView> {
      const ticket = await visibleTicketOrFail(user, ticketId).catch((error: unknown) => {
        upload.content.resume();
        throw error;
      });
      if (followupId !== undefined && !(await FollowupRow.findOne({ where: { id: followupId, ticket_id: ticket.id } }))) {
        upload.content.resume();
        throw new ValidationError({ followup: `followup ${followupId} is not one of ticket ${ticket.id}` });
      }
      return attach(ticket.id, followupId ?? null, user.id, { name: upload.name, content: upload.content, source: 'upload' });
    },

    /** Attaches a file that arrived with an e-mail; the caller already knows the ticket. */
    received: (ticketId: number, followupId: number | null, authorId: number, file: IncomingFile): Promise<AttachmentView> =>
      attach(ticketId, followupId, authorId, file),

    /** Keeps the source of a collected e-mail, unless it weighs more than a ticket's files may (then null). */
    async keepOriginal(source: Buffer): Promise<KeptBytes | null> {
      const staged = await storage.stage(Readable.from([source]), limits.ticketBytes);
      if (staged.tooLarge) {
        await storage.discard(staged);
        return null;
      }
      await storage.keep(staged);
      return { sha256: staged.sha256, size: staged.size };
    },

    /** Bytes kept by `keepOriginal`, or null when the storage has them no more. */
    original: (sha256: string): Promise<Readable | null> => storage.read(sha256),

    async list(user: CurrentUser, ticketId: number): Promise<AttachmentView[]> {
      const ticket = await visibleTicketOrFail(user, ticketId);
      const rows = await attachmentsOf(ticket.id);
      if (isAgent(actingOn(user, ticket))) return rows.map(toAttachmentView);
      const hidden = new Set(
        (await FollowupRow.findAll({ where: { ticket_id: ticket.id, private: true }, attributes: ['id'] })).map((followup) => followup.id),
      );
      return rows.filter((row) => row.followup_id === null || !hidden.has(row.followup_id)).map(toAttachmentView);
    },

    /** The file's bytes: pictures shown in the page, anything else downloaded. */
    async content(user: CurrentUser, id: number): Promise<Download> {
      const row = await visibleOrFail(user, id);
      const content = await storage.read(row.sha256);
      if (!content) throw new NotFoundError(`the content of attachment ${id}`);
      return { name: row.name, type: row.type, size: row.size, inline: isPicture(row.type), content };
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
