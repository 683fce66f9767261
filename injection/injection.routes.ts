import { z } from 'zod';
import { route } from '../api/route';
import type { InjectionService } from './injection.service';
import { MappingBody, MappingParams, MappingView, RunFields, RunParams, RunSummary, RunView, TargetsView } from './injection.schemas';

export function injectionRoutes(injection: InjectionService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/injection-targets',
      summary:
        'What a CSV file may fill: computers, monitors, users and licences, with their fields, those a new item needs and those that identify one',
      tag: 'CSV injection',
      allow: 'admins',
      response: TargetsView,
      handle: async () => injection.targets(),
    }),
    route({
      method: 'get',
      path: '/api/v1/injection-mappings',
      summary: 'The saved mappings of the entities you administer, by name',
      tag: 'CSV injection',
      allow: 'admins',
      response: z.object({ items: z.array(MappingView) }),
      handle: async ({ user }) => ({ items: await injection.list(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/injection-mappings',
      summary:
        "Save a mapping: which column fills which field, what identifies an existing item, whether to create and update, the file's separator, encoding, dates and numbers",
      tag: 'CSV injection',
      allow: 'admins',
      body: MappingBody,
      response: MappingView,
      status: 201,
      handle: ({ user, body }) => injection.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/injection-mappings/:id',
      summary: 'A saved mapping',
      tag: 'CSV injection',
      allow: 'admins',
      params: MappingParams,
      response: MappingView,
      handle: ({ user, params }) => injection.get(user, params.id),
    }),
    route({
      method: 'put',
      path: '/api/v1/injection-mappings/:id',
      summary: 'Change a saved mapping, whole',
      tag: 'CSV injection',
      allow: 'admins',
      params: MappingParams,
      body: MappingBody,
      response: MappingView,
      handle: ({ user, params, body }) => injection.replace(user, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/v1/injection-mappings/:id',
      summary: 'Remove a saved mapping with the reports of its runs (what its runs wrote stays)',
      tag: 'CSV injection',
      allow: 'admins',
      params: MappingParams,
      response: z.object({ removed: z.literal(true) }),
      handle: async ({ user, params }) => {
        await injection.remove(user, params.id);
        return { removed: true as const };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/injection-mappings/:id/runs',
      summary:
        'Run a CSV file through a mapping (multipart/form-data: `dryRun`, then the field `file`): a dry run (the default) writes nothing; the answer reports each line',
      tag: 'CSV injection',
      allow: 'admins',
      params: MappingParams,
      body: RunFields,
      uploadField: 'file',
      response: RunView,
      auditDetails: (result) => {
        const run = result as RunView;
        return { run: run.id, dryRun: run.dryRun, created: run.created, updated: run.updated, rejected: run.rejected };
      },
      handle: ({ user, params, body, upload }) => injection.run(user, params.id, body, upload!),
    }),
    route({
      method: 'get',
      path: '/api/v1/injection-mappings/:id/runs',
      summary: "A mapping's latest 20 runs, newest first, without their reports",
      tag: 'CSV injection',
      allow: 'admins',
      params: MappingParams,
      response: z.object({ items: z.array(RunSummary) }),
      handle: async ({ user, params }) => ({ items: await injection.runs(user, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/injection-runs/:id',
      summary: 'A run with what became of each line',
      tag: 'CSV injection',
      allow: 'admins',
      params: RunParams,
      response: RunView,
      handle: ({ user, params }) => injection.getRun(user, params.id),
    }),
  ];
}
