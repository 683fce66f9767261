import { createConnection, type Connection } from 'mariadb';
import type { z } from 'zod';
import {
  GlpiCategoryRow,
  GlpiDocumentRow,
  GlpiEntityRow,
  GlpiFollowupRow,
  GlpiGroupRow,
  GlpiLogRow,
  GlpiProfileGrantRow,
  GlpiRequestTypeRow,
  GlpiSolutionRow,
  GlpiTaskRow,
  GlpiTicketActorRow,
  GlpiTicketRow,
  GlpiUserRow,
  LOGGED_FIELDS,
  type GlpiTicketBundle,
} from './glpi-database.schemas';

/** A read-only session on an old GLPI's database. */
export interface GlpiDatabase {
  entities(): Promise<GlpiEntityRow[]>;
  categories(): Promise<GlpiCategoryRow[]>;
  groups(): Promise<GlpiGroupRow[]>;
  users(): Promise<GlpiUserRow[]>;
  profileGrants(): Promise<GlpiProfileGrantRow[]>;
  requestTypes(): Promise<GlpiRequestTypeRow[]>;
  ticketCount(): Promise<number>;
  /** The next tickets by number after `afterId`, at most `limit`, each with its people, timeline, documents and log. */
  ticketsAfter(afterId: number, limit: number): Promise<GlpiTicketBundle[]>;
  close(): Promise<void>;
}

// Ids read from GLPI itself, written into a list.
const idList = (ids: readonly number[]) => ids.map((id) => Math.trunc(id)).join(',');

const byTicket = <T>(rows: T[], ticketOf: (row: T) => number): Map<number, T[]> => {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(ticketOf(row));
    if (list) list.push(row);
    else map.set(ticketOf(row), [row]);
  }
  return map;
};

/**
 * Opens GLPI's database at `url` (`mysql://user:password@host:port/glpi`) read-only: the session
 * refuses any write, so the old desk stays exactly as it was; times are read in UTC.
 */
