import { z } from 'zod';
import { route } from '../api/route';
import type { LicenceService } from './licence.service';
import {
  CreateLicenceBody,
  EditLicenceBody,
  LicenceAssignmentsBody,
  LicenceDetail,
  LicencePage,
  LicenceParams,
  LicenceQuery,
} from './licence.schemas';

export function licenceRoutes(licences: LicenceService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/licences',
      summary: 'The software licences of your entities, newest first: search, over-used ones, those expiring within N days',
      tag: 'Inventory',
      allow: 'readers',
      query: LicenceQuery,
      response: LicencePage,
      handle: ({ user, query }) => licences.list(user, query),
    }),
    route({
      method: 'post',
      path: '/api/v1/licences',
      summary: 'Record a software licence (the desk): its software, seats, dates and renewal alert thresholds',
      tag: 'Inventory',
      allow: 'desk',
      body: CreateLicenceBody,
      response: LicenceDetail,
      status: 201,
      handle: ({ user, body }) => licences.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/licences/:id',
      summary: 'A licence with its installations, assignments and the renewal alerts sent',
      tag: 'Inventory',
      allow: 'readers',
      params: LicenceParams,
      response: LicenceDetail,
      handle: ({ user, params }) => licences.getOrFail(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/licences/:id',
      summary: 'Change a licence (the desk); a new expiry date or thresholds reset its renewal alerts',
      tag: 'Inventory',
      allow: 'desk',
      params: LicenceParams,
      body: EditLicenceBody,
      response: LicenceDetail,
      handle: ({ user, params, body }) => licences.edit(user, params.id, body),
    }),
    route({
      method: 'put',
      path: '/api/v1/licences/:id/assignments',
      summary: 'Assign a licence to computers and people, in place of its assignments (the desk)',
      tag: 'Inventory',
      allow: 'desk',
      params: LicenceParams,
      body: LicenceAssignmentsBody,
      response: LicenceDetail,
      handle: ({ user, params, body }) => licences.assign(user, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/v1/licences/:id',
      summary: 'Remove a licence (the desk); its alerts stop',
      tag: 'Inventory',
      allow: 'desk',
      params: LicenceParams,
      response: z.object({ removed: z.literal(true) }),
      handle: ({ user, params }) => licences.remove(user, params.id),
    }),
  ];
}
