import { LRUCache } from 'lru-cache';
import { type FindAttributeOptions, literal, type Model, QueryTypes } from 'sequelize';
import { entityTree } from '../organisation/entity.repository';
import { EntityRow } from '../organisation/organisation.models';
import type { TreeNode } from '../core/tree';
import type { ProfileGrant } from './access';

// The version of who may see what: MariaDB's triggers count every change to the entity tree or to
// the profiles granted (migration 0039), in the transaction that makes it.
const ACCESS_VERSION_SQL = '(SELECT version FROM access_versions WHERE id = 1)';

/** The attributes that have a query read the access version beside its model's own columns. */
export const WITH_ACCESS_VERSION: FindAttributeOptions = { include: [[literal(ACCESS_VERSION_SQL), 'access_version']] };

/** The access version a row read `WITH_ACCESS_VERSION` came with. */
export const accessVersionOf = (row: Model): number => Number(row.get('access_version'));

// How many people's grants one process keeps.
const KEPT_GRANTS = 10_000;

interface Kept {
  version: number;
  tree: Promise<TreeNode[]> | null;
  grants: LRUCache<string, Promise<ProfileGrant[]>>;
}
let kept: Kept | null = null;

// What this process keeps of `version`, dropped for it when the version read is another one.
function keptAt(version: number): Kept {
  if (kept?.version !== version) kept = { version, tree: null, grants: new LRUCache({ max: KEPT_GRANTS }) };
  return kept;
}

// A read shared by every caller until it fails; a failed one is read again by the next.
function shared<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
  const reading = read();
  reading.catch(forget);
  return reading;
}

/** The access version MariaDB holds now. */
export async function accessVersion(): Promise<number> {
  const [row] = await EntityRow.sequelize!.query<{ version: number | string }>(`SELECT ${ACCESS_VERSION_SQL} AS version`, {
    type: QueryTypes.SELECT,
  });
  return Number(row!.version);
}

/** The entity tree as of `version` (read no earlier than `version` was): read once per version. */
export function entityTreeAt(version: number): Promise<TreeNode[]> {
  const at = keptAt(version);
  at.tree ??= shared(entityTree, () => {
    if (kept === at) at.tree = null;
  });
  return at.tree;
}

/** The entity tree now, read again only after it changed. */
export const currentEntityTree = async (): Promise<TreeNode[]> => entityTreeAt(await accessVersion());

/** A user's grants as of `version`, read by `read` once per version and per `key`. */
export function grantsAt(key: string, version: number, read: () => Promise<ProfileGrant[]>): Promise<ProfileGrant[]> {
  const { grants } = keptAt(version);
  let reading = grants.get(key);
  if (!reading) {
    reading = shared(read, () => grants.delete(key));
    grants.set(key, reading);
  }
  return reading;
}
