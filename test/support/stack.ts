import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import type { RateLimits } from '../../api/rate-limits';
import type { TrustProxy } from '../../config/trust-proxy';
import { connectClickhouse, type ClickhouseSettings } from '../../analytics/clickhouse';
import { runOutboxRelay } from '../../analytics/outbox-relay';
import { defineModels } from '../../db/models';
import { GroupMemberRow, SupportGroupRow } from '../../organisation/organisation.models';
import { UserProfileRow, UserRow } from '../../users/user.models';
import { connectDatabase } from '../../db/sequelize';
import { publishLifecycle } from '../../lifecycles/lifecycle.repository';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { createCategory } from '../../organisation/category.repository';
import { connectTemporal, type Connections } from '../../runtime/connections';
import { allRoutes, glpiDoor, inventoryDoor } from '../../runtime/routes';
import { createTicketWorker } from '../../runtime/ticket-worker';
import type { LoginSettings } from '../../users/ldap-settings';
import type { ProfileGrant } from '../../users/access';
import { hashPassword } from '../../users/password';
import type { Profile } from '../../users/profiles';
import { TEST_CLICKHOUSE, TEST_DB_URL, TEST_MAIL } from './test-settings';
import { runMailNotifier } from '../../mail/mail-notifier';
import { attachmentServiceOf } from '../../attachments/attachment-settings';
import { tracedClientOptions } from '../../tracing/temporal-tracing';
import { traceQueries } from '../../tracing/traced-queries';
import type { Tracing } from '../../tracing/tracing';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestUser {
  id: number;
  login: string;
  password: string;
  token: string;
}

/** Calls the API at `baseUrl` as a client does: a bearer token, JSON in and out. */
export function apiClient(baseUrl: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  };
}

const UNLIMITED: RateLimits = { perIpPerMinute: 1e9, perUserPerMinute: 1e9, perTokenPerMinute: 1e9 };

/** Makes `user` a member of support group `group`, and gives the user back. */
export async function inGroup<T extends { id: number }>(user: T, group: number): Promise<T> {
  await GroupMemberRow.create({ group_id: group, user_id: user.id });
  return user;
}

