import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DEFAULT_ALERT_DAYS } from './licence-alerts';
import type { LicenceDetail, LicenceQuery, LicenceView } from './licence.schemas';

/** A licence as stored, with what it is used for: installations of its software in its entity and below, assignments. */
interface LicenceRow {
  id: number;
  entity_id: number;
  name: string;
  software: string;
  publisher: string | null;
  kind: LicenceView['kind'];
  seats: number | null;
  purchase_date: string | null;
  expires_on: string | null;
  alert_days: string | null;
  entity_days: string | null;
  manager_id: number;
  installations: number | string;
  assigned: number | string;
}

/** The columns a person sets, by the API's names. */
export interface LicenceColumns {
  name: string;
  software: string;
  publisher: string | null;
  kind: LicenceView['kind'];
  seats: number | null;
  purchaseDate: string | null;
  expiresOn: string | null;
  alertDays: number[] | null;
  manager: number;
}

const COLUMNS: Record<keyof LicenceColumns, string> = {
  name: 'name',
  software: 'software',
  publisher: 'publisher',
  kind: 'kind',
  seats: 'seats',
  purchaseDate: 'purchase_date',
  expiresOn: 'expires_on',
  alertDays: 'alert_days',
  manager: 'manager_id',
};
const stored = (field: keyof LicenceColumns, value: unknown) => (field === 'alertDays' && value !== null ? JSON.stringify(value) : value);

// Every entity with itself and those below it: a licence counts its software's installations there.
const SUBTREES = `WITH RECURSIVE subtree (root, id) AS (
    SELECT id, id FROM entities UNION ALL SELECT s.root, e.id FROM entities e JOIN subtree s ON e.parent_id = s.id)`;
const SELECT_LICENCES = `${SUBTREES}
  SELECT l.id, l.entity_id, l.name, l.software, l.publisher, l.kind, l.seats,
    DATE_FORMAT(l.purchase_date, '%Y-%m-%d') AS purchase_date, DATE_FORMAT(l.expires_on, '%Y-%m-%d') AS expires_on,
    l.alert_days, e.licence_alert_days AS entity_days, l.manager_id,
    (SELECT COUNT(DISTINCT sw.asset_id) FROM asset_software sw JOIN assets a ON a.id = sw.asset_id
      JOIN subtree t ON t.root = l.entity_id AND t.id = a.entity_id WHERE sw.name = l.software) AS installations,
    (SELECT COUNT(*) FROM software_licence_assignments x WHERE x.licence_id = l.id) AS assigned
  FROM software_licences l JOIN entities e ON e.id = l.entity_id`;

function viewOf(row: LicenceRow): LicenceView {
  const own = row.alert_days ? (JSON.parse(row.alert_days) as number[]) : null;
  const [installations, assigned] = [Number(row.installations), Number(row.assigned)];
  return {
    id: row.id,
    entity: row.entity_id,
    name: row.name,
    software: row.software,
    publisher: row.publisher,
    kind: row.kind,
    seats: row.seats,
    purchaseDate: row.purchase_date,
    expiresOn: row.expires_on,
    alertDays: own ?? (row.entity_days ? (JSON.parse(row.entity_days) as number[]) : DEFAULT_ALERT_DAYS),
    ownAlertDays: own !== null,
    manager: row.manager_id,
    installations,
    assigned,
    overUsed: row.seats !== null && Math.max(installations, assigned) > row.seats,
  };
}

