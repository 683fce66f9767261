import { z } from 'zod';
import { route } from '../api/route';
import type { SupportGroupService } from './support-group.service';
import { CreateGroupBody, EditGroupBody, SupportGroupDetail, SupportGroupList } from './support-group.schemas';

const GroupParams = z.object({ id: z.coerce.number().int().positive() });

export function supportGroupRoutes(groups: SupportGroupService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/groups',
      summary: 'The support groups of the entities you see, by level then name',
      tag: 'Organisation',
      allow: 'everyone',
      response: SupportGroupList,
      handle: async ({ user }) => ({ items: await groups.list(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/groups',
      summary: 'Add a support group to an entity you administer, with its members and managers',
      tag: 'Organisation',
      allow: 'admins',
      body: CreateGroupBody,
      response: SupportGroupDetail,
      status: 201,
      handle: ({ user, body }) => groups.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/groups/:id',
      summary: 'A support group with its members and managers',
      tag: 'Organisation',
      allow: 'everyone',
      params: GroupParams,
      response: SupportGroupDetail,
      handle: ({ user, params }) => groups.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/groups/:id',
      summary: "Rename a support group, change its level, its members or its managers (its entity's administrators)",
      tag: 'Organisation',
      allow: 'admins',
      params: GroupParams,
      body: EditGroupBody,
      response: SupportGroupDetail,
      handle: ({ user, params, body }) => groups.edit(user, params.id, body),
    }),
  ];
}
