import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { logger } from '../config/logger';
import { latestLifecycleOrFail } from '../lifecycles/lifecycle.repository';
import { ROOT_ENTITY_ID } from '../db/migrations/0003-categories-and-entities';
import { matchingSlaTerms } from '../sla/sla.repository';
import { startClocks } from '../sla/sla-clock';
import { ensureTicketWorkflow } from '../tickets/ticket-workflow-reconciler';
import {
  existingUsers,
  importedTickets,
  nameIndex,
  recordImportedTicket,
  recordImportedUser,
  type NameIndex,
} from './glpi-import.repository';
import { pathAt, type ImportedTicket } from './imported-ticket';
import { textOfExport, type RejectedLine } from './glpi-csv';
import { readTicketExport, type ExportedTicket } from './glpi-ticket-export';
import { readUserExport, type UserColumn } from './glpi-user-export';

/** What an import did, or (dry run) would do: the same report either way. */
export interface ImportReport {
  encoding: 'utf-8' | 'windows-1252';
  /** Tickets read from the file, rejected lines included. */
  read: number;
  imported: number;
  /** Tickets imported before, left as they are. */
  /** What was imported before (a GLPI ticket number, a login), left as it is. */
  skipped: { line: number; ref: number | string; reason: string }[];
  rejected: RejectedLine[];
}

const ROOT_NAMES = new Set(['entité racine', 'root entity']);

// The last step of a full path GLPI prints ("Entité racine > Siège" → "siège").
const lastStep = (path: string) => path.split('>').at(-1)!.trim().toLowerCase();

// The entity a full path GLPI prints names: its root by GLPI's name for it, any other by its own name.
function entityIdOf(path: string, names: NameIndex): number | undefined {
  const name = lastStep(path);
  return ROOT_NAMES.has(name) ? ROOT_ENTITY_ID : names.entities.get(name);
}

// The ticket with its people, entity and category found, or why it cannot be.
function placed(ticket: ExportedTicket, names: NameIndex, importedBy: number): ImportedTicket | RejectedLine {
  const people = (list: string[], column: string) => {
    const unknown = list.find((name) => !names.users.has(name.toLowerCase()));
    return unknown === undefined
      ? list.map((name) => names.users.get(name.toLowerCase())!)
      : `${column}: no user named "${unknown}" (import the users first)`;
  };
  const requesters = people(ticket.requesters, 'Demandeur');
  if (typeof requesters === 'string') return { line: ticket.line, reason: requesters };
  if (requesters.length === 0) return { line: ticket.line, reason: 'Demandeur: none' };
  const technicians = people(ticket.technicians, 'Attribué à');
  if (typeof technicians === 'string') return { line: ticket.line, reason: technicians };
  const entityId = ticket.entity === null ? ROOT_ENTITY_ID : entityIdOf(ticket.entity, names);
  if (entityId === undefined) return { line: ticket.line, reason: `Entité: no entity named "${ticket.entity}"` };
  const categoryId = ticket.category === null ? null : names.categories.get(lastStep(ticket.category));
  if (categoryId === undefined) return { line: ticket.line, reason: `Catégorie: no category named "${ticket.category}"` };
  const updatedAt = ticket.updatedAt ?? ticket.openedAt;
  return {
    externalRef: `glpi:${ticket.ref}`,
    title: ticket.title,
    description: '',
    type: 'incident',
    status: ticket.status,
    urgency: 3,
    impact: 3,
    priority: ticket.priority,
    source: 'other',
    openedAt: ticket.openedAt,
    takenAt: null,
    resolvedAt: null,
    closedAt: null,
    requesters: requesters as [number, ...number[]],
    technicians,
    observers: [],
    groups: [],
    entityId,
    categoryId,
    importedBy,
    history: pathAt(ticket.status, updatedAt, technicians[0] ?? importedBy),
    followups: [],
    tasks: [],
    documents: [],
  };
}

