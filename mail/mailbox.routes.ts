import { z } from 'zod';
import { route } from '../api/route';
import type { MailboxService } from './mailbox.service';
import { ConnectionCheck, CreateMailboxBody, EditMailboxBody, MailboxReport, MailboxReportQuery, MailboxView } from './mailbox.schemas';

const MailboxParams = z.object({ id: z.coerce.number().int().positive() });

export function mailboxRoutes(mailboxes: MailboxService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/mailboxes',
      summary: 'The mailboxes of the entities you administer (where each password comes from, never the password)',
      tag: 'Mailboxes',
      allow: 'admins',
      response: z.object({ items: z.array(MailboxView) }),
      handle: async ({ user }) => ({ items: await mailboxes.list(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/mailboxes',
      summary:
        'Add a mailbox the desk collects: new messages become tickets, replies followups; its password comes from an environment variable or a file',
      tag: 'Mailboxes',
      allow: 'admins',
      body: CreateMailboxBody,
      response: MailboxView,
      status: 201,
      handle: async ({ user, body }) => mailboxes.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/mailboxes/:id',
      summary: 'A mailbox',
      tag: 'Mailboxes',
      allow: 'admins',
      params: MailboxParams,
      response: MailboxView,
      handle: async ({ user, params }) => mailboxes.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/mailboxes/:id',
      summary: 'Change a mailbox: its rules, defaults, folder, or enable and disable its collection',
      tag: 'Mailboxes',
      allow: 'admins',
      params: MailboxParams,
      body: EditMailboxBody,
      response: MailboxView,
      handle: async ({ user, params, body }) => mailboxes.edit(user, params.id, body),
    }),
    route({
      method: 'post',
      path: '/api/v1/mailboxes/:id/check',
      summary:
        "Connects to a mailbox's server with its settings and reads its folder's status, taking nothing: whether it works, and why not",
      tag: 'Mailboxes',
      allow: 'admins',
      params: MailboxParams,
      response: ConnectionCheck,
      handle: async ({ user, params }) => mailboxes.check(user, params.id),
    }),
    route({
      method: 'get',
      path: '/api/v1/mailboxes/:id/report',
      summary: "A mailbox's collection report: counts by outcome and reason, and the latest messages with what each became",
      tag: 'Mailboxes',
      allow: 'admins',
      params: MailboxParams,
      query: MailboxReportQuery,
      response: MailboxReport,
      handle: async ({ user, params, query }) => mailboxes.report(user, params.id, query.limit),
    }),
  ];
}
