import { NotFoundError, ValidationError } from '../core/errors';
import { CalendarRow, SlaRow } from './sla.models';
import { SupportGroupRow } from '../organisation/organisation.models';
import { categoryChainOf, categoryExistsOrFail } from '../organisation/category.repository';
import { entityChainOf, entityExistsOrFail } from '../organisation/entity.repository';
import { ALWAYS_OPEN, hasWorkingTime } from './business-calendar';
import { BusinessCalendar } from './business-calendar.schema';
import type { SlaTerms } from './sla-clock';
import { mostSpecificSla } from './sla-matching';
import {
  LevelClock,
  SlaLevel,
  SlaMatch,
  type CalendarView,
  type CreateCalendarBody,
  type CreateSlaBody,
  type SlaView,
  type UpdateCalendarBody,
  type UpdateSlaBody,
} from './sla.schemas';

const toCalendarView = (row: CalendarRow): CalendarView => ({
  id: row.id,
  name: row.name,
  entity: row.entity_id,
  ...BusinessCalendar.parse(JSON.parse(row.definition)),
});

const toSlaView = (row: SlaRow): SlaView => ({
  id: row.id,
  name: row.name,
  entity: row.entity_id,
  calendar: row.calendar_id,
  match: SlaMatch.parse(JSON.parse(row.match)),
  ttoMinutes: row.tto_minutes,
  ttrMinutes: row.ttr_minutes,
  levels: SlaLevel.array().parse(JSON.parse(row.levels)),
  levelClocks: LevelClock.array().parse(JSON.parse(row.level_clocks)),
});

// A ticket held to a calendar without working time would never come due.
function workingTimeOrFail(calendar: BusinessCalendar): void {
  if (!hasWorkingTime(calendar)) throw new ValidationError({ hours: 'give working hours on at least one day that is not a holiday' });
}

// Left out, the entity is the root: what the seed and the tests create is everyone's.
type WithEntity<T extends { entity: number }> = Omit<T, 'entity'> & { entity?: number };

export async function createCalendar({ name, entity, ...calendar }: WithEntity<CreateCalendarBody>): Promise<CalendarView> {
  workingTimeOrFail(calendar);
  return toCalendarView(await CalendarRow.create({ name, entity_id: entity ?? 1, definition: JSON.stringify(calendar) }));
}

/** The calendars of the entities `seenIn`. */
export const listCalendars = async (seenIn?: readonly number[]): Promise<CalendarView[]> =>
  (await CalendarRow.findAll({ where: seenIn ? { entity_id: [...seenIn] } : {}, order: [['id', 'ASC']] })).map(toCalendarView);

export const calendarById = async (id: number): Promise<CalendarView | null> => {
  const row = await CalendarRow.findByPk(id);
  return row && toCalendarView(row);
};

/** The entity a calendar belongs to; undefined when there is no such calendar. */
export const calendarEntityOf = async (id: number): Promise<number | undefined> => (await CalendarRow.findByPk(id))?.entity_id;

/** The entity an SLA belongs to; undefined when there is no such SLA. */
export const slaEntityOf = async (id: number): Promise<number | undefined> => (await SlaRow.findByPk(id))?.entity_id;

// Every reference an SLA makes must exist; the 400 names the offending element.
async function referencesOrFail(body: Omit<CreateSlaBody, 'entity'>): Promise<void> {
  if (!(await CalendarRow.findByPk(body.calendar))) throw new ValidationError({ calendar: `calendar ${body.calendar} does not exist` });
  if (body.match.category !== undefined) await categoryExistsOrFail(body.match.category, 'match.category');
  if (body.match.entity !== undefined) await entityExistsOrFail(body.match.entity, 'match.entity');
  for (const [i, level] of body.levels.entries()) {
    for (const [j, action] of level.actions.entries()) {
      if (action.type === 'reassign' && !(await SupportGroupRow.findByPk(action.group))) {
        throw new ValidationError({ [`levels.${i}.actions.${j}.group`]: `group ${action.group} does not exist` });
      }
    }
  }
}

