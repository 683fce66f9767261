import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** This process's metrics, served by its metrics server in Prometheus' text format. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

// Durations from a few milliseconds (a read) to tens of seconds (a held feed request).
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestSeconds = new Histogram({
  name: 'guichet_http_request_duration_seconds',
  help: 'HTTP requests answered, by method, route (its template) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const httpRequestsInFlight = new Gauge({
  name: 'guichet_http_requests_in_flight',
  help: 'HTTP requests received and not yet answered',
  registers: [registry],
});

export const transitionsTotal = new Counter({
  name: 'guichet_transitions_total',
  help: 'Lifecycle actions asked of ticket workflows, by lifecycle, action and outcome (done, refused, failed)',
  labelNames: ['lifecycle', 'action', 'outcome'] as const,
  registers: [registry],
});

export const workflowUpdateSeconds = new Histogram({
  name: 'guichet_workflow_update_seconds',
  help: "Round trip of an Update to a ticket's workflow, from the API until its result, by update",
  labelNames: ['update'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const recordingSeconds = new Histogram({
  name: 'guichet_recording_activity_seconds',
  help: "Time a workflow's recording activity takes to write a transition or an edit in MariaDB, by kind",
  labelNames: ['kind'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const slaTimerLatenessSeconds = new Histogram({
  name: 'guichet_sla_timer_lateness_seconds',
  help: "How late a ticket's SLA clock events (breach, escalation level, support level's breach) were recorded after falling due",
  labelNames: ['event'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const relayBatchEvents = new Histogram({
  name: 'guichet_relay_batch_events',
  help: 'Events the outbox relay moved to ClickHouse per batch',
  buckets: [1, 10, 50, 100, 250, 500, 1000, 5000],
  registers: [registry],
});

export const relayBatchSeconds = new Histogram({
  name: 'guichet_relay_batch_seconds',
  help: 'Time of one relay batch, from reading the outbox to deleting what ClickHouse took',
  buckets: SECONDS,
  registers: [registry],
});

export const clickhouseInsertSeconds = new Histogram({
  name: 'guichet_clickhouse_insert_seconds',
  help: 'Time ClickHouse takes to accept a batch of events',
  buckets: SECONDS,
  registers: [registry],
});

export const relayErrorsTotal = new Counter({
  name: 'guichet_relay_errors_total',
  help: 'Relay batches that failed (the events wait in the outbox and are sent again)',
  registers: [registry],
});

export const mailNotificationsTotal = new Counter({
  name: 'guichet_mail_notifications_total',
  help: 'Notification e-mails, by outcome (sent, or retried later when the SMTP server refused or was out of reach)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const mailMessagesTotal = new Counter({
  name: 'guichet_mail_messages_total',
  help: 'Messages taken from mailboxes by their collectors',
  registers: [registry],
});
