import { QueryTypes, type Sequelize } from 'sequelize';
import type { AssetRow } from './asset-row';
import type { ComputerComponents } from './computer-changes';
import { installedSoftware } from './computer.repository';
import type { AssetHistoryEntry, AssetHistoryPage, ComputerQuery, ComputerSummary, ComputerView } from './computer.schemas';

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

const summaryOf = (row: AssetRow): ComputerSummary => ({
  id: row.id,
  kind: row.kind,
  entity: row.entity_id,
  name: row.name,
  serial: row.serial,
  manufacturer: row.manufacturer,
  model: row.model,
  type: row.type,
  os: [row.os_name, row.os_version].filter(Boolean).join(' ') || null,
  lastUser: row.last_user,
  state: row.state,
  lastInventoryAt: iso(row.last_inventory_at),
});

/** The assets a person sees: every one of the entities where they read tickets, and their own anywhere. */
export interface AssetScope {
  entities: readonly number[];
  userId: number;
}

// No entity cannot be an SQL list: 0 is no entity's id.
const inScope = '(entity_id IN (:entities) OR user_id = :userId)';
const scopeReplacements = (scope: AssetScope) => ({ entities: scope.entities.length > 0 ? scope.entities : [0], userId: scope.userId });

/**
 * A page of the computers in `scope`, newest id first, narrowed by the query's filters. The
 * entities' computers and the person's own elsewhere are read apart and merged: each part keeps the
 * primary key's order, where one OR would have MariaDB sort the whole estate.
 */
export async function listComputers(
  sequelize: Sequelize,
  scope: AssetScope,
  query: ComputerQuery,
): Promise<{ items: ComputerSummary[]; nextCursor: string | null }> {
  const filters: string[] = [];
  if (query.entity) filters.push('entity_id = :entity');
  if (query.search)
    filters.push('(name LIKE :like OR serial LIKE :like OR last_user LIKE :like OR manufacturer LIKE :like OR model LIKE :like)');
  if (query.kind) filters.push('kind = :kind');
  if (query.state) filters.push('state = :state');
  if (query.manufacturer) filters.push('manufacturer = :manufacturer');
  if (query.model) filters.push('model = :model');
  if (query.cursor) filters.push('id < :cursor');
  const part = (where: string) => `SELECT * FROM assets WHERE ${[where, ...filters].join(' AND ')} ORDER BY id DESC LIMIT :limit`;
  const own = part('user_id = :userId AND entity_id NOT IN (:entities)');
  const sql =
    scope.entities.length === 0
      ? own
      : `SELECT * FROM ((${part('entity_id IN (:entities)')}) UNION ALL (${own})) page ORDER BY id DESC LIMIT :limit`;
  const rows = await sequelize.query<AssetRow>(sql, {
    replacements: {
      ...query,
      ...scopeReplacements(scope),
      like: `%${(query.search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      cursor: Number(query.cursor ?? 0),
      limit: query.limit + 1,
    },
    type: QueryTypes.SELECT,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(summaryOf), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

/** A computer in `scope` with its components, software and latest history; undefined when none such. */
export async function computerViewOf(
  sequelize: Sequelize,
  id: number,
  scope: AssetScope,
): Promise<Omit<ComputerView, 'tickets'> | undefined> {
  const [row] = await sequelize.query<AssetRow>(`SELECT * FROM assets WHERE id = :id AND ${inScope}`, {
    replacements: { id, ...scopeReplacements(scope) },
    type: QueryTypes.SELECT,
  });
  if (!row) return undefined;
  const software = await installedSoftware(sequelize, id);
  const history = await assetHistory(sequelize, row, { limit: 500 });
  const components = JSON.parse(row.components) as ComputerComponents;
  return {
    ...summaryOf(row),
    uuid: row.uuid,
    osName: row.os_name,
    osVersion: row.os_version,
    osArch: row.os_arch,
    memoryMb: row.memory_mb,
    ...components,
    location: row.location,
    user: row.user_id,
    purchaseDate: row.purchase_date,
    warrantyEnd: row.warranty_end,
    software,
    history: history.items,
    olderHistory: history.nextCursor,
  };
}

/** A page of an asset's history, latest first, from before `cursor` when given. */
export async function assetHistory(
  sequelize: Sequelize,
  asset: Pick<AssetRow, 'id' | 'kind'>,
  page: { cursor?: string; limit: number },
): Promise<AssetHistoryPage> {
  const rows = await sequelize.query<{
    id: number;
    at: Date;
    field: string;
    before: string | null;
    after: string | null;
    source: AssetHistoryEntry['source'];
    user_id: number | null;
  }>(
    `SELECT id, at, field, \`before\`, \`after\`, source, user_id FROM asset_history
      WHERE asset_type = :kind AND asset_id = :id ${page.cursor ? 'AND id < :cursor' : ''} ORDER BY id DESC LIMIT :limit`,
    { replacements: { kind: asset.kind, id: asset.id, cursor: page.cursor, limit: page.limit + 1 }, type: QueryTypes.SELECT },
  );
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      field: entry.field,
      before: entry.before,
      after: entry.after,
      source: entry.source,
      user: entry.user_id,
    })),
    nextCursor: rows.length > page.limit ? String(items.at(-1)!.id) : null,
  };
}

/** The asset of `id` in `scope`, as its history is read by; undefined when none such. */
export async function assetInScope(
  sequelize: Sequelize,
  id: number,
  scope: AssetScope,
): Promise<Pick<AssetRow, 'id' | 'kind'> | undefined> {
  const [row] = await sequelize.query<Pick<AssetRow, 'id' | 'kind'>>(`SELECT id, kind FROM assets WHERE id = :id AND ${inScope}`, {
    replacements: { id, ...scopeReplacements(scope) },
    type: QueryTypes.SELECT,
  });
  return row;
}
