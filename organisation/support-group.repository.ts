import { ValidationError } from '../core/errors';
import { SupportGroupRow } from './organisation.models';
import type { SupportGroupView } from './support-group.schemas';

/** The support groups of these entities, by level then name. */
export async function listGroups(seenIn: readonly number[]): Promise<SupportGroupView[]> {
  const rows = await SupportGroupRow.findAll({
    where: { entity_id: [...seenIn] },
    order: [
      ['level', 'ASC'],
      ['name', 'ASC'],
    ],
  });
  return rows.map((row) => ({ id: row.id, name: row.name, level: row.level, entity: row.entity_id }));
}

/** Throws a ValidationError naming `field` when support group `id` does not exist. */
export async function groupExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await SupportGroupRow.findByPk(id))) throw new ValidationError({ [field]: `support group ${id} does not exist` });
}
