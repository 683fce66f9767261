// A licence's renewal clock on the time-skipping server, over the real database and mail server:
// each threshold's alert reaches its manager once, at its time; a clock given the same terms again
// sends nothing twice; a renewal alerts again before the new expiry date.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicenceActivities } from '../../activities/licence.activities';
import { licenceTermsOf } from '../../licences/licence-alerts.repository';
import { insertLicence, updateLicence } from '../../licences/licence.repository';
import { setLicenceClock } from '../../workflows/licence-workflow.starter';
import { licenceWorkflowId } from '../../workflows/licence.contracts';
import { inboxOf, userWithMailbox } from '../support/mail';
import { eventually, startStack, type Stack } from '../support/stack';
import { TEST_MAIL } from '../support/test-settings';
import { startTimeSkippingWorker } from '../support/time-skipping-worker';

const DAY_MS = 86_400_000;
let stack: Stack;
let env: TestWorkflowEnvironment;
let stopWorker: (() => Promise<void>) | undefined;

beforeAll(async () => {
  stack = await startStack({ relay: false, worker: false });
  ({ env, stop: stopWorker } = await startTimeSkippingWorker(
    createLicenceActivities({
      sequelize: stack.sequelize,
      smtpUrl: `smtp://127.0.0.1:${TEST_MAIL.smtpPort}`,
      mailFrom: `guichet <support@${TEST_MAIL.domain}>`,
      noticeDomain: TEST_MAIL.domain,
    }),
  ));
});
afterAll(async () => {
  await stopWorker?.();
  await stack?.close();
});

// Days on the test server's clock, which the server moves on while workflows wait.
const dateIn = async (days: number) => new Date((await env.currentTimeMs()) + days * DAY_MS).toISOString().slice(0, 10);
const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

describe('a licence’s renewal clock', () => {
  it('alerts its manager once at 30 and 7 days before expiry, not again, and again once renewed', async () => {
    const manager = await userWithMailbox(stack, 'technician');
    const expiresOn = await dateIn(30);
    const id = await insertLicence(stack.sequelize, 1, {
      name: 'Adobe Acrobat Pro — service compta',
      software: 'acrobat-pro',
      publisher: 'Adobe',
      kind: 'subscription',
      seats: 5,
      purchaseDate: null,
      expiresOn,
      alertDays: [30, 7],
      manager: manager.id,
    });
    const termsNow = async () => (await licenceTermsOf(stack.sequelize, id))!.terms;
    // Each change gives the clock its terms; the test follows the run that took them.
    const clockRun = async () =>
      env.client.workflow.getHandle(licenceWorkflowId(id), await setLicenceClock(env.client, id, await termsNow()));
    const handle = await clockRun();
    await handle.result();
    // On the server's clock: from now to 06:00 UTC seven days before expiry.
    const run = await handle.describe();
    const expiry = Date.parse(`${expiresOn}T00:00:00Z`);
    expect(hoursBetween(run.startTime, run.closeTime!)).toBeCloseTo(
      hoursBetween(run.startTime, new Date(expiry - 7 * DAY_MS + 6 * 3_600_000)),
      0,
    );
    const subjects = async () => (await inboxOf(manager.address)).map((mail) => mail.subject);
    expect(await subjects()).toEqual([
      expect.stringMatching(/^La licence « Adobe Acrobat Pro — service compta » expire le .* \(dans 30 jours\)$/),
      expect.stringMatching(/\(dans 7 jours\)$/),
    ]);

    // The same terms again (an edit of its name, a restart): nothing is sent twice.
    await (await clockRun()).result();
    expect(await subjects()).toHaveLength(2);

    // Renewed for a year: its alerts come again before the new date.
    await updateLicence(stack.sequelize, id, { expiresOn: await dateIn(365) });
    const renewed = await clockRun();
    await renewed.result();
    const alerts = await stack.sequelize.query<{ address: string }>(
      'SELECT address FROM licence_alerts WHERE licence_id = ? AND sent_at IS NOT NULL',
      {
        replacements: [id],
        type: QueryTypes.SELECT,
      },
    );
    expect(alerts).toHaveLength(4);
    await eventually(async () => ((await subjects()).length === 4 ? true : undefined));
    expect(alerts.every((alert) => alert.address === manager.address)).toBe(true);
  });
});
