import { literal, Op, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import { ValidationError } from '../core/errors';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import { entityWithChildrenOrFail } from '../organisation/entity.repository';
import { CategoryRow, EntityRow, SupportGroupRow } from '../organisation/organisation.models';
import { withActor } from '../tickets/ticket-actors.repository';
import type { ActorKind, TicketRow } from '../tickets/ticket.models';
import { UserRow } from '../users/user.models';
import type { CurrentUser } from '../users/user';
import { GLPI_STATUS, GLPI_TYPE, statusOfGlpi } from './glpi-ticket';
import type { Criterion, SearchOption } from './glpi-search-options';

type Where = WhereOptions<TicketRow>;

const NONE: Where = literal('FALSE');
const NEGATED = new Set(['notequals', 'notcontains', 'notunder']);

// GLPI's "contains": a LIKE on the value, where a leading ^ or a trailing $ anchors it.
function likeOf(value: string): string {
  const anchoredStart = value.startsWith('^');
  const anchoredEnd = value.endsWith('$');
  const core = value.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined).replace(/[\\%_]/g, (c) => `\\${c}`);
  return `${anchoredStart ? '' : '%'}${core}${anchoredEnd ? '' : '%'}`;
}

const numberOrFail = (value: string, field: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new ValidationError({ [field]: `"${value}" is not a number` });
  return number;
};

// Statuses by GLPI number, or by the groups GLPI's search offers (notold, old, process, all…).
function statusesOf(value: string): string[] {
  const groups: Record<string, string[]> = {
    notold: ['new', 'assigned', 'planned', 'pending'],
    notclosed: ['new', 'assigned', 'planned', 'pending', 'resolved'],
    old: ['resolved', 'closed'],
    process: ['assigned', 'planned'],
    all: Object.keys(GLPI_STATUS),
  };
  const grouped = groups[value.toLowerCase()];
  if (grouped) return grouped;
  const status = statusOfGlpi(Number(value));
  if (!status) throw new ValidationError({ 'criteria.value': `"${value}" is not a GLPI status (1 to 6, notold, old, process, all)` });
  return [status];
}

// A time GLPI clients search by: a whole year, month, day or second ("2026-12", "2026-12-05 10:00:00") as [start, end).
function periodOf(value: string): [Date, Date] {
  if (value.toUpperCase() === 'NOW') return [new Date(), new Date()];
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/.exec(value.trim());
  if (!match) throw new ValidationError({ 'criteria.value': `"${value}" is not a time GLPI writes (YYYY-MM-DD HH:MM:SS)` });
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const start = new Date(Date.UTC(y!, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  const end = new Date(
    Date.UTC(
      y! + (mo === undefined ? 1 : 0),
      (mo ?? 1) - 1 + (mo !== undefined && d === undefined ? 1 : 0),
      (d ?? 1) + (d !== undefined && h === undefined ? 1 : 0),
      h ?? 0,
      (mi ?? 0) + (mi !== undefined && s === undefined ? 1 : 0),
      (s ?? 0) + (s !== undefined ? 1 : 0),
    ),
  );
  return [start, end];
}

// Categories and entities: found by name, or by id with those below.
const TREES = {
  category: { model: CategoryRow, names: ['name_fr', 'name_en'], withChildren: categoryWithChildrenOrFail },
  entity: { model: EntityRow, names: ['name'], withChildren: entityWithChildrenOrFail },
};

const anyActor = (kinds: readonly ActorKind[], ids: readonly number[]): Where =>
  ids.length === 0 ? NONE : { [Op.or]: ids.map((id) => withActor(kinds, id)) };

// The ids of the rows of `model` whose name (in one of `columns`) matches, as GLPI's "contains" does.
async function idsByName(model: ModelStatic<Model & { id: number }>, columns: readonly string[], value: string): Promise<number[]> {
  const like = likeOf(value);
  const rows = await model.findAll({
    where: { [Op.or]: columns.map((column) => ({ [column]: { [Op.like]: like } })) },
    attributes: ['id'],
  });
  return rows.map((row) => row.id);
}

// Whom a criterion on a person names: an id, "myself", or (contains) anyone whose name or login matches.
async function peopleOf(user: CurrentUser, searchtype: string, value: string): Promise<number[]> {
  if (value === 'myself') return [user.id];
  return searchtype.endsWith('contains') ? idsByName(UserRow, ['name', 'login'], value) : [numberOrFail(value, 'criteria.value')];
}

// The condition of one criterion, before its negation.
async function conditionOf(user: CurrentUser, option: SearchOption, searchtype: string, value: string): Promise<Where> {
  const column = option.column!;
  const contains = searchtype.endsWith('contains');
  switch (option.kind) {
    case 'text':
      return { [column]: contains ? { [Op.like]: likeOf(value) } : value };
    case 'number':
      if (searchtype === 'lessthan') return { [column]: { [Op.lt]: numberOrFail(value, 'criteria.value') } };
      if (searchtype === 'morethan') return { [column]: { [Op.gt]: numberOrFail(value, 'criteria.value') } };
      return { [column]: numberOrFail(value.replace(/^\^|\$$/g, ''), 'criteria.value') };
    case 'status':
      return { status: statusesOf(value) };
    case 'type':
      return { type: Object.keys(GLPI_TYPE).filter((type) => String(GLPI_TYPE[type as keyof typeof GLPI_TYPE]) === value) };
    case 'date': {
      const [start, end] = periodOf(value);
      if (searchtype === 'lessthan') return { [column]: { [Op.lt]: start } };
      if (searchtype === 'morethan') return { [column]: { [Op.gt]: start } };
      return { [column]: { [Op.gte]: start, [Op.lt]: end } };
    }
    case 'requester': {
      const ids = await peopleOf(user, searchtype, value);
      return { [Op.or]: [{ requester_id: ids }, anyActor(['requester'], ids)] };
    }
    case 'technician':
      return anyActor(['technician'], await peopleOf(user, searchtype, value));
    case 'group':
      return anyActor(['group'], contains ? await idsByName(SupportGroupRow, ['name'], value) : [numberOrFail(value, 'criteria.value')]);
    case 'category':
    case 'entity': {
      const tree = TREES[option.kind];
      if (contains) return { [column]: await idsByName(tree.model, tree.names, value) };
      const id = numberOrFail(value, 'criteria.value');
      return { [column]: searchtype.endsWith('under') ? await tree.withChildren(id, 'criteria.value') : id };
    }
  }
}

/** The tickets `criteria` select, combined left to right by their links as GLPI's search does. */
export async function whereOfCriteria(user: CurrentUser, criteria: readonly Criterion[]): Promise<Where> {
  let where: Where | null = null;
  for (const criterion of criteria) {
    let condition: Where =
      'group' in criterion
        ? await whereOfCriteria(user, criterion.group)
        : await conditionOf(user, criterion.option, criterion.searchtype, criterion.value);
    if ('searchtype' in criterion && NEGATED.has(criterion.searchtype)) condition = { [Op.not]: condition };
    if (criterion.link.endsWith('NOT')) condition = { [Op.not]: condition };
    where =
      where === null ? condition : criterion.link.startsWith('OR') ? { [Op.or]: [where, condition] } : { [Op.and]: [where, condition] };
  }
  return where ?? {};
}
