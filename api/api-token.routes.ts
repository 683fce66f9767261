import type { Sequelize } from 'sequelize';
import { ApiTokenList, ApiTokenParams, ApiTokenView, CreateApiTokenBody, CreatedApiToken } from '../users/api-token.schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '../users/api-token.repository';
import { route } from './route';

export function apiTokenRoutes(sequelize: Sequelize) {
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
      handle: async ({ user, body }) => createApiToken(sequelize, user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/api-tokens',
      summary: 'The API tokens, with their scope and last use (never the tokens themselves)',
      tag: 'Access',
      allow: 'admins',
      response: ApiTokenList,
      handle: async () => ({ items: await listApiTokens() }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/api-tokens/:id',
      summary: 'Revoke an API token: its next request is refused',
      tag: 'Access',
      allow: 'admins',
      params: ApiTokenParams,
      response: ApiTokenView,
      handle: async ({ user, params }) => revokeApiToken(user, params.id),
    }),
  ];
}
