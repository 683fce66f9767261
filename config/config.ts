import { z } from 'zod';
import { GroupProfilesJson, type LdapSettings } from '../users/ldap-settings';
import { envVar, stopOnConfigProblems } from './env';
import { TrustProxySetting } from './trust-proxy';

const port = z.coerce.number().int().min(1).max(65535);
const positive = z.coerce.number().int().positive();

const requiredWithLdap = (example: string) => ({ error: `required when GUICHET_LDAP_URL is set, e.g. ${example}` });

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function metricsSettings() {
  const host = envVar('GUICHET_METRICS_HOST', z.string().min(1).default('127.0.0.1'));
  const token = envVar(
    'GUICHET_METRICS_TOKEN',
    LOOPBACK.has(host) ? z.string().min(16).optional() : z.string({ error: 'required when GUICHET_METRICS_HOST is not loopback' }).min(16),
  );
  return {
    host,
    port: envVar('GUICHET_METRICS_PORT', z.coerce.number().int().min(0).max(65535).default(9464)),
    token,
    /** The Temporal SDK's own worker metrics (a worker process only), on a loopback port; none unless set. */
    sdkPort: envVar('GUICHET_TEMPORAL_METRICS_PORT', z.coerce.number().int().min(0).max(65535).default(0)),
  };
}

