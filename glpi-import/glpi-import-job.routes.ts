import { z } from 'zod';
import { route } from '../api/route';
import type { GlpiImportJobService } from './glpi-import-job.service';
import { DatabaseImportBody, ExportImportFields, GlpiImportParams, GlpiImportView } from './glpi-import-job.schemas';

export function glpiImportRoutes(imports: GlpiImportJobService) {
  return [
    route({
      method: 'post',
      path: '/api/v1/glpi-imports/database',
      summary:
        "Start an import from GLPI's database, read-only (a dry run unless `apply`); answers at once, its progress and report are read from the import",
      tag: 'GLPI import',
      allow: 'admins',
      body: DatabaseImportBody,
      response: GlpiImportView,
      status: 202,
      auditDetails: (result) => ({ import: (result as GlpiImportView).id, origin: (result as GlpiImportView).origin }),
      handle: async ({ user, body }) => imports.startDatabase(user, body),
    }),
    route({
      method: 'post',
      path: '/api/v1/glpi-imports/export',
      summary:
        "Start an import of GLPI's ticket-list or user-list export (multipart/form-data: `kind`, `apply`, `map`, then the field `file`); answers at once",
      tag: 'GLPI import',
      allow: 'admins',
      body: ExportImportFields,
      uploadField: 'file',
      response: GlpiImportView,
      status: 202,
      auditDetails: (result) => ({ import: (result as GlpiImportView).id, origin: (result as GlpiImportView).origin }),
      handle: async ({ user, body, upload }) => imports.startExport(user, body, upload!),
    }),
    route({
      method: 'get',
      path: '/api/v1/glpi-imports',
      summary: 'The latest imports from GLPI, newest first',
      tag: 'GLPI import',
      allow: 'admins',
      response: z.object({ items: z.array(GlpiImportView) }),
      handle: async () => ({ items: await imports.list() }),
    }),
    route({
      method: 'get',
      path: '/api/v1/glpi-imports/:id',
      summary: 'One import from GLPI: its progress, then its report',
      tag: 'GLPI import',
      allow: 'admins',
      params: GlpiImportParams,
      response: GlpiImportView,
      handle: async ({ params }) => imports.get(params.id),
    }),
  ];
}
