import { createAttachmentService, type AttachmentService } from './attachment.service';
import { fileAttachmentStorage } from './attachment-storage';

export interface AttachmentSettings {
  attachmentsDir: string;
  maxAttachmentMb: number;
  maxTicketAttachmentsMb: number;
}

/** The attachment service over the local file storage, with the configured limits. */
export const attachmentServiceOf = (settings: AttachmentSettings): AttachmentService =>
  createAttachmentService({
    storage: fileAttachmentStorage(settings.attachmentsDir),
    limits: { fileBytes: settings.maxAttachmentMb * 1_048_576, ticketBytes: settings.maxTicketAttachmentsMb * 1_048_576 },
  });
