import { col, fn, type Transaction } from 'sequelize';
import { LifecycleRow } from './lifecycle.models';
import { TicketRow } from '../tickets/ticket.models';
import { NotFoundError } from '../core/errors';
import { compileLifecycle, type LifecycleMachine } from './compile-lifecycle';
import { LifecycleDefinition } from './definition';

export interface PublishedLifecycle {
  key: string;
  version: number;
  definition: LifecycleDefinition;
  machine: LifecycleMachine;
}

// Versions are immutable once published, so a compiled version is cached for the process's life.
const compiled = new Map<string, PublishedLifecycle>();

/** A published version of a lifecycle, compiled; throws NotFoundError when it does not exist. */
export async function lifecycleVersionOrFail(key: string, version: number): Promise<PublishedLifecycle> {
  const cacheKey = `${key}@${version}`;
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const row = await LifecycleRow.findOne({ where: { key, version } });
  if (!row) throw new NotFoundError(`Lifecycle ${key} version ${version}`);
  const definition = LifecycleDefinition.parse(JSON.parse(row.definition));
  const lifecycle = { key, version, definition, machine: compileLifecycle(definition) };
  compiled.set(cacheKey, lifecycle);
  return lifecycle;
}

/** The newest published version of a lifecycle, which new tickets start on. */
export async function latestLifecycleOrFail(key: string): Promise<PublishedLifecycle> {
  const version = await LifecycleRow.max<number, LifecycleRow>('version', { where: { key } });
  if (!version) throw new NotFoundError(`Lifecycle ${key}`);
  return lifecycleVersionOrFail(key, version);
}

/** The newest published version of every lifecycle, by key. */
export async function publishedLifecycles(): Promise<PublishedLifecycle[]> {
  const rows = await LifecycleRow.findAll({
    attributes: ['key', [fn('MAX', col('version')), 'version']],
    group: ['key'],
    order: [['key', 'ASC']],
    raw: true,
  });
  return Promise.all(rows.map((row) => lifecycleVersionOrFail(row.key, Number(row.version))));
}

/** Publishes `definition` as the next version of its key, unless an identical one is the latest. */
export async function publishLifecycle(definition: LifecycleDefinition, transaction?: Transaction): Promise<number> {
  const latest = await LifecycleRow.findOne({ where: { key: definition.key }, order: [['version', 'DESC']], transaction });
  if (latest && latest.definition === JSON.stringify(definition)) return latest.version;
  const version = (latest?.version ?? 0) + 1;
  await LifecycleRow.create({ key: definition.key, version, definition: JSON.stringify(definition) }, { transaction });
  return version;
}

/** Every published version of a lifecycle, newest first, with its running tickets (those not in a final state). */
export async function versionsOf(key: string): Promise<{ version: number; publishedAt: string; runningTickets: number }[]> {
  const rows = await LifecycleRow.findAll({ where: { key }, order: [['version', 'DESC']] });
  if (rows.length === 0) throw new NotFoundError(`Lifecycle ${key}`);
  return Promise.all(
    rows.map(async (row) => {
      const { definition } = await lifecycleVersionOrFail(key, row.version);
      const running = await runningTicketsByState(key, row.version, definition);
      return {
        version: row.version,
        publishedAt: row.created_at.toISOString(),
        runningTickets: [...running.values()].reduce((a, b) => a + b, 0),
      };
    }),
  );
}

/** How many tickets of a version are in each of its non-final states (the ones whose workflow runs). */
export async function runningTicketsByState(key: string, version: number, definition: LifecycleDefinition): Promise<Map<string, number>> {
  const running = Object.keys(definition.states).filter((name) => !definition.states[name]!.final);
  const rows = await TicketRow.findAll({
    attributes: ['state', [fn('COUNT', col('id')), 'count']],
    where: { lifecycle_key: key, lifecycle_version: version, state: running },
    group: ['state'],
    raw: true,
  });
  return new Map(rows.map((row) => [row.state, Number((row as unknown as { count: number }).count)]));
}