export async function openGlpiDatabase(url: string): Promise<GlpiDatabase> {
  const where = new URL(url);
  const connection: Connection = await createConnection({
    host: where.hostname,
    port: Number(where.port || 3306),
    user: decodeURIComponent(where.username),
    password: decodeURIComponent(where.password),
    database: where.pathname.replace(/^\//, ''),
    dateStrings: true,
    bigIntAsNumber: true,
    connectTimeout: 10_000,
  });
  await connection.query("SET time_zone = '+00:00'");
  await connection.query('SET SESSION TRANSACTION READ ONLY');
  const rows = async <S extends z.ZodType>(schema: S, sql: string, values: unknown[] = []): Promise<z.infer<S>[]> =>
    (await connection.query<unknown[]>({ sql, dateStrings: true }, values)).map((row) => schema.parse(row));

  return {
    entities: () => rows(GlpiEntityRow, 'SELECT id, entities_id, name, level FROM glpi_entities ORDER BY level, id'),
    categories: () =>
      rows(GlpiCategoryRow, 'SELECT id, itilcategories_id, entities_id, name, level FROM glpi_itilcategories ORDER BY level, id'),
    groups: () => rows(GlpiGroupRow, 'SELECT id, entities_id, name FROM glpi_groups ORDER BY id'),
    users: () =>
      rows(
        GlpiUserRow,
        `SELECT u.id, u.name, u.realname, u.firstname, u.entities_id, u.is_active,
                (SELECT e.email FROM glpi_useremails e WHERE e.users_id = u.id ORDER BY e.is_default DESC, e.id LIMIT 1) AS email
           FROM glpi_users u WHERE u.is_deleted = 0 ORDER BY u.id`,
      ),
    profileGrants: () =>
      rows(
        GlpiProfileGrantRow,
        `SELECT pu.users_id, p.name AS profile, pu.entities_id, pu.is_recursive
           FROM glpi_profiles_users pu JOIN glpi_profiles p ON p.id = pu.profiles_id ORDER BY pu.id`,
      ),
    requestTypes: () => rows(GlpiRequestTypeRow, 'SELECT id, name FROM glpi_requesttypes'),
    async ticketCount() {
      const [row] = await connection.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM glpi_tickets WHERE is_deleted = 0');
      return Number(row!.n);
    },
    async ticketsAfter(afterId, limit) {
      const tickets = await rows(
        GlpiTicketRow,
        `SELECT id, entities_id, name, date, closedate, solvedate, takeintoaccountdate, date_mod, users_id_recipient, status,
                requesttypes_id, content, urgency, impact, priority, itilcategories_id, type
           FROM glpi_tickets WHERE is_deleted = 0 AND id > ? ORDER BY id LIMIT ?`,
        [afterId, limit],
      );
      if (tickets.length === 0) return [];
      const ids = idList(tickets.map((ticket) => ticket.id));
      const [users, groups, followups, tasks, solutions, logs] = await Promise.all([
        rows(
          GlpiTicketActorRow,
          `SELECT tickets_id, users_id AS actor, type FROM glpi_tickets_users WHERE tickets_id IN (${ids}) ORDER BY id`,
        ),
        rows(
          GlpiTicketActorRow,
          `SELECT tickets_id, groups_id AS actor, type FROM glpi_groups_tickets WHERE tickets_id IN (${ids}) ORDER BY id`,
        ),
        rows(
          GlpiFollowupRow,
          `SELECT id, items_id, date, users_id, content, is_private FROM glpi_itilfollowups
            WHERE itemtype = 'Ticket' AND items_id IN (${ids}) ORDER BY date, id`,
        ),
        rows(
          GlpiTaskRow,
          `SELECT id, tickets_id, date, users_id, users_id_tech, content, actiontime, state, begin, end FROM glpi_tickettasks
            WHERE tickets_id IN (${ids}) ORDER BY date, id`,
        ),
        rows(
          GlpiSolutionRow,
          `SELECT id, items_id, content, date_creation, users_id, status FROM glpi_itilsolutions
            WHERE itemtype = 'Ticket' AND items_id IN (${ids}) ORDER BY date_creation, id`,
        ),
        rows(
          GlpiLogRow,
          `SELECT id, items_id, user_name, date_mod, id_search_option, old_value, new_value FROM glpi_logs
            WHERE itemtype = 'Ticket' AND items_id IN (${ids}) AND linked_action = 0
              AND id_search_option IN (${Object.keys(LOGGED_FIELDS).join(',')}) ORDER BY id`,
        ),
      ]);
      const followupTicket = new Map(followups.map((followup) => [followup.id, followup.items_id]));
      const followupIds = followups.length > 0 ? idList([...followupTicket.keys()]) : '0';
      const documents = await rows(
        GlpiDocumentRow,
        `SELECT d.id, di.itemtype, di.items_id, d.filename, d.filepath, d.mime, d.users_id
           FROM glpi_documents_items di JOIN glpi_documents d ON d.id = di.documents_id
          WHERE d.is_deleted = 0 AND ((di.itemtype = 'Ticket' AND di.items_id IN (${ids}))
             OR (di.itemtype = 'ITILFollowup' AND di.items_id IN (${followupIds})))
          ORDER BY di.id`,
      );
      const of = {
        users: byTicket(users, (row) => row.tickets_id),
        groups: byTicket(groups, (row) => row.tickets_id),
        followups: byTicket(followups, (row) => row.items_id),
        tasks: byTicket(tasks, (row) => row.tickets_id),
        solutions: byTicket(solutions, (row) => row.items_id),
        documents: byTicket(documents, (row) => (row.itemtype === 'Ticket' ? row.items_id : followupTicket.get(row.items_id)!)),
        logs: byTicket(logs, (row) => row.items_id),
      };
      return tickets.map((ticket) => ({
        ticket,
        users: of.users.get(ticket.id) ?? [],
        groups: of.groups.get(ticket.id) ?? [],
        followups: of.followups.get(ticket.id) ?? [],
        tasks: of.tasks.get(ticket.id) ?? [],
        solutions: of.solutions.get(ticket.id) ?? [],
        documents: of.documents.get(ticket.id) ?? [],
        logs: of.logs.get(ticket.id) ?? [],
      }));
    },
    close: () => connection.end(),
  };
}
