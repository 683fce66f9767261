// Which profiles each page, or part of one, is for: the bar shows its links only to them. The
// lists are the API's own rights (users/profiles.ts), so the UI offers what the API allows.
import { RIGHTS } from '../../users/profiles';

/** Profiles that work tickets: the saved views, and private followups. */
export const DESK_PROFILES = RIGHTS.desk;

/** Profiles that may read the KPIs (requesters may not). */
export const DASHBOARD_PROFILES = RIGHTS.readers;

/** Profiles that administer the desk: its users' profiles, groups, calendars, mailboxes and API tokens, and read its audit log. */
export const ADMIN_PROFILES = RIGHTS.admins;

/** Profiles that may edit lifecycles and migrate tickets. */
export const LIFECYCLE_PROFILES = RIGHTS.processOwners;
