import type { Transaction } from 'sequelize';
import { AttachmentRow } from './attachment.models';
import type { AttachmentView } from './attachment.schemas';

export const toAttachmentView = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  ticket: row.ticket_id,
  followup: row.followup_id,
  name: row.name,
  size: row.size,
  type: row.type,
  sha256: row.sha256,
  source: row.source,
  uploadedBy: row.uploaded_by,
  at: row.created_at.toISOString(),
});

export const attachmentsOf = (ticketId: number): Promise<AttachmentRow[]> =>
  AttachmentRow.findAll({ where: { ticket_id: ticketId }, order: [['id', 'ASC']] });

export const attachmentById = (id: number): Promise<AttachmentRow | null> => AttachmentRow.findByPk(id);

/** What a ticket's attachments weigh together, in bytes. */
export const ticketAttachmentBytes = async (ticketId: number): Promise<number> =>
  Number((await AttachmentRow.sum('size', { where: { ticket_id: ticketId } })) ?? 0);

export type NewAttachment = Pick<
  AttachmentRow,
  'ticket_id' | 'followup_id' | 'name' | 'size' | 'type' | 'sha256' | 'source' | 'content_id' | 'uploaded_by'
>;

/** Records an attachment; the same file under the same name on the same ticket is the one recorded before. */
export async function recordAttachment(attachment: NewAttachment, transaction?: Transaction): Promise<AttachmentRow> {
  const [row] = await AttachmentRow.findOrCreate({
    where: { ticket_id: attachment.ticket_id, sha256: attachment.sha256, name: attachment.name },
    defaults: { ...attachment, created_at: new Date() },
    transaction,
  });
  return row;
}
