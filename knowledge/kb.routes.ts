import { ArticleList, ArticleParams, ArticleView, CreateArticleBody, SearchArticlesQuery } from './kb.schemas';

import { kbService } from './kb.service';
import { TicketParams } from '../tickets/ticket.schemas';

import { route } from '../api/route';

export function kbRoutes() {
  return [
    route({
      method: 'post',
      path: '/api/v1/kb/articles',
      summary: 'Write a knowledge-base article (the desk)',
      tag: 'Knowledge base',
      allow: 'desk',
      body: CreateArticleBody,
      response: ArticleView,
      status: 201,
      handle: ({ user, body }) => kbService.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/kb/articles',
      summary: 'Search the knowledge base by words and category (with its children)',
      tag: 'Knowledge base',
      allow: 'everyone',
      query: SearchArticlesQuery,
      response: ArticleList,
      handle: async ({ query }) => ({ items: await kbService.search(query) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/kb/articles/:id',
      summary: 'One knowledge-base article',
      tag: 'Knowledge base',
      allow: 'everyone',
      params: ArticleParams,
      response: ArticleView,
      handle: ({ params }) => kbService.get(params.id),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/kb-suggestions',
      summary: "Articles that may answer a ticket: sharing words with its title, its category's first",
      tag: 'Knowledge base',
      allow: 'everyone',
      params: TicketParams,
      response: ArticleList,
      handle: async ({ user, params }) => ({ items: await kbService.suggestFor(user, params.id) }),
    }),
  ];
}
