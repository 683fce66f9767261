import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createLicenceActivities } from '../activities/licence.activities';
import { alertKey, nextLicenceAlert, type LicenceTerms } from '../licences/licence-alerts';
import { licenceTermsSignal } from './licence.contracts';

const { sendLicenceAlert } = proxyActivities<ReturnType<typeof createLicenceActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/**
 * A licence's renewal clock: waits for its terms (the signal it is started with), then sleeps until
 * each threshold before expiry and has its alert sent, each once; new terms (a renewal, other
 * thresholds) are taken at once. Ends when no alert is left to come; new terms start it again.
 */
export async function licenceWorkflow(licenceId: number): Promise<void> {
  let terms: LicenceTerms | null | undefined;
  let changed = false;
  setHandler(licenceTermsSignal, (next) => {
    terms = next;
    changed = true;
  });
  await condition(() => terms !== undefined);
  const sent: string[] = [];
  for (;;) {
    changed = false;
    if (terms === null || terms === undefined) return;
    const current = terms;
    const next = nextLicenceAlert(current, sent, new Date());
    if (next === null) return;
    const wait = next.at.getTime() - Date.now();
    if (wait > 0 && (await condition(() => changed, wait))) continue;
    await sendLicenceAlert({ licenceId, thresholdDays: next.thresholdDays, expiresOn: current.expiresOn! });
    for (const days of [next.thresholdDays, ...next.superseded]) sent.push(alertKey(days, current.expiresOn!));
  }
}
