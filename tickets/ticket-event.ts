import { toClickhouseTime } from '../analytics/clickhouse-time';
import { workingMinutesBetween } from '../sla/business-calendar';
import { waitingMinutes, type SlaClocks } from '../sla/sla-clock';
import type { CanonicalStatus } from '../lifecycles/definition';
import { assetDimensionsOf, linkedAssetsOf } from './ticket-assets';

/** One recorded event of a ticket, as history stores it. */
export interface TicketEventRecord {
  seq: number;
  at: Date;
  actorId: number | null;
  /** The API token the event came through, if any. */
  tokenId?: number | null;
  action: string;
  fromState: string | null;
  /** The canonical status before the event (null when the event files the ticket). */
  fromStatus: CanonicalStatus | null;
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
  entity_id: number;
  group_id: number | null;
  assignee_id: number | null;
  level: number;
  source: string;
  location: string | null;
  opened_at: Date;
  taken_into_account_at: Date | null;
  reopen_count: number;
  escalation_count: number;
  assignment_count: number;
  sla_id: number | null;
  sla_clocks: string | null;
  /** The linked assets, as the ticket's row keeps them (`ticket-assets.ts`). */
  assets?: string | null;
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
  /** Canonical status before the event ('' when it files the ticket) and after it. */
  from_status: CanonicalStatus | '';
  status: CanonicalStatus;
  ticket_type: string;
  priority: number;
  category: string;
  entity_id: number;
  group_id: number;
  assignee_id: number;
  level: number;
  source: string;
  location: string;
  opened_at: string;
  /** 1 when this event took the ticket into account (its time to own). */
  taken: number;
  /** Working minutes from opening to this event, on the SLA's calendar (calendar minutes without an SLA). */
  working_minutes: number;
  /** Refused solutions, escalations and assignments so far, this event included. */
  reopen_count: number;
  escalations: number;
  assignments: number;
  /** The satisfaction rating (1–5) of a `satisfaction` event; 0 otherwise. */
  rating: number;
  sla_id: number;
  /** Whether the SLA's time to own / to resolve was breached by the time of the event. */
  tto_breached: number;
  ttr_breached: number;
  waiting_minutes: number;
  /** The makers and models ("maker model") of the assets the ticket concerns, each once. */
  asset_manufacturers: string[];
  asset_models: string[];
}

/** A ClickHouse DateTime text (UTC) as an ISO-8601 instant, e.g. '2026-11-02 09:00:00' → '2026-11-02T09:00:00Z'. */
export const fromClickhouseTime = (text: string): string => `${text.replace(' ', 'T')}Z`;

const MINUTE_MS = 60_000;

export function toAnalyticsEvent(ticket: TicketFacts, event: TicketEventRecord): AnalyticsEvent {
  const clocks = ticket.sla_clocks ? (JSON.parse(ticket.sla_clocks) as SlaClocks) : null;
  const assets = assetDimensionsOf(linkedAssetsOf(ticket.assets));
  return {
    ticket_id: ticket.id,
    seq: event.seq,
    at: toClickhouseTime(event.at),
    action: event.action,
    actor_id: event.actorId ?? 0,
    from_state: event.fromState ?? '',
    to_state: event.toState,
    from_status: event.fromStatus ?? '',
    status: ticket.status,
    ticket_type: ticket.type,
    priority: ticket.priority,
    category: ticket.category_id === null ? '' : String(ticket.category_id),
    entity_id: ticket.entity_id,
    group_id: ticket.group_id ?? 0,
    assignee_id: ticket.assignee_id ?? 0,
    level: ticket.level,
    source: ticket.source,
    location: ticket.location ?? '',
    opened_at: toClickhouseTime(ticket.opened_at),
    taken: ticket.taken_into_account_at?.getTime() === event.at.getTime() ? 1 : 0,
    working_minutes: clocks
      ? workingMinutesBetween(clocks.calendar, ticket.opened_at, event.at)
      : Math.max(event.at.getTime() - ticket.opened_at.getTime(), 0) / MINUTE_MS,
    reopen_count: ticket.reopen_count,
    escalations: ticket.escalation_count,
    assignments: ticket.assignment_count,
    sla_id: ticket.sla_id ?? 0,
    tto_breached: clocks?.tto.breached ? 1 : 0,
    ttr_breached: clocks?.ttr.breached ? 1 : 0,
    waiting_minutes: clocks ? waitingMinutes(clocks, event.at) : 0,
    rating: event.action === 'satisfaction' && typeof event.data['rating'] === 'number' ? event.data['rating'] : 0,
    asset_manufacturers: assets.manufacturers,
    asset_models: assets.models,
  };
}
