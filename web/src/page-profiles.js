// Which profiles each page, or part of one, is for: the bar shows its links only to them.

/** Profiles that work tickets: the saved views, and private followups. */
export const DESK_PROFILES = ['admin', 'technician', 'supervisor'];

/** Profiles that may read the KPIs (requesters may not). */
export const DASHBOARD_PROFILES = ['admin', 'technician', 'supervisor', 'manager', 'owner'];

/** Profiles that may edit lifecycles and migrate tickets. */
export const LIFECYCLE_PROFILES = ['admin', 'owner'];
