import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AssetKind, AssetRow } from './asset-row';
import type { AssetChange, ComputerComponents, ComputerFacts } from './computer-changes';
import type { KnownComputer } from './computer-matching';

/** Who made a change to an asset: its agent, or a person by hand or by an import they ran. */
export type AssetChangeSource = { source: 'agent' } | { source: 'import'; userId?: number } | { source: 'person'; userId: number };

const columnsOf = (facts: ComputerFacts) => ({
  name: facts.name,
  serial: facts.serial,
  uuid: facts.uuid,
  manufacturer: facts.manufacturer,
  model: facts.model,
  type: facts.type,
  os_name: facts.osName,
  os_version: facts.osVersion,
  os_arch: facts.osArch,
  memory_mb: facts.memoryMb,
  last_user: facts.lastUser,
  components: JSON.stringify({
    bios: facts.bios,
    cpus: facts.cpus,
    disks: facts.disks,
    networkCards: facts.networkCards,
  } satisfies ComputerComponents),
});

/** The computers an inventory may describe: those sharing one of its identities, with their MAC addresses. */
export async function computersSharingIdentities(
  sequelize: Sequelize,
  identities: { deviceId: string; serial: string | null; uuid: string | null; macs: string[]; name: string },
  transaction: Transaction,
): Promise<KnownComputer[]> {
  const rows = await sequelize.query<{
    id: number;
    name: string;
    device_id: string | null;
    serial: string | null;
    uuid: string | null;
    macs: string | null;
  }>(
    // One index lookup per identity: an OR across them would have MariaDB read the whole estate.
    `SELECT c.id, c.name, c.device_id, c.serial, c.uuid, (SELECT GROUP_CONCAT(m.mac) FROM asset_macs m WHERE m.asset_id = c.id) AS macs
       FROM (SELECT id FROM assets WHERE device_id = :deviceId
             UNION SELECT id FROM assets WHERE serial = :serial
             UNION SELECT id FROM assets WHERE uuid = :uuid
             UNION SELECT id FROM assets WHERE name = :name
             UNION SELECT asset_id FROM asset_macs WHERE mac IN (:macs)) found
       JOIN assets c ON c.id = found.id
      WHERE c.kind = 'computer'
      ORDER BY c.id
      FOR UPDATE`,
    { replacements: { ...identities, macs: identities.macs.length > 0 ? identities.macs : [''] }, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    deviceId: row.device_id,
    serial: row.serial,
    uuid: row.uuid,
    macs: row.macs ? row.macs.split(',') : [],
  }));
}

/** The software installed on a computer, by name and version. */
export const installedSoftware = (sequelize: Sequelize, id: number, transaction?: Transaction) =>
  sequelize.query<ComputerFacts['software'][number]>(
    'SELECT name, publisher, version, arch FROM asset_software WHERE asset_id = ? ORDER BY name, version',
    { replacements: [id], type: QueryTypes.SELECT, transaction },
  );

