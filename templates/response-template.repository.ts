import { Op } from 'sequelize';
import { NotFoundError, ValidationError } from '../core/errors';
import { ResponseTemplateRow } from './response-template.models';
import type { CreateTemplateBody, EditTemplateBody, ResponseTemplateView } from './response-template.schemas';

export const toTemplateView = (row: ResponseTemplateRow): ResponseTemplateView => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  content: row.content,
  entity: row.entity_id,
});

/** The templates of these entities, of `kind` if given, by kind then name. */
export async function listTemplates(seenIn: readonly number[], kind?: ResponseTemplateView['kind']): Promise<ResponseTemplateView[]> {
  const rows = await ResponseTemplateRow.findAll({
    where: { entity_id: [...seenIn], ...(kind && { kind }) },
    order: [
      ['kind', 'ASC'],
      ['name', 'ASC'],
    ],
  });
  return rows.map(toTemplateView);
}

export async function templateOrFail(id: number): Promise<ResponseTemplateRow> {
  const row = await ResponseTemplateRow.findByPk(id);
  if (!row) throw new NotFoundError(`template ${id}`);
  return row;
}

// Two templates of one kind in one entity never share a name: the technician picks them by name.
async function uniqueNameOrFail(entity: number, kind: string, name: string, except?: number): Promise<void> {
  const clash = await ResponseTemplateRow.findOne({ where: { entity_id: entity, kind, name, ...(except && { id: { [Op.ne]: except } }) } });
  if (clash) throw new ValidationError({ name: `a ${kind} template named ${name} exists already in this entity` });
}

export async function createTemplate(body: CreateTemplateBody): Promise<ResponseTemplateView> {
  await uniqueNameOrFail(body.entity, body.kind, body.name);
  return toTemplateView(
    await ResponseTemplateRow.create({ kind: body.kind, name: body.name, content: body.content, entity_id: body.entity }),
  );
}

export async function updateTemplate(row: ResponseTemplateRow, edit: EditTemplateBody): Promise<ResponseTemplateView> {
  if (edit.name !== undefined) await uniqueNameOrFail(row.entity_id, row.kind, edit.name, row.id);
  return toTemplateView(await row.update(edit));
}

export async function deleteTemplate(row: ResponseTemplateRow): Promise<ResponseTemplateView> {
  const view = toTemplateView(row);
  await row.destroy();
  return view;
}
