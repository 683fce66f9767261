import { z } from 'zod';
import { STATE_NAME_PATTERN } from './definition';
import type { createLifecycleMigrationService } from './lifecycle-migration.service';

import { KeyParams } from './lifecycle.params';
import { route } from '../api/route';

const MigrationParams = KeyParams.extend({ id: z.coerce.number().int().positive() });
const StateName = z.string().regex(STATE_NAME_PATTERN, 'state names are snake_case');
const MigrationBody = z.strictObject({
  fromVersion: z.number().int().positive(),
  toVersion: z.number().int().positive(),
  /** State of fromVersion → state of toVersion; a state left out keeps its name. */
  mapping: z.record(StateName, StateName).default({}),
  dryRun: z.boolean().default(false),
});
const Move = z.object({ from: z.string(), to: z.string(), count: z.number() });
const DryRun = z.object({ dryRun: z.literal(true), tickets: z.number(), moves: z.array(Move) });
const Migration = z.object({
  id: z.number(),
  key: z.string(),
  fromVersion: z.number(),
  toVersion: z.number(),
  mapping: z.record(z.string(), z.string()),
  status: z.enum(['running', 'done', 'failed']),
  total: z.number(),
  moved: z.number(),
  failed: z.number(),
  failures: z.array(z.object({ ticket: z.number(), reason: z.string() })),
});

export function lifecycleMigrationRoutes(migrations: ReturnType<typeof createLifecycleMigrationService>) {
  return [
    route({
      method: 'post',
      path: '/api/v1/lifecycles/:key/migrations',
      summary:
        'Move the running tickets of one version to another with a state mapping (process owners); with dryRun, only count who would move where',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: KeyParams,
      body: MigrationBody,
      response: z.union([DryRun, Migration]),
      status: 202,
      statusOf: (result) => ((result as { dryRun?: boolean }).dryRun ? 200 : 202),
      handle: async ({ user, params, body }) => {
        const { dryRun, ...request } = body;
        return dryRun ? migrations.dryRun(params.key, request) : migrations.start(user, params.key, request);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/migrations/:id',
      summary: 'How far a migration is: tickets moved, failed, and why (process owners)',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: MigrationParams,
      response: Migration,
      handle: async ({ params }) => {
        return migrations.get(params.key, params.id);
      },
    }),
  ];
}
