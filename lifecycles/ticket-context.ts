/** What the lifecycle machine knows of its ticket: the actors that guards and roles look at. */
export interface TicketContext {
  requester: number;
  assignee: number | null;
  group: number | null;
  level: number;
  validator: number | null;
  /** The validators asked (the first is `validator`); `any` one's approval suffices, or `all` are needed. */
  validators?: number[];
  validationRule?: 'any' | 'all';
  /** Validators who approved, and who refused, the current request for validation. */
  approvals?: number[];
  refusals?: number[];
  /** Every assigned technician and group; `assignee` and `group` are the first of each (older tickets have only those). */
  technicians?: number[];
  groups?: number[];
  /** Who held the ticket before each escalation, newest last: de-escalation hands it back. */
  escalatedFrom?: { level: number; group: number | null; assignee: number | null; technicians?: number[]; groups?: number[] }[];
}

/** What an action's `when` may test of the ticket beyond its context; the workflow adds it to every event. */
export interface TicketFacts {
  priority: number;
  type: 'incident' | 'request' | null;
}

/** An action as the machine receives it: its name, who takes it, its payload, and the ticket's fields. */
export interface TicketEvent {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
  ticket?: TicketFacts;
}

/** Who takes an action: a user with a profile, or the ticket's own clocks (`system`). */
export interface Actor {
  id: number | null;
  profile: 'admin' | 'technician' | 'supervisor' | 'requester' | 'manager' | 'owner' | 'system';
  /** The API token the action came through, if any: that token's webhooks are not told of it. */
  tokenId?: number;
}

export const SYSTEM_ACTOR: Actor = { id: null, profile: 'system' };

/** The validators of the current request for validation (older tickets name a single `validator`). */
export const validatorsOf = (context: TicketContext): number[] =>
  context.validators ?? (context.validator === null ? [] : [context.validator]);

export const techniciansOf = (context: TicketContext): number[] =>
  context.technicians ?? (context.assignee === null ? [] : [context.assignee]);
export const groupsOf = (context: TicketContext): number[] => context.groups ?? (context.group === null ? [] : [context.group]);

/** The context's assignment fields for these technicians and groups. */
export const assignment = (technicians: number[], groups: number[]) => ({
  technicians,
  groups,
  assignee: technicians[0] ?? null,
  group: groups[0] ?? null,
});
