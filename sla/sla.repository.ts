import { NotFoundError, ValidationError } from '../core/errors';
import { CalendarRow, SlaRow, SupportGroupRow } from '../db/models';
import { categoryChainOf, categoryExistsOrFail } from '../organisation/category.repository';
import { entityChainOf, entityExistsOrFail } from '../organisation/entity.repository';
import { ALWAYS_OPEN, BusinessCalendar } from './business-calendar';
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
  ...BusinessCalendar.parse(JSON.parse(row.definition)),
});

const toSlaView = (row: SlaRow): SlaView => ({
  id: row.id,
  name: row.name,
  calendar: row.calendar_id,
  match: SlaMatch.parse(JSON.parse(row.match)),
  ttoMinutes: row.tto_minutes,
  ttrMinutes: row.ttr_minutes,
  levels: SlaLevel.array().parse(JSON.parse(row.levels)),
  levelClocks: LevelClock.array().parse(JSON.parse(row.level_clocks)),
});

export async function createCalendar({ name, ...calendar }: CreateCalendarBody): Promise<CalendarView> {
  return toCalendarView(await CalendarRow.create({ name, definition: JSON.stringify(calendar) }));
}

export const listCalendars = async (): Promise<CalendarView[]> =>
  (await CalendarRow.findAll({ order: [['id', 'ASC']] })).map(toCalendarView);

// Every reference an SLA makes must exist; the 400 names the offending element.
async function referencesOrFail(body: CreateSlaBody): Promise<void> {
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

export async function createSla(body: CreateSlaBody): Promise<SlaView> {
  await referencesOrFail(body);
  const row = await SlaRow.create({
    name: body.name,
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

export const listSlas = async (): Promise<SlaView[]> => (await SlaRow.findAll({ order: [['id', 'ASC']] })).map(toSlaView);

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
  const rows = await SlaRow.findAll();
  if (rows.length === 0) return null;
  const id = mostSpecificSla(
    rows.map((row) => ({ id: row.id, match: SlaMatch.parse(JSON.parse(row.match)) })),
    {
      priority: ticket.priority,
      type: ticket.type,
      categoryChain: await categoryChainOf(ticket.category),
      entityChain: await entityChainOf(ticket.entity),
    },
  );
  const chosen = rows.find((row) => row.id === id);
  return chosen ? termsOf(chosen) : null;
}