/** What the inventory holds of a computer, as an agent would report it. */
export async function storedComputerFacts(sequelize: Sequelize, id: number, transaction: Transaction): Promise<ComputerFacts> {
  const [row] = await sequelize.query<AssetRow>('SELECT * FROM assets WHERE id = ?', {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  const software = await installedSoftware(sequelize, id, transaction);
  const components = JSON.parse(row!.components) as ComputerComponents;
  return {
    name: row!.name,
    serial: row!.serial,
    uuid: row!.uuid,
    manufacturer: row!.manufacturer,
    model: row!.model,
    type: row!.type,
    osName: row!.os_name,
    osVersion: row!.os_version,
    osArch: row!.os_arch,
    memoryMb: row!.memory_mb,
    lastUser: row!.last_user,
    ...components,
    software,
  };
}

async function replaceMacs(sequelize: Sequelize, id: number, facts: ComputerFacts, transaction: Transaction): Promise<void> {
  await sequelize.query('DELETE FROM asset_macs WHERE asset_id = ?', { replacements: [id], transaction });
  const macs = [...new Set(facts.networkCards.filter((card) => !card.virtual).map((card) => card.mac))];
  if (macs.length === 0) return;
  await sequelize.query(`INSERT INTO asset_macs (asset_id, mac) VALUES ${macs.map(() => '(?, ?)').join(', ')}`, {
    replacements: macs.flatMap((mac) => [id, mac]),
    transaction,
  });
}

async function insertSoftware(sequelize: Sequelize, id: number, items: ComputerFacts['software'], transaction: Transaction): Promise<void> {
  for (let start = 0; start < items.length; start += 500) {
    const batch = items.slice(start, start + 500);
    await sequelize.query(
      `INSERT INTO asset_software (asset_id, name, publisher, version, arch) VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      { replacements: batch.flatMap((item) => [id, item.name, item.publisher, item.version, item.arch]), transaction },
    );
  }
}

/** Files a computer seen for the first time in `entity`. */
export async function insertComputer(
  sequelize: Sequelize,
  entity: number,
  facts: ComputerFacts & { deviceId: string },
  transaction: Transaction,
): Promise<number> {
  const columns = { ...columnsOf(facts), kind: 'computer', entity_id: entity, device_id: facts.deviceId, state: 'in_use' };
  const names = Object.keys(columns);
  const [id] = await sequelize.query(
    `INSERT INTO assets (${names.join(', ')}, last_inventory_at, created_at, updated_at)
     VALUES (${names.map(() => '?').join(', ')}, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    { replacements: Object.values(columns), type: QueryTypes.INSERT, transaction },
  );
  await replaceMacs(sequelize, id, facts, transaction);
  await insertSoftware(sequelize, id, facts.software, transaction);
  return id;
}

/**
 * Brings a computer to what its agent saw: its fields and components, the software that came and
 * went (what stayed is not rewritten), and the last inventory date.
 */
export async function updateInventoriedComputer(
  sequelize: Sequelize,
  id: number,
  before: ComputerFacts,
  facts: ComputerFacts & { deviceId: string },
  transaction: Transaction,
): Promise<void> {
  const columns = { ...columnsOf(facts), device_id: facts.deviceId };
  await sequelize.query(
    `UPDATE assets SET ${Object.keys(columns)
      .map((name) => `${name} = ?`)
      .join(', ')}, last_inventory_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3) WHERE id = ?`,
    { replacements: [...Object.values(columns), id], transaction },
  );
  await replaceMacs(sequelize, id, facts, transaction);
  const key = (item: ComputerFacts['software'][number]) => JSON.stringify([item.name, item.version, item.arch]);
  const now = new Set(facts.software.map(key));
  const was = new Set(before.software.map(key));
  for (const gone of before.software.filter((item) => !now.has(key(item)))) {
    await sequelize.query('DELETE FROM asset_software WHERE asset_id = ? AND name = ? AND version <=> ? AND arch <=> ? LIMIT 1', {
      replacements: [id, gone.name, gone.version, gone.arch],
      transaction,
    });
  }
  await insertSoftware(
    sequelize,
    id,
    facts.software.filter((item) => !was.has(key(item))),
    transaction,
  );
}

const EDITED_COLUMNS = {
  name: 'name',
  state: 'state',
  location: 'location',
  purchaseDate: 'purchase_date',
  warrantyEnd: 'warranty_end',
  user: 'user_id',
} as const;

/** Writes what a person changed of a computer. */
export async function updateEditedComputer(
  sequelize: Sequelize,
  id: number,
  fields: Partial<Record<keyof typeof EDITED_COLUMNS, string | number | null>>,
  transaction: Transaction,
): Promise<void> {
  const edited = (Object.keys(EDITED_COLUMNS) as (keyof typeof EDITED_COLUMNS)[]).filter((field) => fields[field] !== undefined);
  await sequelize.query(
    `UPDATE assets SET ${edited.map((field) => `${EDITED_COLUMNS[field]} = ?`).join(', ')}, updated_at = UTC_TIMESTAMP(3) WHERE id = ?`,
    { replacements: [...edited.map((field) => fields[field]), id], transaction },
  );
}

/** Writes changes to an asset's history. */
export async function recordAssetChanges(
  sequelize: Sequelize,
  asset: { type: AssetKind; id: number },
  changes: readonly AssetChange[],
  by: AssetChangeSource,
  transaction: Transaction,
): Promise<void> {
  for (let start = 0; start < changes.length; start += 500) {
    const batch = changes.slice(start, start + 500);
    await sequelize.query(
      `INSERT INTO asset_history (asset_type, asset_id, field, \`before\`, \`after\`, source, user_id, at)
       VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))').join(', ')}`,
      {
        replacements: batch.flatMap((change) => [
          asset.type,
          asset.id,
          change.field,
          change.before,
          change.after,
          by.source,
          by.source === 'agent' ? null : (by.userId ?? null),
        ]),
        transaction,
      },
    );
  }
}