/** The whole system for one test file: real MariaDB, ClickHouse and Temporal, a worker, the relay and the API on a free port. */
export async function startStack(
  options: {
    relay?: boolean;
    login?: Partial<LoginSettings>;
    rateLimits?: RateLimits;
    trustProxy?: TrustProxy;
    /** A MariaDB database of the test's own, migrated, instead of the run's shared one. */
    dbUrl?: string;
    /** A Temporal server of the test's own instead of the run's shared one. */
    temporalAddress?: string;
    /** False when the test runs the ticket worker in a process of its own. */
    worker?: boolean;
    /** A ClickHouse warehouse of the test's own, migrated, instead of the run's shared one. */
    clickhouse?: ClickhouseSettings;
    /** The SMTP server notifications go through, instead of the run's shared mail server. */
    smtpUrl?: string;
    /** Largest attachment, in megabytes (20 by default). */
    maxAttachmentMb?: number;
    /** Where attachments' bytes are kept, instead of a new temporary folder. */
    attachmentsDir?: string;
    /** This process's tracing: queries, Updates, workflows and activities are traced into it. */
    tracing?: Tracing;
    /** A Temporal namespace of the test's own (registered), for workers configured apart from the run's. */
    namespace?: string;
  } = {},
) {
  const sequelize = connectDatabase(options.dbUrl ?? TEST_DB_URL);
  defineModels(sequelize);
  if (options.tracing) traceQueries(sequelize);
  const clickhouse = connectClickhouse(options.clickhouse ?? TEST_CLICKHOUSE);
  const address = options.temporalAddress ?? inject('temporalAddress');
  const connection = await connectTemporal(address);
  const namespace = options.namespace ?? 'default';
  const temporal = new Client({ connection, namespace, ...tracedClientOptions(options.tracing !== undefined) });
  const connections: Connections = { sequelize, clickhouse, temporal, close: async () => undefined };

  for (const definition of SHIPPED_LIFECYCLES) await publishLifecycle(definition);
  const [n1] = await SupportGroupRow.findOrCreate({ where: { name: 'Support N1' }, defaults: { name: 'Support N1', level: 1 } });
  const [n2] = await SupportGroupRow.findOrCreate({ where: { name: 'Support N2' }, defaults: { name: 'Support N2', level: 2 } });

  const attachmentsDir = options.attachmentsDir ?? mkdtempSync(join(tmpdir(), 'guichet-attachments-'));
  const attachments = attachmentServiceOf({
    attachmentsDir,
    maxAttachmentMb: options.maxAttachmentMb ?? 20,
    maxTicketAttachmentsMb: 100,
  });
  const inProcess =
    options.worker === false
      ? null
      : await createTicketWorker({
          address,
          namespace,
          sequelize,
          workflowBundle: { code: inject(options.tracing ? 'tracedWorkflowBundle' : 'workflowBundle') },
          tracing: options.tracing,
          temporal,
          // Mail tests wait on collection: a pass asks the server again every second or two.
          mailIdleMs: 1_500,
          attachments,
          // Webhook tests' receivers listen on loopback; a pass asks the feed again every second.
          webhookAllowPrivate: true,
          webhookIdleMs: 1_000,
        });
  const workerRun = inProcess?.worker.run();
  const relayStop = new AbortController();
  const logger = pino({ level: 'silent' });
  const relay =
    options.relay === false
      ? Promise.resolve()
      : runOutboxRelay(sequelize, clickhouse, { batchSize: 500, idleMs: 50, logger }, relayStop.signal);

  const notifierStop = new AbortController();
  const notifier = runMailNotifier(
    sequelize,
    {
      smtpUrl: options.smtpUrl ?? `smtp://127.0.0.1:${TEST_MAIL.smtpPort}`,
      from: `guichet <support@${TEST_MAIL.domain}>`,
      publicUrl: 'http://localhost:3000',
      retryMaxSeconds: 2,
      idleMs: 100,
      logger,
    },
    notifierStop.signal,
  );

  const login: LoginSettings = { tokenTtlHours: 1, loginMaxFailures: 5, loginLockoutMinutes: 15, ldap: null, ...options.login };
  const routes = allRoutes(
    connections,
    { ...login, temporalNamespace: namespace, satisfactionDays: 30, webhookAllowPrivate: true, attachmentsDir },
    attachments,
  );
  // Tests call from one address far faster than people do: no limit unless a test sets one.
  const rateLimits = { scope: `stack-${randomUUID().slice(0, 8)}:`, ...(options.rateLimits ?? UNLIMITED) };
  const doors = [glpiDoor(connections, login, rateLimits), inventoryDoor(connections)];
  const server = createApp(routes, rateLimits, options.trustProxy, undefined, doors).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = apiClient(baseUrl);

  /**
   * A new user with `profile`, logged in through the API: in the root entity and below, or in
   * `placement.entity` and below, or holding exactly `placement.grants`; named `placement.name`, else by their login.
   */
  async function userWith(
    profile: Profile,
    group?: 'N1' | 'N2',
    placement: { entity?: number; grants?: ProfileGrant[]; name?: string } = {},
  ): Promise<TestUser> {
    const login = `${profile}-${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`;
    const row = await UserRow.create({
      login,
      name: placement.name ?? login,
      email: null,
      profile,
      entity_id: placement.entity ?? 1,
      password_hash: await hashPassword(password),
    });
    if (group) await inGroup(row, group === 'N1' ? n1.id : n2.id);
    for (const grant of placement.grants ?? []) {
      await UserProfileRow.create({ user_id: row.id, entity_id: grant.entity, profile: grant.profile, recursive: grant.recursive });
    }
    const response = await call<{ token: string }>('POST', '/api/v1/auth/login', { body: { login, password } });
    return { id: row.id, login, password, token: response.body.token };
  }

  /** A new category (under `parent`, or at the top), so a test's tickets and KPIs are its own. */
  async function newCategory(parent: number | null = null): Promise<number> {
    const name = `Catégorie ${randomUUID().slice(0, 8)}`;
    return (await createCategory({ parent, name: { fr: name, en: name }, entity: 1 })).id;
  }

  return {
    baseUrl,
    /** The route table the API serves, for tests generated from its schemas. */
    routes,
    newCategory,
    sequelize,
    clickhouse,
    temporal,
    groups: { n1: n1.id, n2: n2.id },
    /** Where the stack keeps attachments' bytes. */
    attachmentsDir,
    call,
    userWith,
    async close() {
      relayStop.abort();
      notifierStop.abort();
      await Promise.all([relay, notifier]);
      await new Promise((resolve) => server.close(resolve));
      inProcess?.worker.shutdown();
      await workerRun;
      await Promise.allSettled([inProcess?.connection.close(), connection.close(), clickhouse.close(), sequelize.close()]);
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export type Desk = Awaited<ReturnType<typeof startDesk>>;

/** The stack with the desk's usual people: a requester, a N1 technician and a manager. */
export async function startDesk(options: { relay?: boolean } = {}) {
  const stack = await startStack(options);
  return {
    stack,
    alice: await stack.userWith('requester'),
    tech1: await stack.userWith('technician', 'N1'),
    manager: await stack.userWith('manager'),
  };
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`);
}
