import type { Server } from 'node:http';
import { createApp } from '../api/app';
import { runOutboxRelay } from '../analytics/outbox-relay';
import { config } from '../config/config';
import { logger } from '../config/logger';
import { runApiJanitor } from './api-janitor';
import { runTicketWorkflowReconciler } from '../tickets/ticket-workflow-reconciler';
import { openConnections } from './connections';
import { apiServer } from './api-server';
import { allRoutes, glpiDoor, inventoryDoor } from './routes';
import { ensureTicketSearchAttributes } from './search-attributes';
import { createTicketWorker } from './ticket-worker';
import { releaseIfFirst } from './worker-deployment';
import { ensureMailboxWorkflows } from '../mail/mailbox-collectors';
import { ensureWebhookWorkflows } from '../webhooks/webhook-deliverers';
import { runLicenceClockReconciler } from '../licences/licence.service';
import { runMailNotifier } from '../mail/mail-notifier';
import { runInventoryProcessor } from '../inventory/inventory-processor';
import { attachmentServiceOf } from '../attachments/attachment-settings';
import { startMetricsServer } from '../metrics/metrics-server';
import { watchOutbox } from '../metrics/outbox-metrics';
import { otlpSpans, startTracing } from '../tracing/tracing';

// Stops taking connections and waits for the open ones to finish their request; a connection
// kept alive between requests is closed as soon as it is idle.
async function drained(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
}

/** Runs the parts named in GUICHET_ROLES (api, worker, relay) in this process until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const tracing = config.tracesUrl ? startTracing(otlpSpans(config.tracesUrl), `guichet-${config.roles.join('+')}`) : undefined;
  const connections = await openConnections(config);
  const stop = new AbortController();
  const running: Promise<unknown>[] = [];
  let server: Server | undefined;
  // Stops the API first: held requests answer, streams end, in-flight requests finish (the worker
  // still records their changes); then the rest.
  const closing = new AbortController();
  watchOutbox(connections.sequelize);
  const metrics = config.metrics.port > 0 ? startMetricsServer(config.metrics, logger) : undefined;

  if (config.roles.includes('worker')) {
    await ensureTicketSearchAttributes(connections.temporal, config.temporalNamespace);
    const { worker } = await createTicketWorker({
      address: config.temporalAddress,
      namespace: config.temporalNamespace,
      sequelize: connections.sequelize,
      temporal: connections.temporal,
      mailIdleMs: config.mailIdleSeconds * 1_000,
      attachments: attachmentServiceOf(config),
      sdkMetricsPort: config.metrics.sdkPort || undefined,
      // Stopped once the API has answered what is in flight: their changes need it.
      stopsOnSignals: false,
      tracing,
      buildId: config.workerBuildId ?? undefined,
    });
    running.push(worker.run());
    if (config.workerBuildId) await releaseIfFirst(connections.temporal, config.workerBuildId);
    stop.signal.addEventListener('abort', () => worker.shutdown());
    // A mailbox added while no worker ran, or whose collector was stopped by hand, is collected again.
    await ensureMailboxWorkflows(connections.temporal);
    // Likewise a subscription's deliverer (after a restore, or stopped by hand) goes on from its cursor.
    await ensureWebhookWorkflows(connections.temporal);
    const notifier = {
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      publicUrl: config.publicUrl,
      retryMaxSeconds: config.mailRetryMaxSeconds,
      idleMs: 500,
      logger,
    };
    running.push(runMailNotifier(connections.sequelize, notifier, stop.signal));
    running.push(runTicketWorkflowReconciler(connections.temporal, config.reconcileAfterSeconds, logger, stop.signal));
    running.push(runInventoryProcessor(connections.sequelize, { idleMs: 500, logger }, stop.signal));
    // A licence whose renewal clock missed its latest terms (Temporal away, a restore, its entity's new thresholds) gets them.
    running.push(runLicenceClockReconciler(connections, 60_000, logger, stop.signal));
  }
  if (config.roles.includes('relay')) {
    running.push(
      runOutboxRelay(
        connections.sequelize,
        connections.clickhouse,
        { batchSize: config.relayBatchSize, idleMs: config.relayIdleMs, logger },
        stop.signal,
      ),
    );
  }
  if (config.roles.includes('api')) {
    const app = createApp(
      allRoutes(connections, config, attachmentServiceOf(config)),
      config.rateLimits,
      config.trustProxy,
      config.idempotencyHours * 3_600_000,
      [glpiDoor(connections, config, config.rateLimits), inventoryDoor(connections)],
      closing.signal,
    );
    const { server: listening, scheme } = apiServer(app, config);
    server = listening.listen(config.port, () => logger.info(`guichet listens on ${scheme}://localhost:${config.port}`));
    running.push(new Promise((resolve) => listening.on('close', resolve)));
    running.push(runApiJanitor(logger, stop.signal));
  }

  const shutdown = async () => {
    logger.info('shutting down: answering the requests in flight');
    closing.abort();
    if (server) await drained(server);
    logger.info('requests answered, stopping the worker and relay');
    stop.abort();
    metrics?.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await Promise.all(running);
  await connections.close();
  await tracing?.shutdown();
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'guichet stopped');
  process.exit(1);
});
