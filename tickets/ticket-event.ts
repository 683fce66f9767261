import { waitingMinutes, type SlaClocks } from '../sla/sla-clock';
import type { CanonicalStatus } from '../lifecycles/definition';

/** One recorded event of a ticket, as history stores it. */
export interface TicketEventRecord {
  seq: number;
  at: Date;
  actorId: number | null;
  action: string;
  fromState: string | null;
  toState: string;
  data: Record<string, unknown>;
}

/** The ticket's attributes that KPIs filter and group by, as of the event. */
export interface TicketFacts {
  id: number;
  type: string;
  status: CanonicalStatus;
  priority: number;
  category_id: number | null;
  group_id: number | null;
  assignee_id: number | null;
  level: number;
  opened_at: Date;
  sla_id: number | null;
  sla_clocks: string | null;
}

/** The event as it streams to analytics: flat, so the warehouse needs no join. */
export interface AnalyticsEvent {
  ticket_id: number;
  seq: number;
  at: string;
  action: string;
  actor_id: number;
  from_state: string;
  to_state: string;
  status: CanonicalStatus;
  ticket_type: string;
  priority: number;
  category: string;
  group_id: number;
  assignee_id: number;
  level: number;
  opened_at: string;
  /** The satisfaction rating (1–5) of a `satisfaction` event; 0 otherwise. */
  rating: number;
  sla_id: number;
  waiting_minutes: number;
}

/** ClickHouse's DateTime text form (UTC, seconds), understood by 18.16 and 24.x alike. */
export const toClickhouseTime = (date: Date): string => date.toISOString().slice(0, 19).replace('T', ' ');

export function toAnalyticsEvent(ticket: TicketFacts, event: TicketEventRecord): AnalyticsEvent {
  return {
    ticket_id: ticket.id,
    seq: event.seq,
    at: toClickhouseTime(event.at),
    action: event.action,
    actor_id: event.actorId ?? 0,
    from_state: event.fromState ?? '',
    to_state: event.toState,
    status: ticket.status,
    ticket_type: ticket.type,
    priority: ticket.priority,
    category: ticket.category_id === null ? '' : String(ticket.category_id),
    group_id: ticket.group_id ?? 0,
    assignee_id: ticket.assignee_id ?? 0,
    level: ticket.level,
    opened_at: toClickhouseTime(ticket.opened_at),
    sla_id: ticket.sla_id ?? 0,
    waiting_minutes: ticket.sla_clocks ? waitingMinutes(JSON.parse(ticket.sla_clocks) as SlaClocks, event.at) : 0,
    rating: event.action === 'satisfaction' && typeof event.data['rating'] === 'number' ? event.data['rating'] : 0,
  };
}
