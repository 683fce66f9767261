import { Duration } from 'luxon';
import { z } from 'zod';

/** An ISO-8601 duration a state may last before its timer fires: `PT4H`, `P2D`, `P1DT12H`; at least a minute. */
const IsoDuration = z.string().refine((text) => {
  const duration = Duration.fromISO(text);
  return duration.isValid && duration.as('minutes') >= 1;
}, 'an ISO-8601 duration of at least a minute, such as "PT30M", "PT4H" or "P2D"');

/**
 * A clock of a state: after the ticket has been in the state this long, or when an SLA clock
 * of the ticket is breached while it is there, the ticket's workflow takes `action` as `system`.
 */
export const StateTimer = z.union([
  z.strictObject({ after: IsoDuration, action: z.string() }),
  z.strictObject({ slaBreach: z.enum(['tto', 'ttr']), action: z.string() }),
]);
export type StateTimer = z.infer<typeof StateTimer>;