/**
 * Imports GLPI's ticket-list export. A dry run reads, checks and reports exactly as the real run
 * does, writing nothing; the real run writes each ticket whole or not at all, and a ticket imported
 * before is left as it is, so running it again changes nothing.
 */
export function createGlpiImportService({ sequelize, temporal }: { sequelize: Sequelize; temporal: Client }) {
  return {
    async importTicketExport(bytes: Uint8Array, options: { apply: boolean; importedBy: number }): Promise<ImportReport> {
      const { text, encoding } = textOfExport(bytes);
      const { tickets, rejected } = readTicketExport(text);
      const [names, already, lifecycle] = await Promise.all([
        nameIndex(),
        importedTickets(tickets.map((ticket) => `glpi:${ticket.ref}`)),
        latestLifecycleOrFail('incident'),
      ]);
      const report: ImportReport = { encoding, read: tickets.length + rejected.length, imported: 0, skipped: [], rejected: [...rejected] };
      const seen = new Set<number>();
      for (const ticket of tickets) {
        const existing = already.get(`glpi:${ticket.ref}`);
        if (existing !== undefined || seen.has(ticket.ref)) {
          report.skipped.push({
            line: ticket.line,
            ref: ticket.ref,
            reason: existing === undefined ? 'appears twice in the file' : `already imported as ticket ${existing}`,
          });
          continue;
        }
        seen.add(ticket.ref);
        const ready = placed(ticket, names, options.importedBy);
        if ('reason' in ready) {
          report.rejected.push(ready);
          continue;
        }
        report.imported += 1;
        if (!options.apply) continue;
        const open = ready.status !== 'resolved' && ready.status !== 'closed';
        const terms = open
          ? await matchingSlaTerms({ priority: ready.priority, type: 'incident', category: ready.categoryId, entity: ready.entityId })
          : null;
        const row = await sequelize.transaction((transaction) =>
          recordImportedTicket(transaction, ready, lifecycle, terms && startClocks(terms, ready.openedAt), []),
        );
        // Should Temporal be out of reach, the reconciler starts it later.
        if (open)
          await ensureTicketWorkflow(temporal, row).catch((error: unknown) =>
            logger.warn({ err: error, ticketId: row.id }, 'workflow start deferred to the reconciler'),
          );
      }
      report.rejected.sort((a, b) => a.line - b.line);
      return report;
    },

    /**
     * Imports GLPI's user-list export (headers mapped by `mapping` where they are not GLPI's); a
     * login that exists is left as it is. A dry run reports the same, writing nothing.
     */
    async importUserExport(
      bytes: Uint8Array,
      options: { apply: boolean; mapping?: Partial<Record<UserColumn, string>> },
    ): Promise<ImportReport> {
      const { text, encoding } = textOfExport(bytes);
      const { users, rejected } = readUserExport(text, options.mapping);
      const [names, existing] = await Promise.all([nameIndex(), existingUsers(users.map((user) => user.login))]);
      const report: ImportReport = { encoding, read: users.length + rejected.length, imported: 0, skipped: [], rejected: [...rejected] };
      const seen = new Set<string>();
      for (const user of users) {
        const login = user.login.toLowerCase();
        const id = existing.get(login);
        if (id !== undefined || seen.has(login)) {
          report.skipped.push({
            line: user.line,
            ref: user.login,
            reason: id === undefined ? 'appears twice in the file' : `already exists as user ${id}`,
          });
          continue;
        }
        seen.add(login);
        const entityId = entityIdOf(user.entity, names);
        if (entityId === undefined) {
          report.rejected.push({ line: user.line, reason: `Entité: no entity named "${user.entity}"` });
          continue;
        }
        report.imported += 1;
        if (options.apply) await recordImportedUser({ ...user, entityId });
      }
      report.rejected.sort((a, b) => a.line - b.line);
      return report;
    },
  };
}
