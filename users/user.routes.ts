import { ListUsersQuery, SetProfilesBody, UserAccountView, UserPage, UserParams } from './user-account.schemas';
import type { UserAccountService } from './user-account.service';
import { route } from '../api/route';

export function userRoutes(users: UserAccountService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/users',
      summary: 'The users of the entities where the caller works tickets, with their profiles per entity',
      tag: 'Access',
      allow: 'desk',
      query: ListUsersQuery,
      response: UserPage,
      handle: ({ user, query }) => users.list(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/users/:id',
      summary: 'One user (oneself, or someone of the entities where the caller works tickets)',
      tag: 'Access',
      allow: 'everyone',
      params: UserParams,
      response: UserAccountView,
      handle: ({ user, params }) => users.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/users/:id/profiles',
      summary: 'Replace the profiles a user holds per entity (administrators, within their entities); audited',
      tag: 'Access',
      allow: 'admins',
      params: UserParams,
      body: SetProfilesBody,
      response: UserAccountView,
      handle: ({ user, params, body }) => users.setProfiles(user, params.id, body),
    }),
  ];
}
