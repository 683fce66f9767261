import type { ClickHouseClient } from '@clickhouse/client';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { DomainError } from '../core/errors';
import { outboxDepth } from '../analytics/outbox-relay';
import { TICKETS_TASK_QUEUE } from '../workflows/ticket.contracts';
import { route } from '../api/route';

export interface HealthDeps {
  sequelize: Sequelize;
  clickhouse: ClickHouseClient;
  temporal: Client;
  namespace: string;
}

const Ready = z.object({ status: z.literal('ready'), outboxLagSeconds: z.number() });
const TASK_QUEUE_TYPE_WORKFLOW = 1;

async function missingParts({ sequelize, clickhouse, temporal, namespace }: HealthDeps): Promise<string[]> {
  const checks: [string, () => Promise<boolean>][] = [
    ['mariadb', async () => (await sequelize.query('SELECT 1 AS ok', { type: QueryTypes.SELECT })).length === 1],
    ['clickhouse', async () => (await clickhouse.ping()).success],
    [
      'temporal_worker',
      async () => {
        const queue = await temporal.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: TICKETS_TASK_QUEUE },
          taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
        });
        return (queue.pollers ?? []).length > 0;
      },
    ],
  ];
  const results = await Promise.all(checks.map(async ([name, check]) => ((await check().catch(() => false)) ? null : name)));
  return results.filter((name): name is string => name !== null);
}

export function healthRoutes(deps: HealthDeps) {
  return [
    route({
      method: 'get',
      path: '/healthz',
      summary: 'The process is up',
      tag: 'Health',
      allow: 'anonymous',
      response: z.object({ status: z.literal('ok') }),
      handle: async () => ({ status: 'ok' }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      summary: 'MariaDB, ClickHouse and Temporal answer and a worker polls the tickets queue; 503 naming what is missing',
      tag: 'Health',
      allow: 'anonymous',
      response: Ready,
      handle: async () => {
        const missing = await missingParts(deps);
        if (missing.length > 0) throw new DomainError('not_ready', `Not ready: ${missing.join(', ')}`, { missing });
        return { status: 'ready', outboxLagSeconds: (await outboxDepth(deps.sequelize)).oldestSeconds };
      },
    }),
  ];
}
