import type { Sequelize } from 'sequelize';
import { listCategories } from '../organisation/category.repository';
import { latestLifecycleOrFail } from '../lifecycles/lifecycle.repository';
import { ALWAYS_OPEN } from '../sla/business-calendar';
import { matchingSlaTerms } from '../sla/sla.repository';
import { DEMO_HISTORY_CATEGORIES, DEMO_HISTORY_SITES, DEMO_REQUESTERS } from './demo-data';
import { generateHistory, type HistoryCatalog, type HistoryOptions } from './demo-history';
import { importFinishedTickets } from './demo-history.repository';
import { EntityRow, GroupMemberRow, SupportGroupRow } from '../organisation/organisation.models';
import { TicketRow } from '../tickets/ticket.models';
import { UserRow } from '../users/user.models';

const CHUNK = 500;

// The demo desk as it is in MariaDB: its categories, sites, teams and SLAs by priority.
async function demoCatalog(passwordHash: string): Promise<HistoryCatalog> {
  const categories = new Map((await listCategories()).map((category) => [category.path.fr, category.id]));
  const entities = new Map((await EntityRow.findAll()).map((entity) => [entity.name, entity.id]));
  const groups = await SupportGroupRow.findAll({ order: [['level', 'ASC']] });
  const [n1, n2] = [groups.find((g) => g.level === 1)!, groups.find((g) => g.level === 2)!];
  const techniciansOf = async (group: number) => {
    const members = (await GroupMemberRow.findAll({ where: { group_id: group } })).map((member) => member.user_id);
    return (await UserRow.findAll({ where: { profile: 'technician', id: members } })).map((user) => user.id);
  };
  const requesters = [];
  for (const { login, name } of DEMO_REQUESTERS) {
    const values = { login, name, email: `${login}@guichet.example`, profile: 'requester', password_hash: passwordHash };
    requesters.push((await UserRow.findOrCreate({ where: { login }, defaults: values }))[0].id);
  }
  const slas = new Map<number, Awaited<ReturnType<typeof matchingSlaTerms>>>();
  for (const priority of [1, 2, 3, 4, 5, 6])
    slas.set(priority, await matchingSlaTerms({ priority, type: 'incident', category: null, entity: 1 }));
  const calendar = [...slas.values()].find((terms) => terms !== null)?.calendar ?? ALWAYS_OPEN;
  return {
    categories: DEMO_HISTORY_CATEGORIES.map(({ path, ...category }) => ({ ...category, id: categories.get(path)! })),
    sites: DEMO_HISTORY_SITES.map(({ entity, ...site }) => ({ ...site, entity: entities.get(entity)! })),
    n1: { group: n1.id, technicians: await techniciansOf(n1.id) },
    n2: { group: n2.id, technicians: await techniciansOf(n2.id) },
    requesters,
    slaOf: (priority) => {
      const terms = slas.get(priority);
      return terms ? { id: terms.slaId, ttoMinutes: terms.ttoMinutes, ttrMinutes: terms.ttrMinutes } : null;
    },
    calendar,
  };
}

/**
 * Fills the demo desk with `options.tickets` finished tickets over the last months, so the
 * dashboards have a history to show; the relay streams it to the warehouse like any event.
 */
export async function seedDemoHistory(
  sequelize: Sequelize,
  passwordHash: string,
  options: Omit<HistoryOptions, 'firstId'>,
): Promise<number> {
  const catalog = await demoCatalog(passwordHash);
  const versions = {
    incident: (await latestLifecycleOrFail('incident')).version,
    request: (await latestLifecycleOrFail('request')).version,
  };
  const firstId = ((await TicketRow.max<number, TicketRow>('id')) ?? 0) + 1;
  let chunk = [];
  let count = 0;
  for (const generated of generateHistory(catalog, { ...options, firstId })) {
    chunk.push(generated);
    if (chunk.length === CHUNK) {
      count += await importChunk(sequelize, chunk, versions);
      chunk = [];
    }
  }
  return count + (await importChunk(sequelize, chunk, versions));
}

async function importChunk(sequelize: Sequelize, chunk: Parameters<typeof importFinishedTickets>[1], versions: Record<string, number>) {
  for (const type of ['incident', 'request'] as const) {
    const ofType = chunk.filter(({ ticket }) => ticket.lifecycle_key === type);
    if (ofType.length > 0) await importFinishedTickets(sequelize, ofType, versions[type]!);
  }
  return chunk.length;
}
