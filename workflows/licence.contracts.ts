import { defineSignal } from '@temporalio/workflow';
import type { LicenceTerms } from '../licences/licence-alerts';

/** A licence's renewal clock: one workflow per licence, while an alert is still to come. */
export const licenceWorkflowId = (licenceId: number): string => `licence-${licenceId}`;

/** The licence's terms as they are now (its expiry, its thresholds); null when it was removed. */
export const licenceTermsSignal = defineSignal<[LicenceTerms | null]>('licenceTerms');

export interface LicenceAlertRequest {
  licenceId: number;
  thresholdDays: number;
  expiresOn: string;
}

/** `sent` to its manager, `recorded` once without a mail (no address), `stale` when the licence changed or went meanwhile. */
export type LicenceAlertOutcome = 'sent' | 'recorded' | 'stale';
