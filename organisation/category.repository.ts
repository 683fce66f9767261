import { UniqueConstraintError } from 'sequelize';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { ancestry, descendantIds, subtreeIdsOrFail } from '../core/tree';
import { CategoryRow } from './organisation.models';
import type { CategoryView, CreateCategoryBody, EditCategoryBody } from './category.schemas';
import { TicketTemplate } from './ticket-template';

const SEPARATOR = ' › ';

// The tree is small (hundreds of rows at most): it is read whole, so paths and children need no recursion in SQL.
const allCategories = (): Promise<CategoryRow[]> => CategoryRow.findAll({ order: [['id', 'ASC']] });

function toCategoryView(rows: readonly CategoryRow[], row: CategoryRow): CategoryView {
  const chain = ancestry(rows, row.id);
  return {
    id: row.id,
    parent: row.parent_id,
    name: { fr: row.name_fr, en: row.name_en },
    path: { fr: chain.map((c) => c.name_fr).join(SEPARATOR), en: chain.map((c) => c.name_en).join(SEPARATOR) },
    entity: row.entity_id,
    ticketTemplate: row.ticket_template ? TicketTemplate.parse(JSON.parse(row.ticket_template)) : null,
  };
}

/** The whole category tree, each category with its path, in creation order. */
export async function listCategories(seenIn?: readonly number[]): Promise<CategoryView[]> {
  const rows = await allCategories();
  return rows.filter((row) => !seenIn || seenIn.includes(row.entity_id)).map((row) => toCategoryView(rows, row));
}

/** Adds a category under `parent` (or at the top); names are unique among siblings. */
export async function createCategory(body: CreateCategoryBody): Promise<CategoryView> {
  if (body.parent !== null && !(await CategoryRow.findByPk(body.parent))) {
    throw new ValidationError({ parent: `category ${body.parent} does not exist` });
  }
  const sibling = await CategoryRow.findOne({ where: { parent_id: body.parent, name_fr: body.name.fr } });
  if (sibling) throw new ConflictError('category_exists', `"${body.name.fr}" already exists at this place of the tree (id ${sibling.id})`);
  try {
    const row = await CategoryRow.create({ parent_id: body.parent, name_fr: body.name.fr, name_en: body.name.en, entity_id: body.entity });
    return toCategoryView(await allCategories(), row);
  } catch (error) {
    // A concurrent request added the same sibling first.
    if (error instanceof UniqueConstraintError)
      throw new ConflictError('category_exists', `"${body.name.fr}" already exists at this place of the tree`);
    throw error;
  }
}

/** Category `id`, or a NotFoundError. */
export async function categoryOrFail(id: number): Promise<CategoryRow> {
  const row = await CategoryRow.findByPk(id);
  if (!row) throw new NotFoundError(`category ${id}`);
  return row;
}

/**
 * Renames `row` or moves it, with everything below it, under another parent (null: to the top).
 * It cannot go under itself or one of its own; names stay unique among siblings.
 */
export async function updateCategory(row: CategoryRow, edit: EditCategoryBody): Promise<CategoryView> {
  const rows = await allCategories();
  const parent = edit.parent === undefined ? row.parent_id : edit.parent;
  if (parent !== null) {
    if (!rows.some((other) => other.id === parent)) throw new ValidationError({ parent: `category ${parent} does not exist` });
    if (descendantIds(rows, row.id).includes(parent)) throw new ValidationError({ parent: `category ${parent} is ${row.id} or below it` });
  }
  const nameFr = edit.name?.fr ?? row.name_fr;
  const sibling = rows.find((other) => other.id !== row.id && other.parent_id === parent && other.name_fr === nameFr);
  if (sibling) throw new ConflictError('category_exists', `"${nameFr}" already exists at this place of the tree (id ${sibling.id})`);
  await row.update({
    parent_id: parent,
    name_fr: nameFr,
    name_en: edit.name?.en ?? row.name_en,
    ...(edit.ticketTemplate !== undefined && {
      ticket_template: edit.ticketTemplate === null ? null : JSON.stringify(edit.ticketTemplate),
    }),
  });
  return toCategoryView(await allCategories(), row);
}

/** The ticket template of category `id`, if it has one. */
export async function ticketTemplateOf(id: number): Promise<TicketTemplate | null> {
  const row = await CategoryRow.findByPk(id, { attributes: ['ticket_template'] });
  return row?.ticket_template ? TicketTemplate.parse(JSON.parse(row.ticket_template)) : null;
}

/** `id` and all the categories below it; a ValidationError naming `field` when it does not exist. */
export const categoryWithChildrenOrFail = async (id: number, field: string): Promise<number[]> =>
  subtreeIdsOrFail(await allCategories(), id, field, 'category');

/** Throws a ValidationError naming `field` when category `id` does not exist. */
export async function categoryExistsOrFail(id: number, field: string): Promise<void> {
  if (!(await CategoryRow.findByPk(id))) throw new ValidationError({ [field]: `category ${id} does not exist` });
}

/** Throws a ValidationError naming `field` unless category `id` exists for a ticket of `entities` (its entity and those above). */
export async function categoryOfOrFail(id: number, entities: readonly number[], field: string): Promise<void> {
  const row = await CategoryRow.findByPk(id);
  if (!row || !entities.includes(row.entity_id)) throw new ValidationError({ [field]: `category ${id} does not exist` });
}

/** Category `id` and every category above it (empty for none). */
export const categoryChainOf = async (id: number | null): Promise<number[]> =>
  id === null ? [] : ancestry(await allCategories(), id).map((row) => row.id);
