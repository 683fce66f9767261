import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CanonicalStatus, LifecycleDefinition } from '../lifecycles/definition';
import type { LifecyclePosition } from '../lifecycles/lifecycle-step';
import type { Actor, TicketFacts } from '../lifecycles/ticket-context';
import type { SlaClocks, SlaTerms } from '../sla/sla-clock';
import type { TicketFieldEdit } from '../tickets/ticket-fields';

/** The task queue every ticket workflow runs on. */
export const TICKETS_TASK_QUEUE = 'tickets';

/** One workflow per ticket, named after it. */
export const ticketWorkflowId = (ticketId: number): string => `ticket-${ticketId}`;

export const ticketStatusAttribute = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const ticketPriorityAttribute = defineSearchAttributeKey('TicketPriority', SearchAttributeType.INT);

export interface TicketWorkflowInput {
  ticketId: number;
  /** The pinned lifecycle: the definition travels with the ticket, so a new version never changes it. */
  definition: LifecycleDefinition;
  lifecycleVersion: number;
  position: LifecyclePosition;
  /** Sequence number of the last recorded event (1 = creation). */
  seq: number;
  priority: number;
  /** The ticket's type, which an action's `when` may test (runs started before it was carried have none). */
  ticketType?: TicketFacts['type'];
  /** When the ticket entered its current state (ISO-8601), for the state's timers. */
  stateSince?: string;
  /** The timers of the current state that have fired (or were refused), by index. */
  timersDone?: number[];
  /** When set, the ticket leaves `pending` by itself at this time (ISO-8601). */
  pendingUntil?: string | null;
  /** When the ticket was last resolved (ISO-8601), while it stays resolved. */
  resolvedSince?: string | null;
  /** A resolved ticket the requester does not answer closes itself after this long (default 7 days). */
  autoCloseAfterMs?: number;
  /** The ticket's SLA clocks, when an SLA applies. */
  sla?: SlaClocks | null;
  /** Transitions after which a run continues as new (default 500). */
  maxTransitionsPerRun?: number;
}

export interface ApplyActionInput {
  action: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

export interface TicketWorkflowState {
  position: LifecyclePosition;
  status: CanonicalStatus;
  seq: number;
  pendingUntil: string | null;
  sla: SlaClocks | null;
}

/** Failure types the update raises; the API maps them to 409 and 403. */
export const ILLEGAL_ACTION = 'IllegalAction';
export const FORBIDDEN_ACTION = 'ForbiddenAction';

export interface EditFieldsInput {
  actor: Actor;
  edit: TicketFieldEdit;
  /** The ticket version (seq) the editor saw; another one means someone changed it since. */
  expectedVersion?: number;
}

/** Failure type of an edit made on a version that is no longer the ticket's; the API maps it to 412. */
export const STALE_VERSION = 'StaleVersion';

export const applyActionUpdate = defineUpdate<TicketWorkflowState, [ApplyActionInput]>('applyAction');
export const editFieldsUpdate = defineUpdate<TicketWorkflowState, [EditFieldsInput]>('editFields');
/** A technician answered the ticket (a followup): it is taken into account, which meets its TTO. */
export const takeIntoAccountUpdate = defineUpdate<TicketWorkflowState, [Actor]>('takeIntoAccount');
/** The ticket's SLA was edited (or its calendar): its clocks are recomputed under these terms. */
export const replaceSlaTermsUpdate = defineUpdate<TicketWorkflowState, [SlaTerms]>('replaceSlaTerms');
/** A process owner moves the ticket from one version of its lifecycle to another. */
export interface MigrateLifecycleInput {
  migrationId: number;
  actor: Actor;
  fromVersion: number;
  toVersion: number;
  definition: LifecycleDefinition;
  /** Every running state of the old version → its state in the new one. */
  mapping: Record<string, string>;
}

/** Failure type of a migration the ticket cannot take (it is on another version, or in an unmapped state). */
export const NOT_MIGRATABLE = 'NotMigratable';
/** The history's name for a migration to another lifecycle version. */
export const MIGRATE_LIFECYCLE_ACTION = 'migrate_lifecycle';

export const migrateLifecycleUpdate = defineUpdate<TicketWorkflowState, [MigrateLifecycleInput]>('migrateLifecycle');
export const ticketStateQuery = defineQuery<TicketWorkflowState>('ticketState');

/** What the workflow asks an activity to record for one transition. */
export interface TransitionRecord {
  ticketId: number;
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  from: LifecyclePosition;
  to: LifecyclePosition;
  toStatus: CanonicalStatus;
  payload: Record<string, unknown>;
  /** The SLA clocks after this event, when an SLA applies. */
  sla?: SlaClocks | null;
  /** The lifecycle version the ticket is on from this event, when a migration moves it. */
  lifecycleVersion?: number;
}

/** What the workflow asks an activity to record for one edit of the ticket's fields. */
export interface FieldEditRecord {
  ticketId: number;
  seq: number;
  at: string;
  actor: Actor;
  edit: EditFieldsInput['edit'];
}

export interface FieldEditResult {
  /** False when the edit changed nothing: no event, the seq is not used. */
  recorded: boolean;
  priority: number;
  /** The ticket as MariaDB holds it, when another change had taken this seq first (see `RecordedTicket`). */
  ahead?: RecordedTicket;
}

/**
 * A ticket as MariaDB holds it, answered by a recording that found its seq taken by another change:
 * one the workflow decided in a workflow task the engine then lost (it timed out after its local
 * activity had written). The workflow takes it as its own state, so both tell the same history.
 */
export interface RecordedTicket {
  seq: number;
  position: LifecyclePosition;
  priority: number;
  sla: SlaClocks | null;
  pendingUntil: string | null;
  resolvedSince: string | null;
  stateSince: string;
  /** The actions the state's timers took during this stay, oldest first (absent from recordings before it was kept). */
  timersFired?: string[];
}
