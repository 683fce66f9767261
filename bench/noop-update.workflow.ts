// The engine's own speed, for comparison: a workflow whose Update handler only counts, and one
// that also does what a transition asks of the engine (a local activity, a search attribute).
import { condition, defineUpdate, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { ticketStatusAttribute } from '../workflows/ticket.contracts';

export const noopUpdate = defineUpdate<number>('noop');
export const recordingUpdate = defineUpdate<number>('recording');

/** The activity behind `recordingUpdate`: nothing, so that only the engine's part is timed. */
export const noopActivities = { async nothing(): Promise<void> {} };
const { nothing } = proxyLocalActivities<typeof noopActivities>({ startToCloseTimeout: '10 seconds' });

export async function noopUpdateWorkflow(): Promise<void> {
  let count = 0;
  setHandler(noopUpdate, () => ++count);
  setHandler(recordingUpdate, async () => {
    await nothing();
    upsertSearchAttributes([{ key: ticketStatusAttribute, value: count % 2 === 0 ? 'pending' : 'assigned' }]);
    return ++count;
  });
  await condition(() => false);
}
