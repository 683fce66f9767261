import { z } from 'zod';
import { route } from '../api/route';
import { TicketParams } from '../tickets/ticket.schemas';
import { AttachmentParams, AttachmentView, UploadFields } from './attachment.schemas';
import type { AttachmentService } from './attachment.service';

export function attachmentRoutes(attachments: AttachmentService) {
  return [
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/attachments',
      summary:
        'Attach a file to a ticket (multipart/form-data: the field `file`, and `followup` before it to attach it to one of its followups); its type is sniffed from the bytes',
      tag: 'Attachments',
      allow: 'everyone',
      params: TicketParams,
      body: UploadFields,
      uploadField: 'file',
      response: AttachmentView,
      status: 201,
      auditDetails: (result) => {
        const { id, name, size, type, followup } = result as AttachmentView;
        return { attachment: id, name, size, type, followup };
      },
      handle: async ({ user, params, body, upload }) => attachments.upload(user, params.id, upload!, body.followup),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/attachments',
      summary: "A ticket's files; a requester does not see those of private followups",
      tag: 'Attachments',
      allow: 'everyone',
      params: TicketParams,
      response: z.object({ items: z.array(AttachmentView) }),
      handle: async ({ user, params }) => ({ items: await attachments.list(user, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/attachments/:id/content',
      summary: "A file's bytes, with its sniffed type: pictures inline, anything else as a download; 404 for who may not see its ticket",
      tag: 'Attachments',
      allow: 'everyone',
      params: AttachmentParams,
      response: z.string(),
      produces: 'application/octet-stream',
      handle: async ({ user, params }) => attachments.content(user, params.id),
    }),
  ];
}
