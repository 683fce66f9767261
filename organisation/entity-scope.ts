import { ForbiddenError, NotFoundError } from '../core/errors';
import { currentEntityTree } from '../users/access-cache';
import { administers, entitiesAbove } from '../users/access';
import type { CurrentUser } from '../users/user';

/** The entities whose shared objects (categories, calendars, SLAs) the user sees: theirs and those above. */
export async function entitiesSeenBy(user: CurrentUser): Promise<number[]> {
  return entitiesAbove(user.scopes, await currentEntityTree());
}

/**
 * An object of an entity (a calendar, an SLA) that the user is about to change: one they do not
 * see does not exist for them; one they see but do not administer is not theirs to change.
 */
export async function changeableOrFail(user: CurrentUser, entity: number | undefined, what: string): Promise<void> {
  if (entity === undefined || !(await entitiesSeenBy(user)).includes(entity)) throw new NotFoundError(what);
  if (!administers(user, entity)) throw new ForbiddenError(`${what} belongs to an entity you do not administer`);
}
