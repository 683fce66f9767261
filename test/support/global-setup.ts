import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_TRACING_MODULE } from '../../tracing/temporal-tracing';
import { build as buildWeb } from 'vite';
import type { TestProject } from 'vitest/node';
import { connectClickhouse } from '../../analytics/clickhouse';
import { migrateClickhouse } from '../../analytics/clickhouse-migrations';
import { mariadbMigrator } from '../../db/migrate';
import { connectDatabase } from '../../db/sequelize';
import { createDatabaseIfMissing } from '../../db/create-database';
import { WORKFLOWS_PATH } from '../../runtime/ticket-worker';
import { ticketPriorityAttribute, ticketStatusAttribute } from '../../workflows/ticket.contracts';
import { TEST_CLICKHOUSE, TEST_DB_URL, temporalBinaries } from './test-settings';
import { freePort } from './free-port';

const WEB_CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundle: string;
    /** The same workflows with OpenTelemetry's workflow interceptors, as a worker that traces bundles them. */
    tracedWorkflowBundle: string;
  }
}

async function freshMariadb(): Promise<void> {
  const name = new URL(TEST_DB_URL).pathname.slice(1);
  await createDatabaseIfMissing(TEST_DB_URL);
  const sequelize = connectDatabase(TEST_DB_URL, 1);
  await sequelize.query(`DROP DATABASE \`${name}\``);
  await sequelize.close();
  await createDatabaseIfMissing(TEST_DB_URL);
  const migrated = connectDatabase(TEST_DB_URL, 1);
  await mariadbMigrator(migrated).up();
  await migrated.close();
}

async function freshClickhouse(): Promise<void> {
  const admin = connectClickhouse(TEST_CLICKHOUSE, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${TEST_CLICKHOUSE.database}` });
  await admin.close();
  await migrateClickhouse(TEST_CLICKHOUSE);
}

/**
 * Once per run: empty test databases in MariaDB and ClickHouse, a fresh in-memory Temporal dev
 * server (so workflow ids never meet a previous run's), the workflow bundle and the web UI built once.
 */
export default async function setup(project: TestProject) {
  await Promise.all([freshMariadb(), freshClickhouse(), buildWeb({ configFile: WEB_CONFIG })]);
  const port = await freePort();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalBinaries().cli },
      ip: '127.0.0.1',
      port,
      searchAttributes: [ticketStatusAttribute, ticketPriorityAttribute],
      log: { format: 'pretty', level: 'warn' },
    },
  });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const traced = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [WORKFLOW_TRACING_MODULE],
    logger: quietLogger,
  });
  project.provide('temporalAddress', `127.0.0.1:${port}`);
  project.provide('workflowBundle', code);
  project.provide('tracedWorkflowBundle', traced.code);
  return async () => {
    await temporal.teardown();
  };
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
