// Which profiles each optional page is for: the bar shows its link only to them.

/** Profiles that may read the KPIs (requesters may not). */
export const DASHBOARD_PROFILES = ['admin', 'technician', 'supervisor', 'manager', 'owner'];

/** Profiles that may edit lifecycles and migrate tickets. */
export const LIFECYCLE_PROFILES = ['admin', 'owner'];
