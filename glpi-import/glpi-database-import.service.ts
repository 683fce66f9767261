import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import type { AttachmentStorage } from '../attachments/attachment-storage';
import { logger } from '../config/logger';
import { ROOT_ENTITY_ID } from '../db/migrations/0003-categories-and-entities';
import { latestLifecycleOrFail, type PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import { startClocks } from '../sla/sla-clock';
import { matchingSlaTerms } from '../sla/sla.repository';
import { ensureTicketWorkflow } from '../tickets/ticket-workflow-reconciler';
import { PROFILE_RANK, type Profile } from '../users/profiles';
import type { GlpiDatabase } from './glpi-database.repository';
import type { GlpiProfileGrantRow } from './glpi-database.schemas';
import { importedTicketOf, sourceOfRequestType, type GlpiIdMaps } from './glpi-database-ticket';
import { existingUsers, importedTickets, recordImportedTicket, type KeptDocument } from './glpi-import.repository';
import {
  categoryNamed,
  createCategory,
  createEntity,
  createGroup,
  createUserWithGrants,
  entityNamed,
  groupNamed,
} from './glpi-organisation.repository';
import type { ImportedTicket } from './imported-ticket';

/** What one kind of record did in an import from GLPI's database, or (dry run) would do. */
export interface KindReport {
  read: number;
  imported: number;
  /** Already here (brought over before, or the same name), left as they are. */
  skipped: number;
  rejected: { ref: number; reason: string }[];
}

export interface DatabaseImportReport {
  entities: KindReport;
  categories: KindReport;
  groups: KindReport;
  users: KindReport;
  tickets: KindReport;
  /** Documents whose file is not in GLPI's files folder: their ticket comes without them. */
  missingFiles: { ticket: number; document: number; path: string }[];
}

export interface DatabaseImportOptions {
  apply: boolean;
  importedBy: number;
  /** GLPI's files folder (GLPI_DOC_DIR, `files/` of its installation). */
  filesDir: string;
  /** Tickets read and written per transaction. */
  pageSize?: number;
  onProgress?: (progress: { stage: 'organisation' | 'users' | 'tickets'; done: number; total: number }) => void;
}

const emptyReport = (): KindReport => ({ read: 0, imported: 0, skipped: 0, rejected: [] });

/** GLPI's shipped profiles by name, as guichet's; a profile of GLPI's own making counts as a requester's. */
const PROFILE_OF_GLPI: Record<string, Profile> = {
  'super-admin': 'admin',
  admin: 'admin',
  supervisor: 'supervisor',
  technician: 'technician',
  hotliner: 'technician',
  observer: 'manager',
  'read-only': 'manager',
  'self-service': 'requester',
};

const FILE_LIMIT_BYTES = 2 ** 31;

/**
 * Brings an old GLPI over from its database, read-only: entities, categories and groups (by name
 * under their parent, so what exists already is reused), users with their profiles (by login), then
 * every ticket with its people, history, followups, tasks, solutions and documents. A dry run reads
 * and checks everything the real run does and reports the same, writing nothing; each ticket is
 * written whole or not at all, and one brought over before is left as it is, so running it again
 * changes nothing.
 */
export function createGlpiDatabaseImportService({
  sequelize,
  temporal,
  storage,
}: {
  sequelize: Sequelize;
  temporal: Client;
  storage: AttachmentStorage;
}) {
  // In a dry run, what would be created gets an id of its own below zero.
  let planned = 0;
  const plannedId = () => --planned;

  /**
   * One record of the old desk's organisation placed here: the one of the same name under the same
   * parent, or a new one (in a dry run, an id below zero); none when its parent was not placed.
   */
  async function placeByName(
    part: KindReport,
    apply: boolean,
    row: { id: number; name: string | null },
    parent: { id: number | null | undefined; missing: string },
    find: (parent: number | null, name: string) => Promise<number | undefined>,
    create: (parent: number | null, name: string) => Promise<number>,
  ): Promise<number | undefined> {
    part.read += 1;
    const name = row.name?.trim();
    if (parent.id === undefined || !name) {
      part.rejected.push({ ref: row.id, reason: parent.id === undefined ? parent.missing : 'name: empty' });
      return undefined;
    }
    // Under a parent still to be created, nothing exists yet.
    const existing = parent.id === null || parent.id > 0 ? await find(parent.id, name) : undefined;
    if (existing !== undefined) {
      part.skipped += 1;
      return existing;
    }
    part.imported += 1;
    return apply ? create(parent.id, name) : plannedId();
  }

  async function organisation(glpi: GlpiDatabase, apply: boolean, report: DatabaseImportReport, ids: GlpiIdMaps) {
    for (const row of await glpi.entities()) {
      if (row.entities_id === null || row.level <= 1) {
        report.entities.read += 1;
        report.entities.skipped += 1;
        ids.entities.set(row.id, ROOT_ENTITY_ID);
        continue;
      }
      const parent = { id: ids.entities.get(row.entities_id), missing: `entities_id: no entity ${row.entities_id}` };
      const id = await placeByName(
        report.entities,
        apply,
        row,
        parent,
        (under, name) => entityNamed(under!, name),
        (under, name) => createEntity(under!, name),
      );
      if (id !== undefined) ids.entities.set(row.id, id);
    }
    // A category of an entity still to be created is the root entity's in a dry run.
    const entityOf = (glpiEntity: number) => Math.max(ids.entities.get(glpiEntity) ?? ROOT_ENTITY_ID, ROOT_ENTITY_ID);
    for (const row of await glpi.categories()) {
      const parent = {
        id: row.itilcategories_id === 0 ? null : ids.categories.get(row.itilcategories_id),
        missing: `itilcategories_id: no category ${row.itilcategories_id}`,
      };
      const id = await placeByName(report.categories, apply, row, parent, categoryNamed, (under, name) =>
        createCategory(under, name, entityOf(row.entities_id)),
      );
      if (id !== undefined) ids.categories.set(row.id, id);
    }
    for (const row of await glpi.groups()) {
      const entity = { id: ids.entities.get(row.entities_id), missing: `entities_id: no entity ${row.entities_id}` };
      const id = await placeByName(
        report.groups,
        apply,
        row,
        entity,
        (under, name) => groupNamed(under!, name),
        (under, name) => createGroup(under!, name),
      );
      if (id !== undefined) ids.groups.set(row.id, id);
    }
    for (const row of await glpi.requestTypes()) ids.sources.set(row.id, sourceOfRequestType(row.name));
  }

  async function users(glpi: GlpiDatabase, apply: boolean, report: DatabaseImportReport, ids: GlpiIdMaps) {
    const [rows, grantRows] = await Promise.all([glpi.users(), glpi.profileGrants()]);
    const grantsOf = new Map<number, GlpiProfileGrantRow[]>();
    for (const grant of grantRows) {
      const held = grantsOf.get(grant.users_id);
      if (held) held.push(grant);
      else grantsOf.set(grant.users_id, [grant]);
    }
    const existing = await existingUsers(rows.flatMap((row) => (row.name ? [row.name] : [])));
    for (const row of rows) {
      report.users.read += 1;
      const login = row.name?.trim();
      if (!login) {
        report.users.rejected.push({ ref: row.id, reason: 'name: no login' });
        continue;
      }
      const already = existing.get(login.toLowerCase());
      if (already !== undefined) {
        ids.users.set(row.id, already);
        report.users.skipped += 1;
        continue;
      }
      const grants = (grantsOf.get(row.id) ?? [])
        .flatMap((grant) => {
          const entityId = ids.entities.get(grant.entities_id);
          const profile = PROFILE_OF_GLPI[(grant.profile ?? '').trim().toLowerCase()] ?? 'requester';
          return entityId === undefined ? [] : [{ profile, entityId, recursive: grant.is_recursive === 1 }];
        })
        .sort((a, b) => PROFILE_RANK.indexOf(a.profile) - PROFILE_RANK.indexOf(b.profile));
      const home = ids.entities.get(row.entities_id);
      if (grants.length === 0 && home === undefined) {
        report.users.rejected.push({ ref: row.id, reason: `entities_id: user ${login} is in no entity brought over` });
        continue;
      }
      const unique = [
        ...new Map(
          (grants.length > 0 ? grants : [{ profile: 'requester' as const, entityId: home!, recursive: true }]).map((g) => [
            `${g.entityId}/${g.profile}`,
            g,
          ]),
        ).values(),
      ];
      const name =
        [row.firstname, row.realname]
          .filter((part) => part?.trim())
          .join(' ')
          .trim() || login;
      report.users.imported += 1;
      ids.users.set(
        row.id,
        apply
          ? await createUserWithGrants({ login, name, email: row.email?.trim() || null, disabled: row.is_active === 0 }, unique)
          : plannedId(),
      );
    }
  }

  // The ticket's documents, their files kept in the storage (a dry run only checks they are there).
  async function keptDocuments(ticket: ImportedTicket, filesDir: string, apply: boolean, report: DatabaseImportReport) {
    const kept: KeptDocument[] = [];
    for (const document of ticket.documents) {
      const relative = normalize(document.path);
      const path = join(filesDir, relative);
      const size =
        isAbsolute(relative) || relative.startsWith('..')
          ? null
          : await stat(path).then(
              (s) => (s.isFile() ? s.size : null),
              () => null,
            );
      if (size === null) {
        report.missingFiles.push({ ticket: Number(ticket.externalRef.slice(5)), document: document.ref, path: document.path });
        continue;
      }
      if (!apply) continue;
      const staged = await storage.stage(createReadStream(path), FILE_LIMIT_BYTES);
      await storage.keep(staged);
      kept.push({ ...document, sha256: staged.sha256, size: staged.size });
    }
    return kept;
  }

  async function ticketPage(
    page: ImportedTicket[],
    options: DatabaseImportOptions,
    lifecycles: Record<'incident' | 'request', PublishedLifecycle>,
    report: DatabaseImportReport,
  ) {
    const ready: { ticket: ImportedTicket; documents: KeptDocument[] }[] = [];
    for (const ticket of page) ready.push({ ticket, documents: await keptDocuments(ticket, options.filesDir, options.apply, report) });
    report.tickets.imported += ready.length;
    if (!options.apply || ready.length === 0) return;
    const rows = await sequelize.transaction(async (transaction) => {
      const written = [];
      for (const { ticket, documents } of ready) {
        const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
        const terms = open
          ? await matchingSlaTerms({ priority: ticket.priority, type: ticket.type, category: ticket.categoryId, entity: ticket.entityId })
          : null;
        written.push(
          await recordImportedTicket(transaction, ticket, lifecycles[ticket.type], terms && startClocks(terms, ticket.openedAt), documents),
        );
      }
      return written;
    });
    // Should Temporal be out of reach, the reconciler starts them later.
    for (const row of rows.filter((written) => written.workflow_started_at === null))
      await ensureTicketWorkflow(temporal, row).catch((error: unknown) =>
        logger.warn({ err: error, ticketId: row.id }, 'workflow start deferred to the reconciler'),
      );
  }

  return {
    async importDatabase(glpi: GlpiDatabase, options: DatabaseImportOptions): Promise<DatabaseImportReport> {
      const report: DatabaseImportReport = {
        entities: emptyReport(),
        categories: emptyReport(),
        groups: emptyReport(),
        users: emptyReport(),
        tickets: emptyReport(),
        missingFiles: [],
      };
      const ids: GlpiIdMaps = { users: new Map(), groups: new Map(), categories: new Map(), entities: new Map(), sources: new Map() };
      const [total, incident, request] = await Promise.all([
        glpi.ticketCount(),
        latestLifecycleOrFail('incident'),
        latestLifecycleOrFail('request'),
      ]);
      options.onProgress?.({ stage: 'organisation', done: 0, total });
      await organisation(glpi, options.apply, report, ids);
      options.onProgress?.({ stage: 'users', done: 0, total });
      await users(glpi, options.apply, report, ids);
      const pageSize = options.pageSize ?? 200;
      for (let after = 0; ;) {
        const bundles = await glpi.ticketsAfter(after, pageSize);
        if (bundles.length === 0) break;
        after = bundles.at(-1)!.ticket.id;
        const already = await importedTickets(bundles.map((bundle) => `glpi:${bundle.ticket.id}`));
        const page: ImportedTicket[] = [];
        for (const bundle of bundles) {
          report.tickets.read += 1;
          if (already.has(`glpi:${bundle.ticket.id}`)) {
            report.tickets.skipped += 1;
            continue;
          }
          const ticket = importedTicketOf(bundle, ids, options.importedBy);
          if (typeof ticket === 'string') report.tickets.rejected.push({ ref: bundle.ticket.id, reason: ticket });
          else page.push(ticket);
        }
        await ticketPage(page, options, { incident, request }, report);
        options.onProgress?.({ stage: 'tickets', done: report.tickets.read, total });
      }
      return report;
    },
  };
}
