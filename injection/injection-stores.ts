import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AssetKind } from '../inventory/asset-row';
import type { ComputerComponents } from '../inventory/computer-changes';
import { recordAssetChanges } from '../inventory/computer.repository';
import { insertLicence, updateLicence, type LicenceColumns } from '../licences/licence.repository';
import { UserProfileRow, UserRow } from '../users/user.models';
import type { Profile } from '../users/profiles';
import type { FoundItem } from './injection-plan';
import type { LineValues } from './injection-targets';

/** A line's values with its user's login resolved: `user` is then a user's id and `userName` their name. */
export type ResolvedValues = Record<string, string | number | null>;

/** Who runs an injection and where its new items go. */
export interface InjectionContext {
  entity: number;
  runBy: number;
  transaction: Transaction;
}

/** Where the items of one target are found, created and updated. */
export interface InjectionStore {
  find(identity: LineValues, context: InjectionContext): Promise<FoundItem[]>;
  create(values: ResolvedValues, context: InjectionContext): Promise<number>;
  update(found: FoundItem, values: ResolvedValues, changed: readonly string[], context: InjectionContext): Promise<void>;
  /** Why the line's values cannot be written to the item `id` (null: a new one) though nothing else is against it. */
  clashOf?(values: LineValues, id: number | null, context: InjectionContext): Promise<string | undefined>;
}

const where = (columns: Record<string, string>, identity: LineValues) =>
  Object.keys(identity)
    .map((field) => `${columns[field]} = :${field}`)
    .join(' AND ');

const ASSET_COLUMNS: Record<string, string> = {
  name: 'a.name',
  serial: 'a.serial',
  uuid: 'a.uuid',
  manufacturer: 'a.manufacturer',
  model: 'a.model',
  type: 'a.type',
  osName: 'a.os_name',
  osVersion: 'a.os_version',
  memoryMb: 'a.memory_mb',
  state: 'a.state',
  location: 'a.location',
  purchaseDate: 'a.purchase_date',
  warrantyEnd: 'a.warranty_end',
};
// The asset's fields as a line gives them: dates as YYYY-MM-DD.
const ASSET_SELECTED = Object.entries(ASSET_COLUMNS)
  .map(
    ([field, column]) =>
      `${field === 'purchaseDate' || field === 'warrantyEnd' ? `DATE_FORMAT(${column}, '%Y-%m-%d')` : column} AS ${field}`,
  )
  .join(', ');
// A computer nobody's agent has told of yet has no components.
const NO_COMPONENTS: ComputerComponents = {
  bios: { manufacturer: null, version: null, date: null },
  cpus: [],
  disks: [],
  networkCards: [],
};

