import { z } from 'zod';

export const CreateArticleBody = z.strictObject({
  title: z.string().trim().min(1).max(255),
  content: z.string().trim().min(1).max(65_000),
  category: z.number().int().positive().nullable().default(null),
});
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

export const ArticleView = z.object({
  id: z.number(),
  title: z.string(),
  content: z.string(),
  category: z.number().nullable(),
  /** The ticket whose solution the article was made from, if any. */
  sourceTicket: z.number().nullable(),
  author: z.number(),
  createdAt: z.string(),
});
export type ArticleView = z.infer<typeof ArticleView>;

export const ArticleList = z.object({ items: z.array(ArticleView) });

export const SearchArticlesQuery = z.object({
  q: z.string().trim().max(255).optional(),
  /** A category and the categories below it. */
  category: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchArticlesQuery = z.infer<typeof SearchArticlesQuery>;

export const ArticleParams = z.object({ id: z.coerce.number().int().positive() });
