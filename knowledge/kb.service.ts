import { visibleTicketOrFail } from '../tickets/ticket.repository';
import type { CurrentUser } from '../users/user';
import { articleOrFail, createArticle, searchArticles, suggestArticles } from './kb.repository';
import type { ArticleView, CreateArticleBody } from './kb.schemas';

/** The knowledge base: articles the desk writes, searched by everyone, suggested for a ticket one may see. */
export const kbService = {
  create: (user: CurrentUser, body: CreateArticleBody): Promise<ArticleView> => createArticle(user.id, body),

  search: searchArticles,

  get: articleOrFail,

  suggestFor: async (user: CurrentUser, ticketId: number): Promise<ArticleView[]> =>
    suggestArticles(await visibleTicketOrFail(user, ticketId)),
};
