import type { CanonicalStatus } from '../lifecycles/definition';
import { stepsBetween } from './glpi-status-path';
import type { NewTask } from '../tickets/task.repository';

/** One step of an imported ticket's past after its filing: an action or a field change, with the status it left. */
export interface ImportedEvent {
  at: Date;
  actorId: number | null;
  action: string;
  toStatus: CanonicalStatus;
  data: Record<string, unknown>;
}

/** A followup of the old desk; `ref` is its number there, for the documents attached to it. */
export interface ImportedFollowup {
  ref: number;
  at: Date;
  authorId: number;
  content: string;
  private: boolean;
}

/** A task of the old desk, written when it was. */
export type ImportedTask = Omit<NewTask, 'ticketId' | 'tokenId'> & { at: Date };

/** A document of the old desk, attached to the ticket or to one of its followups, with the path of its file. */
export interface ImportedDocument {
  ref: number;
  followupRef: number | null;
  name: string;
  type: string;
  path: string;
  uploadedBy: number;
}

/** A ticket from the old desk with its people, place, history and timeline found, ready to be written. */
export interface ImportedTicket {
  externalRef: string;
  title: string;
  description: string;
  type: 'incident' | 'request';
  status: CanonicalStatus;
  urgency: number;
  impact: number;
  priority: number;
  source: string;
  openedAt: Date;
  takenAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** The main requester first. */
  requesters: [number, ...number[]];
  technicians: number[];
  observers: number[];
  /** Groups assigned, the first one the ticket's group. */
  groups: number[];
  entityId: number;
  categoryId: number | null;
  importedBy: number;
  /** What happened after its filing, in order. */
  history: ImportedEvent[];
  followups: ImportedFollowup[];
  tasks: ImportedTask[];
  documents: ImportedDocument[];
}

/**
 * The history a ticket known only by its status and last change had: taken by its technician and
 * brought to its status at that last change.
 *
 * @example pathAt('closed', at, 7) // assign, resolve, close — all at `at`, by user 7
 */
export function pathAt(status: CanonicalStatus, at: Date, actorId: number | null): ImportedEvent[] {
  const steps = status === 'new' ? [] : [{ action: 'assign', to: 'assigned' as const }, ...stepsBetween('assigned', status)];
  return steps.map((step) => ({ at, actorId, action: step.action, toStatus: step.to, data: {} }));
}
