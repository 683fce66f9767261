// Seeds the demo: support groups, the six demo users (password from GUICHET_DEMO_PASSWORD), the desk's mailbox, the
// shipped lifecycles and a draft of the next incident version, a history of finished tickets and a few realistic open ones,
// an estate of computers with its licences. Safe to run again: nothing is duplicated.
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { config } from '../config/config';
import { envVar, stopOnConfigProblems } from '../config/env';
import { logger } from '../config/logger';
import { seedDemoHistory } from '../demo/demo-history.seed';
import { seedDemoEstate } from '../demo/demo-estate.seed';
import {
  DEMO_CALENDAR,
  DEMO_CATEGORIES,
  DEMO_ENTITIES,
  DEMO_GROUPS,
  DEMO_SLAS,
  DEMO_TICKETS,
  DEMO_USERS,
  demoIncidentDraft,
} from '../demo/demo-data';
import { ROOT_ENTITY_ID } from '../db/migrations/0003-categories-and-entities';
import { CategoryRow, EntityRow, GroupMemberRow, SupportGroupRow } from '../organisation/organisation.models';
import { LifecycleDraftRow } from '../lifecycles/lifecycle.models';
import { SlaRow } from '../sla/sla.models';
import { TicketRow } from '../tickets/ticket.models';
import { UserRow } from '../users/user.models';
import { MailboxRow } from '../mail/mail.models';
import { createMailbox } from '../mail/mailbox.repository';
import { CreateMailboxBody } from '../mail/mailbox.schemas';
import { createCalendar, createSla } from '../sla/sla.repository';
import { listCategories } from '../organisation/category.repository';
import { createDraft } from '../lifecycles/lifecycle-draft.repository';
import { latestLifecycleOrFail, publishLifecycle } from '../lifecycles/lifecycle.repository';
import { SHIPPED_LIFECYCLES } from '../lifecycles/shipped-lifecycles';
import { openConnections } from '../runtime/connections';
import { ensureTicketSearchAttributes } from '../runtime/search-attributes';
import { createTicketService } from '../tickets/ticket.service';
import { hashPassword } from '../users/password';
import { currentUserOf } from '../users/current-user.repository';

const password = envVar('GUICHET_DEMO_PASSWORD', z.string().min(8, 'use at least 8 characters'));
/** Finished tickets of the demo's history, over the last six months, so the dashboards have something to show. */
const historyTickets = envVar('GUICHET_DEMO_HISTORY_TICKETS', z.coerce.number().int().min(0).max(1_000_000).default(2_000));
const DEMO_MAIL_DOMAIN = envVar('GUICHET_MAIL_DOMAIN', z.string().default('guichet.test'));
const imapPort = envVar('GUICHET_IMAP_PORT', z.coerce.number().int().default(1143));
stopOnConfigProblems();
const connections = await openConnections(config);
try {
  for (const group of DEMO_GROUPS) await SupportGroupRow.findOrCreate({ where: { name: group.name }, defaults: group });
  const hash = await hashPassword(password);
  for (const user of DEMO_USERS) {
    const group = user.group ? await SupportGroupRow.findOne({ where: { name: user.group } }) : null;
    const values = {
      login: user.login,
      name: user.name,
      email: `${user.login}@${DEMO_MAIL_DOMAIN}`,
      profile: user.profile,
      password_hash: hash,
    };
    const [row, created] = await UserRow.findOrCreate({ where: { login: user.login }, defaults: values });
    if (!created) await row.update({ password_hash: hash, email: values.email });
    if (group) await GroupMemberRow.findOrCreate({ where: { group_id: group.id, user_id: row.id } });
  }
  for (const name of DEMO_ENTITIES)
    await EntityRow.findOrCreate({
      where: { parent_id: ROOT_ENTITY_ID, name },
      defaults: { parent_id: ROOT_ENTITY_ID, name, priority_matrix: null },
    });
  for (const top of DEMO_CATEGORIES) {
    const [parent] = await CategoryRow.findOrCreate({
      where: { parent_id: null, name_fr: top.fr },
      defaults: { parent_id: null, name_fr: top.fr, name_en: top.en },
    });
    for (const child of top.children ?? []) {
      await CategoryRow.findOrCreate({
        where: { parent_id: parent.id, name_fr: child.fr },
        defaults: { parent_id: parent.id, name_fr: child.fr, name_en: child.en },
      });
    }
  }
  if ((await SlaRow.count()) === 0) {
    const calendar = await createCalendar(DEMO_CALENDAR);
    for (const sla of DEMO_SLAS) {
      const warning = { clock: 'ttr' as const, offsetMinutes: -Math.round(sla.ttrMinutes / 4), actions: [{ type: 'notify' as const }] };
      await createSla({
        name: sla.name,
        calendar: calendar.id,
        match: { priority: sla.priority },
        ttoMinutes: sla.ttoMinutes,
        ttrMinutes: sla.ttrMinutes,
        levels: [warning],
        levelClocks: [],
      });
    }
  }
  for (const definition of SHIPPED_LIFECYCLES) await publishLifecycle(definition);
  if ((await LifecycleDraftRow.count()) === 0) {
    const owner = await UserRow.findOne({ where: { login: 'owner' }, rejectOnEmpty: true });
    await createDraft('incident', demoIncidentDraft((await latestLifecycleOrFail('incident')).definition), owner.id);
  }
  // The estate, as its agents filed it; alice's computer is the one her first ticket is about.
  const [estate] = await connections.sequelize.query<{ assets: number }>('SELECT COUNT(*) AS assets FROM assets', {
    type: QueryTypes.SELECT,
  });
  const computers = Number(estate?.assets) === 0 ? await seedDemoEstate(connections.sequelize, ROOT_ENTITY_ID) : new Map<string, number>();
  if ((await TicketRow.count()) === 0) {
    const history = await seedDemoHistory(connections.sequelize, hash, { tickets: historyTickets, months: 6, end: new Date(), seed: 2026 });
    logger.info({ tickets: history }, 'demo history written; the relay streams it to the warehouse');
    const alice = await currentUserOf(await UserRow.findOne({ where: { login: 'alice' }, rejectOnEmpty: true }));
    // The tickets' workflows publish their status: on a new Temporal server, before any worker has
    // registered its search attributes, they would wait for the reconciler.
    await ensureTicketSearchAttributes(connections.temporal, config.temporalNamespace);
    const tickets = createTicketService(connections);
    const categoryIds = new Map((await listCategories()).map((category) => [category.path.fr, category.id]));
    for (const [index, ticket] of DEMO_TICKETS.entries()) {
      const slow = index === 0 ? computers.get('PC-SIEGE-014') : undefined;
      await tickets.create(alice, {
        ...ticket,
        category: categoryIds.get(ticket.category),
        source: 'helpdesk',
        ...(slow && { assets: [slow] }),
      });
    }
  }
  // The desk's mailbox on the demo's mail server, collected from the start (its password: GUICHET_MAIL_PASSWORD).
  const deskAddress = `support@${DEMO_MAIL_DOMAIN}`;
  if (!(await MailboxRow.findOne({ where: { address: deskAddress } }))) {
    const imap = { host: '127.0.0.1', port: imapPort, user: deskAddress, passwordFrom: { env: 'GUICHET_MAIL_PASSWORD' } };
    await createMailbox(CreateMailboxBody.parse({ name: 'Support', address: deskAddress, entity: ROOT_ENTITY_ID, imap }));
  }
  logger.info('demo data ready');
} finally {
  await connections.close();
}
