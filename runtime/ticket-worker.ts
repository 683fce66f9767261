import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Sequelize } from 'sequelize';
import { Client } from '@temporalio/client';
import { createMailActivities } from '../activities/mail.activities';
import { createRecurringTicketActivities } from '../activities/recurring-ticket.activities';
import { createWebhookActivities } from '../activities/webhook.activities';
import { createLicenceActivities } from '../activities/licence.activities';
import { createTicketActivities } from '../activities/ticket.activities';
import { createMailIntake } from '../mail/mail-intake.service';
import { createTicketService } from '../tickets/ticket.service';
import { TICKETS_TASK_QUEUE } from '../workflows/ticket.contracts';
import { connectTemporal } from './connections';
import { config } from '../config/config';
import { mailDomainOf } from '../mail/mail-notifier';
import { attachmentServiceOf } from '../attachments/attachment-settings';
import type { AttachmentService } from '../attachments/attachment.service';
import { tracedClientOptions, tracedWorkerOptions } from '../tracing/temporal-tracing';
import type { Tracing } from '../tracing/tracing';
import { versionedWorker } from './worker-deployment';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface TicketWorkerOptions {
  address: string;
  namespace: string;
  sequelize: Sequelize;
  /** A prebuilt workflow bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The client mail collection files tickets with; one of its own otherwise. */
  temporal?: Client;
  /** How long a mailbox's collection pass waits in IDLE for new mail. */
  mailIdleMs?: number;
  /** The domain of the desk's notices' Message-IDs, which replies name. */
  noticeDomain?: string;
  /** Where the files of collected e-mails go; the configured storage otherwise. */
  attachments?: AttachmentService;
  /** How long a webhook's delivery pass waits for something to deliver. */
  webhookIdleMs?: number;
  /** Whether webhooks may reach private addresses; the configured choice otherwise. */
  webhookAllowPrivate?: boolean;
  /** Workflows kept in memory between their tasks; the configured number otherwise. */
  maxCachedWorkflows?: number;
  /** The loopback port of the Temporal SDK's own metrics, if any (the first worker of the process sets it). */
  sdkMetricsPort?: number;
  /** False when the process stops the worker itself, in its own order, rather than on SIGINT/SIGTERM. */
  stopsOnSignals?: boolean;
  /** This process's tracing, if on: workflows and activities continue their callers' traces (a prebuilt bundle must hold WORKFLOW_TRACING_MODULE). */
  tracing?: Tracing;
  /** This worker's build in the guichet Worker Deployment; unversioned when absent (see worker-deployment.ts). */
  buildId?: string;
}

let runtimeInstalled = false;

// The SDK logs every bundling step at INFO; warnings and errors are what operators need. Its own
// metrics (task slots, polls, latencies, cache) go to Prometheus on loopback when a port is given.
function installQuietRuntime(sdkMetricsPort: number | undefined, signals: boolean): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(!signals && { shutdownSignals: [] }),
    ...(sdkMetricsPort && { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } } }),
  });
  runtimeInstalled = true;
}

/** A worker on the `tickets` task queue, running ticket, mailbox, recurring-ticket, webhook and licence workflows and their activities. */
export async function createTicketWorker(options: TicketWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installQuietRuntime(options.sdkMetricsPort, options.stopsOnSignals ?? true);
  const connection = await NativeConnection.connect({ address: options.address });
  const temporal =
    options.temporal ??
    new Client({
      connection: await connectTemporal(options.address),
      namespace: options.namespace,
      ...tracedClientOptions(options.tracing !== undefined),
    });
  const tickets = createTicketService({ sequelize: options.sequelize, temporal });
  const intake = createMailIntake({
    sequelize: options.sequelize,
    tickets,
    attachments: options.attachments ?? attachmentServiceOf(config),
    noticeDomain: options.noticeDomain ?? mailDomainOf(config.mailFrom),
  });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: TICKETS_TASK_QUEUE,
    maxCachedWorkflows: options.maxCachedWorkflows ?? config.workerCachedWorkflows,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...(options.buildId && { workerDeploymentOptions: versionedWorker(options.buildId) }),
    ...(options.tracing && tracedWorkerOptions(options.tracing, options.workflowBundle !== undefined)),
    activities: {
      ...createTicketActivities({ sequelize: options.sequelize }),
      ...createMailActivities({ intake, idleMs: options.mailIdleMs ?? 240_000 }),
      ...createRecurringTicketActivities({ tickets }),
      ...createWebhookActivities({
        sequelize: options.sequelize,
        idleMs: options.webhookIdleMs ?? 30_000,
        allowPrivate: options.webhookAllowPrivate ?? config.webhookAllowPrivate,
        smtpUrl: config.smtpUrl,
        mailFrom: config.mailFrom,
      }),
      ...createLicenceActivities({
        sequelize: options.sequelize,
        smtpUrl: config.smtpUrl,
        mailFrom: config.mailFrom,
        noticeDomain: options.noticeDomain ?? mailDomainOf(config.mailFrom),
      }),
    },
  });
  return { worker, connection };
}