export async function createSla(body: WithEntity<CreateSlaBody>): Promise<SlaView> {
  await referencesOrFail(body);
  const row = await SlaRow.create({
    name: body.name,
    entity_id: body.entity ?? 1,
    calendar_id: body.calendar,
    match: JSON.stringify(body.match),
    tto_minutes: body.ttoMinutes,
    ttr_minutes: body.ttrMinutes,
    levels: JSON.stringify(body.levels),
    level_clocks: JSON.stringify(body.levelClocks),
  });
  return toSlaView(row);
}

export async function updateCalendar(id: number, body: UpdateCalendarBody): Promise<CalendarView> {
  const row = await CalendarRow.findByPk(id);
  if (!row) throw new NotFoundError(`Calendar ${id}`);
  const current = toCalendarView(row);
  const definition = BusinessCalendar.parse({
    timezone: body.timezone ?? current.timezone,
    hours: body.hours ?? current.hours,
    holidays: body.holidays ?? current.holidays,
  });
  workingTimeOrFail(definition);
  await row.update({ name: body.name ?? row.name, definition: JSON.stringify(definition) });
  return toCalendarView(row);
}

export async function updateSla(id: number, body: UpdateSlaBody): Promise<SlaView> {
  const row = await SlaRow.findByPk(id);
  if (!row) throw new NotFoundError(`SLA ${id}`);
  const next = { ...toSlaView(row), ...body };
  await referencesOrFail(next);
  await row.update({
    name: next.name,
    calendar_id: next.calendar,
    match: JSON.stringify(next.match),
    tto_minutes: next.ttoMinutes,
    ttr_minutes: next.ttrMinutes,
    levels: JSON.stringify(next.levels),
    level_clocks: JSON.stringify(next.levelClocks),
  });
  return toSlaView(row);
}

/** The terms of SLA `id` as they are now; NotFoundError when it does not exist. */
export async function currentSlaTermsOrFail(id: number): Promise<SlaTerms> {
  const row = await SlaRow.findByPk(id);
  if (!row) throw new NotFoundError(`SLA ${id}`);
  return termsOf(row);
}

/** The SLAs of the entities `seenIn`. */
export const listSlas = async (seenIn?: readonly number[]): Promise<SlaView[]> =>
  (await SlaRow.findAll({ where: seenIn ? { entity_id: [...seenIn] } : {}, order: [['id', 'ASC']] })).map(toSlaView);

async function termsOf(row: SlaRow): Promise<SlaTerms> {
  const calendar = await CalendarRow.findByPk(row.calendar_id);
  return {
    slaId: row.id,
    calendar: calendar ? BusinessCalendar.parse(JSON.parse(calendar.definition)) : ALWAYS_OPEN,
    ttoMinutes: row.tto_minutes,
    ttrMinutes: row.ttr_minutes,
    levels: SlaLevel.array().parse(JSON.parse(row.levels)),
    levelClocks: LevelClock.array().parse(JSON.parse(row.level_clocks)),
  };
}

/** The terms of SLA `id`, chosen by hand; a ValidationError naming `field` when it does not exist. */
export async function slaTermsOrFail(id: number, field: string): Promise<SlaTerms> {
  const row = await SlaRow.findByPk(id);
  if (!row) throw new ValidationError({ [field]: `SLA ${id} does not exist` });
  return termsOf(row);
}

/** The terms of the most specific SLA matching a new ticket, or null when none does. */
export async function matchingSlaTerms(ticket: {
  priority: number;
  type: string;
  category: number | null;
  entity: number;
}): Promise<SlaTerms | null> {
  // An SLA applies in its own entity and below: only those of the ticket's entity or above compete.
  const entityChain = await entityChainOf(ticket.entity);
  const rows = await SlaRow.findAll({ where: { entity_id: entityChain } });
  if (rows.length === 0) return null;
  const id = mostSpecificSla(
    rows.map((row) => ({ id: row.id, match: SlaMatch.parse(JSON.parse(row.match)) })),
    { priority: ticket.priority, type: ticket.type, categoryChain: await categoryChainOf(ticket.category), entityChain },
  );
  const chosen = rows.find((row) => row.id === id);
  return chosen ? termsOf(chosen) : null;
}