/** Computers or monitors of the mapping's entity; each change an import makes is in the asset's history. */
export function assetStore(sequelize: Sequelize, kind: AssetKind): InjectionStore {
  return {
    async find(identity, { entity, transaction }) {
      const rows = await sequelize.query<Record<string, string | number | null> & { id: number }>(
        `SELECT a.id, ${ASSET_SELECTED}, u.login AS user, u.name AS userName
         FROM assets a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.kind = :kind AND a.entity_id = :entity AND ${where(ASSET_COLUMNS, identity)}
         ORDER BY a.id FOR UPDATE`,
        { replacements: { ...identity, kind, entity }, type: QueryTypes.SELECT, transaction },
      );
      return rows.map(({ id, ...values }) => ({ id, values }));
    },

    async create(values, { entity, runBy, transaction }) {
      const fields = Object.keys(ASSET_COLUMNS).filter((field) => values[field] !== undefined);
      const columns = [...fields.map((field) => ASSET_COLUMNS[field]!.slice(2)), ...(values.user === undefined ? [] : ['user_id'])];
      const replacements = [...fields.map((field) => values[field]), ...(values.user === undefined ? [] : [values.user])];
      const [id] = await sequelize.query(
        `INSERT INTO assets (kind, entity_id, components, ${values.state === undefined ? 'state, ' : ''}${columns.join(', ')}, created_at, updated_at)
         VALUES (?, ?, ?, ${values.state === undefined ? "'in_use', " : ''}${columns.map(() => '?').join(', ')}, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        { replacements: [kind, entity, JSON.stringify(NO_COMPONENTS), ...replacements], type: QueryTypes.INSERT, transaction },
      );
      const created = [{ field: 'created', before: null, after: String(values.name) }];
      await recordAssetChanges(sequelize, { type: kind, id }, created, { source: 'import', userId: runBy }, transaction);
      return id;
    },

    async update(found, values, changed, { runBy, transaction }) {
      const column = (field: string) => (field === 'user' ? 'user_id' : ASSET_COLUMNS[field]!.slice(2));
      await sequelize.query(
        `UPDATE assets SET ${changed.map((field) => `${column(field)} = ?`).join(', ')}, updated_at = UTC_TIMESTAMP(3) WHERE id = ?`,
        { replacements: [...changed.map((field) => values[field]), found.id], transaction },
      );
      // A person is named in the history, as when the desk edits the asset.
      const shown = (field: string, item: Readonly<Record<string, string | number | null>>) => {
        const value = field === 'user' ? item.userName : item[field];
        return value === null || value === undefined ? null : String(value);
      };
      const changes = changed.map((field) => ({ field, before: shown(field, found.values), after: shown(field, values) }));
      await recordAssetChanges(sequelize, { type: kind, id: found.id }, changes, { source: 'import', userId: runBy }, transaction);
    },
  };
}

const USER_COLUMNS: Record<string, string> = { login: 'login', name: 'name', email: 'email', profile: 'profile' };

/** Users: found anywhere by login or e-mail; a new one is a local account without a password yet, with its profile in the mapping's entity and below. */
export function userStore(sequelize: Sequelize): InjectionStore {
  return {
    async find(identity, { transaction }) {
      const rows = await sequelize.query<{ id: number; login: string; name: string; email: string | null; profile: string }>(
        `SELECT id, login, name, email, profile FROM users WHERE ${where(USER_COLUMNS, identity)} ORDER BY id FOR UPDATE`,
        { replacements: identity, type: QueryTypes.SELECT, transaction },
      );
      return rows.map(({ id, ...values }) => ({ id, values }));
    },

    async clashOf(values, id, { transaction }) {
      if (values.login === undefined) return undefined;
      const [other] = await sequelize.query<{ id: number }>('SELECT id FROM users WHERE login = ? AND id <> ?', {
        replacements: [values.login, id ?? 0],
        type: QueryTypes.SELECT,
        transaction,
      });
      return other ? `login: user ${other.id} has the login "${values.login}"` : undefined;
    },

    async create(values, { entity, transaction }) {
      const profile = (values.profile ?? 'requester') as Profile;
      const row = await UserRow.create(
        {
          login: String(values.login),
          name: String(values.name),
          email: (values.email as string | undefined) ?? null,
          profile,
          entity_id: entity,
          password_hash: '!',
          auth_source: 'local',
        },
        { transaction },
      );
      await UserProfileRow.create({ user_id: row.id, entity_id: entity, profile, recursive: true }, { transaction });
      return row.id;
    },

    async update(found, values, changed, { transaction }) {
      await UserRow.update(Object.fromEntries(changed.map((field) => [USER_COLUMNS[field]!, values[field]])), {
        where: { id: found.id },
        transaction,
      });
    },
  };
}

const LICENCE_COLUMNS: Record<string, string> = {
  name: 'name',
  software: 'software',
  publisher: 'publisher',
  kind: 'kind',
  seats: 'seats',
  purchaseDate: "DATE_FORMAT(purchase_date, '%Y-%m-%d')",
  expiresOn: "DATE_FORMAT(expires_on, '%Y-%m-%d')",
};

const LICENCE_SELECTED = Object.entries(LICENCE_COLUMNS)
  .map(([field, column]) => `${column} AS ${field}`)
  .join(', ');

/** Software licences of the mapping's entity; a new one's renewal alerts go to whoever runs the injection. */
export function licenceStore(sequelize: Sequelize): InjectionStore {
  return {
    async find(identity, { entity, transaction }) {
      const rows = await sequelize.query<Record<string, string | number | null> & { id: number }>(
        `SELECT id, ${LICENCE_SELECTED}
         FROM software_licences WHERE entity_id = :entity AND ${where(LICENCE_COLUMNS, identity)} ORDER BY id FOR UPDATE`,
        { replacements: { ...identity, entity }, type: QueryTypes.SELECT, transaction },
      );
      return rows.map(({ id, ...values }) => ({ id, values }));
    },

    create: (values, { entity, runBy, transaction }) =>
      insertLicence(
        sequelize,
        entity,
        {
          name: String(values.name),
          software: String(values.software),
          publisher: (values.publisher as string | undefined) ?? null,
          kind: values.kind as LicenceColumns['kind'],
          seats: (values.seats as number | undefined) ?? null,
          purchaseDate: (values.purchaseDate as string | undefined) ?? null,
          expiresOn: (values.expiresOn as string | undefined) ?? null,
          alertDays: null,
          manager: runBy,
        },
        transaction,
      ),

    update: (found, values, changed, { transaction }) =>
      updateLicence(sequelize, found.id, Object.fromEntries(changed.map((field) => [field, values[field]])), transaction),
  };
}
