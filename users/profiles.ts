/**
 * The profiles a user may hold and which of them each right covers: the one list the API, the
 * services and the web UI (through its build) all read.
 */
export const PROFILES = ['admin', 'technician', 'supervisor', 'requester', 'manager', 'owner'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * Profiles from the broadest rights to the narrowest. Where a user holds several in one entity,
 * the first of theirs in this order speaks for them there; a directory user's main profile is
 * the first of theirs too.
 */
export const PROFILE_RANK: readonly Profile[] = ['admin', 'supervisor', 'technician', 'owner', 'manager', 'requester'];

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
  /** The desk, who work tickets: they see every ticket of their entities and file for others. */
  desk: ['admin', 'supervisor', 'technician'],
  /** The desk and those who read its figures. */
  readers: ['admin', 'supervisor', 'technician', 'owner', 'manager'],
  /** Process owners, who design lifecycles. */
  processOwners: ['admin', 'owner'],
  /** Administrators, who shape the organisation, the SLAs and the access rights. */
  admins: ['admin'],
} as const satisfies Record<string, readonly Profile[]>;

export type Rights = keyof typeof RIGHTS;

/** True when `profile` is one that `right` covers. */
export const grants = (right: Rights, profile: Profile): boolean => (RIGHTS[right] as readonly Profile[]).includes(profile);
