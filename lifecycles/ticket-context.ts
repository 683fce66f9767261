/** What the lifecycle machine knows of its ticket: the actors that guards and roles look at. */
export interface TicketContext {
  requester: number;
  assignee: number | null;
  group: number | null;
  level: number;
  validator: number | null;
  /** Who held the ticket before each escalation, newest last: de-escalation hands it back. */
  escalatedFrom?: { level: number; group: number | null; assignee: number | null }[];
}

/** An action as the machine receives it: its name, who takes it, and its payload. */
export interface TicketEvent {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

/** Who takes an action: a user with a profile, or the ticket's own clocks (`system`). */
export interface Actor {
  id: number | null;
  profile: 'admin' | 'technician' | 'supervisor' | 'requester' | 'manager' | 'owner' | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, profile: 'system' };