/** The directory login settings, or null when GUICHET_LDAP_URL is unset (directory login off). */
function ldapSettings(): LdapSettings | null {
  const url = envVar(
    'GUICHET_LDAP_URL',
    z
      .string()
      .regex(/^ldaps?:\/\/[^/?#]+\/?$/i, 'an ldap://host:port or ldaps://host:port URL')
      .optional(),
  );
  if (!url) return null;
  return {
    url,
    /** The service account that searches users and groups; empty for an anonymous search. */
    bindDn: envVar('GUICHET_LDAP_BIND_DN', z.string().default('')),
    /** Secret: may come from GUICHET_LDAP_BIND_PASSWORD_FILE. */
    bindPassword: envVar('GUICHET_LDAP_BIND_PASSWORD', z.string().default('')),
    baseDn: envVar('GUICHET_LDAP_BASE_DN', z.string(requiredWithLdap('dc=example,dc=org')).min(1)),
    userFilter: envVar(
      'GUICHET_LDAP_USER_FILTER',
      z.string().includes('{login}', { message: 'must contain {login}' }).default('(&(objectClass=inetOrgPerson)(uid={login}))'),
    ),
    /** The attribute holding the login: uid in OpenLDAP, sAMAccountName in Active Directory. */
    loginAttribute: envVar(
      'GUICHET_LDAP_LOGIN_ATTRIBUTE',
      z
        .string()
        .regex(/^[\w-]+$/)
        .default('uid'),
    ),
    /** Matches disabled accounts, e.g. (userAccountControl:1.2.840.113556.1.4.803:=2) in Active Directory. */
    disabledFilter:
      envVar('GUICHET_LDAP_DISABLED_FILTER', z.string().startsWith('(', { message: 'an LDAP filter in parentheses' }).optional()) ?? null,
    /** Directory groups mapped to profiles in entities (JSON array). */
    groupProfiles: envVar('GUICHET_LDAP_GROUP_PROFILES', GroupProfilesJson),
    timeoutMs: envVar('GUICHET_LDAP_TIMEOUT_MS', positive.default(5000)),
  };
}

/** Every setting guichet reads, each from one environment variable with a safe local default. */
export const config = {
  /** HTTP port of the API and web UI. */
  port: envVar('GUICHET_PORT', port.default(3000)),
  /**
   * This process's metrics (Prometheus text) at /metrics on a port of their own, 0 for none; on
   * loopback unless GUICHET_METRICS_HOST says otherwise, which then needs GUICHET_METRICS_TOKEN
   * (secret: may come from GUICHET_METRICS_TOKEN_FILE), sent by the scraper as a bearer token.
   */
  metrics: metricsSettings(),
  /**
   * An OpenTelemetry collector's OTLP/HTTP traces endpoint (e.g. http://127.0.0.1:4318/v1/traces): each request, Update,
   * workflow step, activity and query is traced there; no tracing when unset. OTEL_EXPORTER_OTLP_HEADERS adds credentials.
   */
  tracesUrl: envVar('GUICHET_TRACES_URL', z.string().url().optional()) ?? null,
  /** Which parts this process runs: any of api, worker, relay (comma-separated). */
  roles: envVar(
    'GUICHET_ROLES',
    z
      .string()
      .default('api,worker,relay')
      .transform((s) => s.split(',').map((r) => r.trim()))
      .pipe(z.array(z.enum(['api', 'worker', 'relay'])).min(1)),
  ),
  /** MariaDB connection URL (secret: may come from GUICHET_DB_URL_FILE). */
  dbUrl: envVar('GUICHET_DB_URL', z.string().url().default('mariadb://guichet:guichet@127.0.0.1:3306/guichet')),
  /** Most MariaDB connections this process opens. */
  dbPoolMax: envVar('GUICHET_DB_POOL_MAX', positive.default(20)),
  /** ClickHouse HTTP endpoint. */
  clickhouseUrl: envVar('GUICHET_CLICKHOUSE_URL', z.string().url().default('http://127.0.0.1:8123')),
  clickhouseDatabase: envVar('GUICHET_CLICKHOUSE_DATABASE', z.string().regex(/^\w+$/).default('guichet')),
  clickhouseUser: envVar('GUICHET_CLICKHOUSE_USER', z.string().default('default')),
  /** Secret: may come from GUICHET_CLICKHOUSE_PASSWORD_FILE. */
  clickhousePassword: envVar('GUICHET_CLICKHOUSE_PASSWORD', z.string().default('')),
  /** Temporal frontend address (host:port) and namespace. */
  temporalAddress: envVar('GUICHET_TEMPORAL_ADDRESS', z.string().default('127.0.0.1:7233')),
  temporalNamespace: envVar('GUICHET_TEMPORAL_NAMESPACE', z.string().default('default')),
  /** Days after which a resolved ticket the requester does not answer closes itself (new tickets). */
  autoCloseDays: envVar('GUICHET_AUTO_CLOSE_DAYS', z.coerce.number().positive().default(7)),
  /** Days after a ticket closes during which its requester can answer the satisfaction survey. */
  satisfactionDays: envVar('GUICHET_SATISFACTION_DAYS', z.coerce.number().positive().default(30)),
  /** Hours the outcome of a write sent with an Idempotency-Key is kept for its retries. */
  idempotencyHours: envVar('GUICHET_IDEMPOTENCY_HOURS', z.coerce.number().positive().default(24)),
  /** Hours a login token stays valid. */
  tokenTtlHours: envVar('GUICHET_TOKEN_TTL_HOURS', positive.default(12)),
  /** Consecutive failed logins after which a local account is locked, and for how many minutes. */
  loginMaxFailures: envVar('GUICHET_LOGIN_MAX_FAILURES', positive.default(5)),
  loginLockoutMinutes: envVar('GUICHET_LOGIN_LOCKOUT_MINUTES', z.coerce.number().positive().default(15)),
  /** Directory (LDAP / Active Directory) login; null when GUICHET_LDAP_URL is unset. */
  ldap: ldapSettings(),
  /** Largest batch the relay sends to ClickHouse, and how long it waits when the outbox is empty. */
  relayBatchSize: envVar('GUICHET_RELAY_BATCH_SIZE', positive.default(1000)),
  relayIdleMs: envVar('GUICHET_RELAY_IDLE_MS', positive.default(200)),
  /** Seconds after which a ticket whose workflow was not started gets it from the reconciler. */
  reconcileAfterSeconds: envVar('GUICHET_RECONCILE_AFTER_SECONDS', positive.default(10)),
  /** Where attachments' bytes are kept (one file per content, by SHA-256). */
  attachmentsDir: envVar('GUICHET_ATTACHMENTS_DIR', z.string().default('.data/attachments')),
  /** Largest attachment, in megabytes. */
  maxAttachmentMb: envVar('GUICHET_MAX_ATTACHMENT_MB', positive.default(20)),
  /** Largest total of one ticket's attachments, in megabytes. */
  maxTicketAttachmentsMb: envVar('GUICHET_MAX_TICKET_ATTACHMENTS_MB', positive.default(100)),
  /** The SMTP server notifications go through (a URL nodemailer reads; `smtps://` for TLS from the first byte). */
  smtpUrl: envVar('GUICHET_SMTP_URL', z.string().default('smtp://127.0.0.1:2525')),
  /** The sender of notifications; replies go there, to the desk's mailbox. */
  mailFrom: envVar('GUICHET_MAIL_FROM', z.string().default('guichet <support@guichet.test>')),
  /** The address people open guichet at, for links in notifications. */
  publicUrl: envVar('GUICHET_PUBLIC_URL', z.string().url().default('http://localhost:3000')),
  /** Longest pause between two tries of a notification while the SMTP server is out of reach. */
  mailRetryMaxSeconds: envVar('GUICHET_MAIL_RETRY_MAX_SECONDS', positive.default(300)),
  /**
   * This worker's build (a release's id, e.g. its version or commit): workers with one form a Worker Deployment in which
   * only the current build gets tasks, set by `npm run release:workers -- <build>` (the first build releases itself).
   * Unversioned workers when unset.
   */
  workerBuildId:
    envVar(
      'GUICHET_WORKER_BUILD_ID',
      z
        .string()
        .regex(/^[\w.+-]{1,64}$/, 'letters, digits and . + - _ only, 64 at most')
        .optional(),
    ) ?? null,
  /**
   * Ticket workflows a worker keeps in memory between their tasks; the others are replayed from
   * their history when they wake. Bounds the worker's memory whatever the number of open tickets.
   */
  workerCachedWorkflows: envVar('GUICHET_WORKER_CACHED_WORKFLOWS', positive.default(250)),
  /**
   * `true` lets webhooks reach receivers on loopback, link-local and private addresses (an
   * on-premises receiver, tests); refused otherwise, so a subscription cannot probe the inside.
   */
  webhookAllowPrivate: envVar('GUICHET_WEBHOOK_ALLOW_PRIVATE', z.enum(['true', 'false']).default('false')) === 'true',
  /** How long a mailbox's collector waits in IDLE for new mail before asking again (under 15 minutes). */
  mailIdleSeconds: envVar('GUICHET_MAIL_IDLE_SECONDS', z.coerce.number().int().min(1).max(600).default(240)),
  /**
   * A PEM certificate (chain) and its private key (secret), or `…_FILE` naming their files: with
   * both, the API and web UI are served over HTTPS only.
   */
  tlsCert: envVar('GUICHET_TLS_CERT', z.string().includes('BEGIN CERTIFICATE', { message: 'a PEM certificate' }).optional()),
  tlsKey: envVar('GUICHET_TLS_KEY', z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }).optional()),
  /** The reverse proxies whose X-Forwarded-For tells the client's address (none unless set). */
  trustProxy: envVar('GUICHET_TRUST_PROXY', TrustProxySetting),
  /**
   * Requests per minute allowed from one client address without a valid identity (logins, anonymous
   * routes), per logged-in person, and per API token (429 with Retry-After beyond); counted in MariaDB.
   */
  rateLimits: {
    perIpPerMinute: envVar('GUICHET_RATE_LIMIT_PER_IP', positive.default(1200)),
    perUserPerMinute: envVar('GUICHET_RATE_LIMIT_PER_USER', positive.default(600)),
    perTokenPerMinute: envVar('GUICHET_RATE_LIMIT_PER_TOKEN', positive.default(600)),
  },
  logLevel: envVar('GUICHET_LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
};

stopOnConfigProblems();

export type Config = typeof config;
