import { route } from '../api/route';
import { AgentTokenList, AgentTokenParams, AgentTokenView, CreateAgentTokenBody, CreatedAgentToken } from './agent-token.schemas';
import type { AgentTokenService } from './agent-token.service';

export function agentTokenRoutes(tokens: AgentTokenService) {
  return [
    route({
      method: 'post',
      path: '/api/v1/inventory/agent-tokens',
      summary:
        'Create a token for FusionInventory agents (their --password) whose computers go to an entity; the token is shown in this answer only',
      tag: 'Inventory',
      allow: 'admins',
      body: CreateAgentTokenBody,
      response: CreatedAgentToken,
      status: 201,
      handle: ({ user, body }) => tokens.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/inventory/agent-tokens',
      summary: 'The agent tokens of the entities you administer (never the tokens themselves)',
      tag: 'Inventory',
      allow: 'admins',
      response: AgentTokenList,
      handle: async ({ user }) => ({ items: await tokens.list(user) }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/inventory/agent-tokens/:id',
      summary: 'Revoke an agent token: the next inventory sent with it is refused',
      tag: 'Inventory',
      allow: 'admins',
      params: AgentTokenParams,
      response: AgentTokenView,
      handle: ({ user, params }) => tokens.revoke(user, params.id),
    }),
  ];
}
