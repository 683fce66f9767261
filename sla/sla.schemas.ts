import { z } from 'zod';
import { TicketType } from '../tickets/ticket.schemas';
import { BusinessCalendar } from './business-calendar.schema';

const name = z.string().trim().min(1).max(255);
const id = z.number().int().positive();

/** The entity it belongs to (seen there and below); the root when left out. */
const ownerEntity = z.number().int().positive().default(1);

export const CreateCalendarBody = BusinessCalendar.extend({ name, entity: ownerEntity }).strict();
export type CreateCalendarBody = z.infer<typeof CreateCalendarBody>;
export const CalendarView = BusinessCalendar.extend({ id: z.number(), name: z.string(), entity: z.number() });
export type CalendarView = z.infer<typeof CalendarView>;
export const CalendarList = z.object({ items: z.array(CalendarView) });
export const UpdateCalendarBody = z
  .strictObject({
    name,
    timezone: BusinessCalendar.shape.timezone,
    hours: BusinessCalendar.shape.hours,
    // Without its default: a change that leaves the holidays out keeps them.
    holidays: BusinessCalendar.shape.holidays.unwrap(),
  })
  .partial();
export type UpdateCalendarBody = z.infer<typeof UpdateCalendarBody>;
export const CalendarPreviewQuery = z.strictObject({ count: z.coerce.number().int().min(1).max(50).default(10) });
/** A calendar's next working periods, as instants; shown in its time zone. */
export const CalendarPreview = z.object({
  timezone: z.string(),
  periods: z.array(z.object({ start: z.string(), end: z.string() })),
});
export type CalendarPreview = z.infer<typeof CalendarPreview>;
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const RecomputeBody = z.strictObject({ dryRun: z.boolean().default(true) });
const moved = z.object({ from: z.string().nullable(), to: z.string().nullable() });
export const RecomputeReport = z.object({
  sla: z.number(),
  dryRun: z.boolean(),
  tickets: z.array(
    z.object({
      ticket: z.number(),
      ttoDue: moved,
      ttrDue: moved,
      /** Levels that should have fired before now and did not (a misconfiguration to look into). */
      missedLevels: z.array(z.number()),
      /** Levels of the new terms whose time is already past: they fire as soon as the change applies. */
      levelsFiringAtOnce: z.array(z.number()),
      applied: z.boolean(),
    }),
  ),
});
export type RecomputeReport = z.infer<typeof RecomputeReport>;

/** What an escalation level does when it fires. */
export const SlaLevelAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('notify') }),
  z.strictObject({ type: z.literal('raise_priority') }),
  z.strictObject({ type: z.literal('reassign'), group: id }),
  z.strictObject({ type: z.literal('escalate') }),
]);
export const SlaLevel = z.strictObject({
  clock: z.enum(['tto', 'ttr']),
  /** Working minutes before (negative) or after the clock's due date. */
  offsetMinutes: z.number().int().min(-525_600).max(525_600),
  actions: z.array(SlaLevelAction).min(1).max(10),
});
export type SlaLevelDefinition = z.infer<typeof SlaLevel>;

/** Which tickets an SLA applies to; the SLA matching the most criteria wins. */
export const SlaMatch = z.strictObject({
  priority: z.array(z.number().int().min(1).max(6)).min(1).max(6).optional(),
  type: TicketType.optional(),
  /** A category and the categories below it. */
  category: id.optional(),
  /** An entity and the entities below it. */
  entity: id.optional(),
});
export type SlaMatch = z.infer<typeof SlaMatch>;

/** A support level's own clocks (OLA), started when the ticket is handed to that level. */
export const LevelClock = z.strictObject({
  level: z.number().int().min(1).max(9),
  ttoMinutes: z.number().int().min(1).max(525_600),
  ttrMinutes: z.number().int().min(1).max(5_256_000),
});
export type LevelClock = z.infer<typeof LevelClock>;

export const CreateSlaBody = z.strictObject({
  name,
  entity: ownerEntity,
  calendar: id,
  match: SlaMatch.default({}),
  ttoMinutes: z.number().int().min(1).max(525_600),
  ttrMinutes: z.number().int().min(1).max(5_256_000),
  levels: z.array(SlaLevel).max(20).default([]),
  levelClocks: z
    .array(LevelClock)
    .max(9)
    .refine((clocks) => new Set(clocks.map((c) => c.level)).size === clocks.length, 'one clock per level')
    .default([]),
});
export type CreateSlaBody = z.infer<typeof CreateSlaBody>;
/** Fields to change; tickets already held to the SLA keep their clocks until it is recomputed. */
export const UpdateSlaBody = z
  .strictObject({
    name,
    calendar: id,
    match: SlaMatch,
    ttoMinutes: CreateSlaBody.shape.ttoMinutes,
    ttrMinutes: CreateSlaBody.shape.ttrMinutes,
    levels: z.array(SlaLevel).max(20),
    levelClocks: CreateSlaBody.shape.levelClocks.unwrap(),
  })
  .partial();
export type UpdateSlaBody = z.infer<typeof UpdateSlaBody>;
export const SlaView = CreateSlaBody.extend({ id: z.number() });
export type SlaView = z.infer<typeof SlaView>;
export const SlaList = z.object({ items: z.array(SlaView) });

const time = z.string().nullable();
const Ledger = z.array(
  z.object({
    clock: z.enum(['tto', 'ttr']),
    state: z.enum(['running', 'paused']),
    reason: z.enum(['pending', 'resolved']).optional(),
    from: z.string(),
    to: time,
    /** Length in calendar minutes, and in working minutes: the rest was outside business hours. */
    minutes: z.number(),
    workingMinutes: z.number(),
  }),
);
const TtoView = z.object({ due: time, metAt: time, breached: z.boolean() });
const TtrView = z.object({ due: time, leftMinutes: z.number(), pausedSince: time, metAt: time, breached: z.boolean() });
export const TicketSlaView = z.object({
  sla: z.number().nullable(),
  calendar: CalendarView.omit({ name: true, id: true, entity: true }).nullable(),
  tto: TtoView.nullable(),
  ttr: TtrView.nullable(),
  /** Each clock's intervals, running or paused with the reason, so that its due date can be explained. */
  ledger: Ledger,
  /** Working minutes TTR stood still while the ticket waited. */
  waitingMinutes: z.number(),
  /** The clocks of the support level holding the ticket (OLA), from its hand-off. */
  levelClocks: z.object({ level: z.number(), tto: TtoView, ttr: TtrView, ledger: Ledger }).nullable(),
});
export type TicketSlaView = z.infer<typeof TicketSlaView>;
