import { ApiTokenList, ApiTokenParams, ApiTokenView, CreateApiTokenBody, CreatedApiToken } from './api-token.schemas';
import type { ApiTokenService } from './api-token.service';
import { route } from '../api/route';

export function apiTokenRoutes(tokens: ApiTokenService) {
  return [
    route({
      method: 'post',
      path: '/api/v1/api-tokens',
      summary: 'Create an API token for an external system, scoped to a profile in an entity; the token is shown in this answer only',
      tag: 'Access',
      allow: 'admins',
      body: CreateApiTokenBody,
      response: CreatedApiToken,
      status: 201,
      handle: ({ user, body }) => tokens.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/api-tokens',
      summary: 'The API tokens of the entities you administer, with their scope and last use (never the tokens themselves)',
      tag: 'Access',
      allow: 'admins',
      response: ApiTokenList,
      handle: async ({ user }) => ({ items: await tokens.list(user) }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/api-tokens/:id',
      summary: 'Revoke an API token: its next request is refused',
      tag: 'Access',
      allow: 'admins',
      params: ApiTokenParams,
      response: ApiTokenView,
      handle: ({ user, params }) => tokens.revoke(user, params.id),
    }),
  ];
}