/** A page of the licences of `entities`, newest first, narrowed by the query. */
export async function listLicences(
  sequelize: Sequelize,
  entities: readonly number[],
  query: LicenceQuery,
  today: string,
): Promise<{ items: LicenceView[]; nextCursor: string | null }> {
  const scope = query.entity ? entities.filter((entity) => entity === query.entity) : entities;
  if (scope.length === 0) return { items: [], nextCursor: null };
  const where = ['l.entity_id IN (:entities)'];
  if (query.search) where.push('(l.name LIKE :like OR l.software LIKE :like OR l.publisher LIKE :like)');
  if (query.expiringWithin !== undefined) where.push('l.expires_on <= DATE_ADD(:today, INTERVAL :within DAY)');
  if (query.cursor) where.push('l.id < :cursor');
  const having =
    query.overUsed === undefined
      ? ''
      : `HAVING ${query.overUsed ? '' : 'NOT '}(l.seats IS NOT NULL AND GREATEST(installations, assigned) > l.seats)`;
  const rows = await sequelize.query<LicenceRow>(
    `${SELECT_LICENCES} WHERE ${where.join(' AND ')} ${having} ORDER BY l.id DESC LIMIT :limit`,
    {
      replacements: {
        entities: scope,
        like: `%${(query.search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        today,
        within: query.expiringWithin ?? 0,
        cursor: Number(query.cursor ?? 0),
        limit: query.limit + 1,
      },
      type: QueryTypes.SELECT,
    },
  );
  const page = rows.slice(0, query.limit);
  return { items: page.map(viewOf), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

/** A licence of `entities`; undefined when there is none such. */
export async function licenceOf(sequelize: Sequelize, id: number, entities: readonly number[]): Promise<LicenceView | undefined> {
  if (entities.length === 0) return undefined;
  const [row] = await sequelize.query<LicenceRow>(`${SELECT_LICENCES} WHERE l.id = :id AND l.entity_id IN (:entities)`, {
    replacements: { id, entities },
    type: QueryTypes.SELECT,
  });
  return row && viewOf(row);
}

/** What a licence's page shows besides its view: to what it is assigned, where it is installed, the alerts sent. */
export async function licenceDetailsOf(sequelize: Sequelize, licence: LicenceView): Promise<Omit<LicenceDetail, keyof LicenceView>> {
  const named = (sql: string) =>
    sequelize.query<{ id: number; name: string }>(sql, {
      replacements: { id: licence.id, entity: licence.entity, software: licence.software },
      type: QueryTypes.SELECT,
    });
  const [assignedAssets, assignedUsers, installedOn, alerts] = await Promise.all([
    named(
      'SELECT a.id, a.name FROM software_licence_assignments x JOIN assets a ON a.id = x.asset_id WHERE x.licence_id = :id ORDER BY a.name',
    ),
    named(
      'SELECT u.id, u.name FROM software_licence_assignments x JOIN users u ON u.id = x.user_id WHERE x.licence_id = :id ORDER BY u.name',
    ),
    named(`${SUBTREES} SELECT DISTINCT a.id, a.name FROM asset_software sw JOIN assets a ON a.id = sw.asset_id
      JOIN subtree t ON t.root = :entity AND t.id = a.entity_id WHERE sw.name = :software ORDER BY a.name LIMIT 500`),
    sequelize.query<{ threshold_days: number; expires_on: string; sent_at: Date | null; address: string | null }>(
      `SELECT threshold_days, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, sent_at, address FROM licence_alerts
       WHERE licence_id = ? ORDER BY created_at DESC`,
      { replacements: [licence.id], type: QueryTypes.SELECT },
    ),
  ]);
  return {
    assignedAssets,
    assignedUsers,
    installedOn,
    alerts: alerts.map((alert) => ({
      thresholdDays: alert.threshold_days,
      expiresOn: alert.expires_on,
      sentAt: alert.sent_at && new Date(alert.sent_at).toISOString(),
      address: alert.address,
    })),
  };
}

/** Records a new licence; its id. */
export async function insertLicence(
  sequelize: Sequelize,
  entity: number,
  columns: LicenceColumns,
  transaction?: Transaction,
): Promise<number> {
  const fields = Object.keys(COLUMNS) as (keyof LicenceColumns)[];
  const [id] = await sequelize.query(
    `INSERT INTO software_licences (entity_id, ${fields.map((f) => COLUMNS[f]).join(', ')}, created_at, updated_at)
     VALUES (?, ${fields.map(() => '?').join(', ')}, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    { replacements: [entity, ...fields.map((f) => stored(f, columns[f]))], type: QueryTypes.INSERT, transaction },
  );
  return Number(id);
}

/** Writes the fields of `edit` that are given. */
export async function updateLicence(
  sequelize: Sequelize,
  id: number,
  edit: Partial<LicenceColumns>,
  transaction?: Transaction,
): Promise<void> {
  const fields = (Object.keys(COLUMNS) as (keyof LicenceColumns)[]).filter((f) => edit[f] !== undefined);
  await sequelize.query(
    `UPDATE software_licences SET ${fields.map((f) => `${COLUMNS[f]} = ?`).join(', ')}, updated_at = UTC_TIMESTAMP(3) WHERE id = ?`,
    { replacements: [...fields.map((f) => stored(f, edit[f])), id], transaction },
  );
}

export async function deleteLicence(sequelize: Sequelize, id: number): Promise<void> {
  await sequelize.query('DELETE FROM software_licences WHERE id = ?', { replacements: [id] });
}

/** Replaces what a licence is assigned to, in one transaction. */
export async function replaceAssignments(
  sequelize: Sequelize,
  id: number,
  assets: readonly number[],
  users: readonly number[],
): Promise<void> {
  await sequelize.transaction(async (transaction: Transaction) => {
    await sequelize.query('DELETE FROM software_licence_assignments WHERE licence_id = ?', { replacements: [id], transaction });
    const rows = [...assets.map((asset) => [id, asset, null]), ...users.map((user) => [id, null, user])];
    if (rows.length === 0) return;
    await sequelize.query(
      `INSERT INTO software_licence_assignments (licence_id, asset_id, user_id, created_at) VALUES ${rows.map(() => '(?, ?, ?, UTC_TIMESTAMP(3))').join(', ')}`,
      { replacements: rows.flat(), transaction },
    );
    await sequelize.query('UPDATE software_licences SET updated_at = UTC_TIMESTAMP(3) WHERE id = ?', { replacements: [id], transaction });
  });
}

/** Licences whose renewal clock has not taken their latest terms: changed since, or their entity's thresholds changed since. */
export async function licencesWithStaleClock(sequelize: Sequelize): Promise<number[]> {
  const rows = await sequelize.query<{ id: number }>(
    `SELECT l.id FROM software_licences l JOIN entities e ON e.id = l.entity_id
     WHERE l.clock_set_at IS NULL OR l.clock_set_at < l.updated_at OR (l.alert_days IS NULL AND l.clock_set_at < e.updated_at)
     ORDER BY l.id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((row) => row.id);
}

/** Notes that the licence's clock took the terms it had at `at`. */
export async function markClockSet(sequelize: Sequelize, id: number, at: Date): Promise<void> {
  await sequelize.query('UPDATE software_licences SET clock_set_at = ? WHERE id = ?', { replacements: [at, id] });
}
