import { NotFoundError, ValidationError } from '../core/errors';
import { ancestry, subtreeIdsOrFail, type TreeNode } from '../core/tree';
import { EntityRow } from './organisation.models';
import { DEFAULT_PRIORITY_MATRIX, PriorityMatrix } from '../tickets/priority-matrix';
import type { CreateEntityBody, EditEntityBody, EntityView } from './entity.schemas';
import { DEFAULT_ALERT_DAYS } from '../licences/licence-alerts';

const allEntities = (): Promise<EntityRow[]> => EntityRow.findAll({ order: [['id', 'ASC']] });

/** Every entity's place in the tree (id and parent), which rights are worked out over. */
export const entityTree = (): Promise<TreeNode[]> => EntityRow.findAll({ attributes: ['id', 'parent_id'] });

// The nearest matrix up the tree wins; with none set anywhere, GLPI's default applies.
function effectiveMatrix(rows: readonly EntityRow[], id: number): PriorityMatrix {
  const own = ancestry(rows, id)
    .reverse()
    .find((entity) => entity.priority_matrix !== null);
  return own ? PriorityMatrix.parse(JSON.parse(own.priority_matrix!)) : DEFAULT_PRIORITY_MATRIX;
}

const toEntityView = (rows: readonly EntityRow[], row: EntityRow): EntityView => ({
  id: row.id,
  parent: row.parent_id,
  name: row.name,
  priorityMatrix: effectiveMatrix(rows, row.id),
  inheritsPriorityMatrix: row.priority_matrix === null,
  licenceAlertDays: row.licence_alert_days ? (JSON.parse(row.licence_alert_days) as number[]) : DEFAULT_ALERT_DAYS,
});

export async function listEntities(seenIn?: readonly number[]): Promise<EntityView[]> {
  const rows = await allEntities();
  return rows.filter((row) => !seenIn || seenIn.includes(row.id)).map((row) => toEntityView(rows, row));
}

export async function createEntity(body: CreateEntityBody): Promise<EntityView> {
  if (!(await EntityRow.findByPk(body.parent))) throw new ValidationError({ parent: `entity ${body.parent} does not exist` });
  const row = await EntityRow.create({
    parent_id: body.parent,
    name: body.name,
    priority_matrix: body.priorityMatrix ? JSON.stringify(body.priorityMatrix) : null,
  });
  return toEntityView(await allEntities(), row);
}

/**
 * Renames entity `id`, sets its matrix (null: its parent's again) or its licences' alert
 * thresholds; tickets already filed keep their priority.
 */
export async function updateEntity(id: number, edit: EditEntityBody): Promise<EntityView> {
  const row = await EntityRow.findByPk(id);
  if (!row) throw new NotFoundError(`entity ${id}`);
  await row.update({
    ...(edit.name !== undefined && { name: edit.name }),
    ...(edit.priorityMatrix !== undefined && {
      priority_matrix: edit.priorityMatrix === null ? null : JSON.stringify(edit.priorityMatrix),
    }),
    ...(edit.licenceAlertDays !== undefined && {
      licence_alert_days: edit.licenceAlertDays === null ? null : JSON.stringify(edit.licenceAlertDays),
    }),
  });
  return toEntityView(await allEntities(), row);
}

/** The priority matrix of entity `id`; a ValidationError naming `field` when it does not exist. */
export async function priorityMatrixOfOrFail(id: number, field: string): Promise<PriorityMatrix> {
  const rows = await allEntities();
  if (!rows.some((row) => row.id === id)) throw new ValidationError({ [field]: `entity ${id} does not exist` });
  return effectiveMatrix(rows, id);
}

/** `id` and all the entities below it; a ValidationError naming `field` when it does not exist. */
export const entityWithChildrenOrFail = async (id: number, field: string): Promise<number[]> =>
  subtreeIdsOrFail(await allEntities(), id, field, 'entity');

/** Every entity's id. */
export const allEntityIds = async (): Promise<number[]> => (await EntityRow.findAll({ attributes: ['id'] })).map((row) => row.id);

/** Entity `id` and every entity above it. */
export const entityChainOf = async (id: number): Promise<number[]> => ancestry(await allEntities(), id).map((row) => row.id);

/** Throws a ValidationError naming `field` when entity `id` does not exist. */
export async function entityExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await EntityRow.findByPk(id))) throw new ValidationError({ [field]: `entity ${id} does not exist` });
}
