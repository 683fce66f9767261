import type { Client } from '@temporalio/client';
import type { LicenceTerms } from '../licences/licence-alerts';
import { licenceTermsSignal, licenceWorkflowId } from './licence.contracts';
import { TICKETS_TASK_QUEUE } from './ticket.contracts';

/** Gives a licence's renewal clock its terms now, starting it when it does not run: safe to call at every change. The run's id. */
export async function setLicenceClock(client: Client, licenceId: number, terms: LicenceTerms | null): Promise<string> {
  const handle = await client.workflow.signalWithStart('licenceWorkflow', {
    taskQueue: TICKETS_TASK_QUEUE,
    workflowId: licenceWorkflowId(licenceId),
    args: [licenceId],
    signal: licenceTermsSignal,
    signalArgs: [terms],
  });
  return handle.signaledRunId;
}
