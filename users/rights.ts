import type { Profile } from './user';

/**
 * Who may call an endpoint, by profile held in at least one entity. Each route names one of
 * these; what a profile may do with a given ticket then depends on the profile it holds in the
 * ticket's entity.
 */
export const RIGHTS = {
  /** Every signed-in user. */
  everyone: ['admin', 'supervisor', 'technician', 'owner', 'manager', 'requester'],
  /** Those who file tickets: requesters for themselves, the desk for anyone. */
  filers: ['admin', 'supervisor', 'technician', 'requester'],
  /** The desk, who work tickets. */
  desk: ['admin', 'supervisor', 'technician'],
  /** The desk and those who read its figures. */
  readers: ['admin', 'supervisor', 'technician', 'owner', 'manager'],
  /** Process owners, who design lifecycles. */
  processOwners: ['admin', 'owner'],
  /** Administrators, who shape the organisation, the SLAs and the access rights. */
  admins: ['admin'],
} as const satisfies Record<string, readonly Profile[]>;

export type Rights = keyof typeof RIGHTS;
