import { z } from 'zod';

// GLPI's ids are unsigned integers; a time is text as the server writes it (UTC, the session's zone).
const id = z.coerce.number().int();
const time = z.string().nullable();
const text = z.string().nullable();

export const GlpiEntityRow = z.object({ id, entities_id: id.nullable(), name: text, level: id });
export type GlpiEntityRow = z.infer<typeof GlpiEntityRow>;

export const GlpiCategoryRow = z.object({ id, itilcategories_id: id, entities_id: id, name: text, level: id });
export type GlpiCategoryRow = z.infer<typeof GlpiCategoryRow>;

export const GlpiGroupRow = z.object({ id, entities_id: id, name: text });
export type GlpiGroupRow = z.infer<typeof GlpiGroupRow>;

export const GlpiUserRow = z.object({
  id,
  name: text,
  realname: text,
  firstname: text,
  entities_id: id,
  is_active: id,
  email: text,
});
export type GlpiUserRow = z.infer<typeof GlpiUserRow>;

/** A user's profile in an entity, the profile by its name. */
export const GlpiProfileGrantRow = z.object({ users_id: id, profile: text, entities_id: id, is_recursive: id });
export type GlpiProfileGrantRow = z.infer<typeof GlpiProfileGrantRow>;

export const GlpiRequestTypeRow = z.object({ id, name: text });
export type GlpiRequestTypeRow = z.infer<typeof GlpiRequestTypeRow>;

export const GlpiTicketRow = z.object({
  id,
  entities_id: id,
  name: text,
  date: time,
  closedate: time,
  solvedate: time,
  takeintoaccountdate: time,
  date_mod: time,
  users_id_recipient: id,
  status: id,
  requesttypes_id: id,
  content: text,
  urgency: id,
  impact: id,
  priority: id,
  itilcategories_id: id,
  type: id,
});
export type GlpiTicketRow = z.infer<typeof GlpiTicketRow>;

/** A person or group on a ticket: type 1 requester, 2 assigned, 3 observer. */
export const GlpiTicketActorRow = z.object({ tickets_id: id, actor: id, type: id });
export type GlpiTicketActorRow = z.infer<typeof GlpiTicketActorRow>;

export const GlpiFollowupRow = z.object({ id, items_id: id, date: time, users_id: id, content: text, is_private: id });
export type GlpiFollowupRow = z.infer<typeof GlpiFollowupRow>;

export const GlpiTaskRow = z.object({
  id,
  tickets_id: id,
  date: time,
  users_id: id,
  users_id_tech: id,
  content: text,
  actiontime: id,
  state: id,
  begin: time,
  end: time,
});
export type GlpiTaskRow = z.infer<typeof GlpiTaskRow>;

/** A solution: status 2 waiting for approval, 3 accepted, 4 refused. */
export const GlpiSolutionRow = z.object({ id, items_id: id, content: text, date_creation: time, users_id: id, status: id });
export type GlpiSolutionRow = z.infer<typeof GlpiSolutionRow>;

/** A document linked to a ticket or to one of its followups. */
export const GlpiDocumentRow = z.object({
  id,
  itemtype: z.string(),
  items_id: id,
  filename: text,
  filepath: text,
  mime: text,
  users_id: id,
});
export type GlpiDocumentRow = z.infer<typeof GlpiDocumentRow>;

export const GlpiLogRow = z.object({
  id,
  items_id: id,
  user_name: text,
  date_mod: time,
  id_search_option: id,
  old_value: text,
  new_value: text,
});
export type GlpiLogRow = z.infer<typeof GlpiLogRow>;

/** A GLPI ticket with everything of it the migration brings along. */
export interface GlpiTicketBundle {
  ticket: GlpiTicketRow;
  users: GlpiTicketActorRow[];
  groups: GlpiTicketActorRow[];
  followups: GlpiFollowupRow[];
  tasks: GlpiTaskRow[];
  solutions: GlpiSolutionRow[];
  documents: GlpiDocumentRow[];
  logs: GlpiLogRow[];
}

/** The fields of a ticket whose changes guichet keeps from GLPI's log, by GLPI's search option. */
export const LOGGED_FIELDS = { 1: 'title', 3: 'priority', 7: 'category', 10: 'urgency', 11: 'impact', 12: 'status' } as const;

/** The field a line of GLPI's log changed, when guichet keeps it. */
export const loggedFieldOf = (log: GlpiLogRow): (typeof LOGGED_FIELDS)[keyof typeof LOGGED_FIELDS] | undefined =>
  LOGGED_FIELDS[log.id_search_option as keyof typeof LOGGED_FIELDS];
