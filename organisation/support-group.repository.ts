import { ValidationError } from '../core/errors';
import { SupportGroupRow } from './organisation.models';

/** Throws a ValidationError naming `field` when support group `id` does not exist. */
export async function groupExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await SupportGroupRow.findByPk(id))) throw new ValidationError({ [field]: `support group ${id} does not exist` });
}
