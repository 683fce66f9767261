import { literal, Op, type OrderItem, type WhereOptions } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { KbArticleRow } from './kb.models';
import { categoryExistsOrFail, categoryWithChildrenOrFail } from '../organisation/category.repository';
import { fullTextTerms } from '../tickets/ticket-list-order';
import type { ArticleView, CreateArticleBody, SearchArticlesQuery } from './kb.schemas';

const SUGGESTIONS = 5;

const toArticleView = (row: KbArticleRow): ArticleView => ({
  id: row.id,
  title: row.title,
  content: row.content,
  category: row.category_id,
  sourceTicket: row.source_ticket_id,
  author: row.author_id,
  createdAt: row.createdAt.toISOString(),
});

const relevance = (words: string, mode: 'BOOLEAN' | 'NATURAL LANGUAGE') =>
  `MATCH (title, content) AGAINST (${KbArticleRow.sequelize!.escape(words)} IN ${mode} MODE)`;

export async function createArticle(authorId: number, body: CreateArticleBody, sourceTicket: number | null = null): Promise<ArticleView> {
  if (body.category !== null) await categoryExistsOrFail(body.category, 'category');
  const row = await KbArticleRow.create({
    title: body.title,
    content: body.content,
    category_id: body.category,
    source_ticket_id: sourceTicket,
    author_id: authorId,
  });
  return toArticleView(row);
}

export async function articleOrFail(id: number): Promise<ArticleView> {
  const row = await KbArticleRow.findByPk(id);
  if (!row) throw new NotFoundError(`Article ${id}`);
  return toArticleView(row);
}

/** Articles holding every word of `q` (as word beginnings), most relevant first; newest first without words. */
export async function searchArticles(query: SearchArticlesQuery): Promise<ArticleView[]> {
  const where: WhereOptions<KbArticleRow>[] = [];
  if (query.category) where.push({ category_id: await categoryWithChildrenOrFail(query.category, 'category') });
  const terms = query.q ? fullTextTerms(query.q) : null;
  if (query.q && !terms) where.push({ title: { [Op.like]: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` } });
  if (terms) where.push(literal(relevance(terms, 'BOOLEAN')));
  const rows = await KbArticleRow.findAll({
    where: { [Op.and]: where },
    order: terms
      ? [
          [literal(relevance(terms, 'BOOLEAN')), 'DESC'],
          ['id', 'DESC'],
        ]
      : [['id', 'DESC']],
    limit: query.limit,
  });
  return rows.map(toArticleView);
}

/** Articles for a ticket: those sharing words with its title, its own category's first. */
export async function suggestArticles(ticket: { title: string; category_id: number | null }): Promise<ArticleView[]> {
  // `ORDER BY 0` would name a column by position: a ticket without a category orders by relevance only.
  const categoryFirst: OrderItem[] =
    ticket.category_id === null ? [] : [[literal(`category_id = ${Math.trunc(ticket.category_id)}`), 'DESC']];
  const rows = await KbArticleRow.findAll({
    where: literal(`${relevance(ticket.title, 'NATURAL LANGUAGE')} > 0`),
    order: [...categoryFirst, [literal(relevance(ticket.title, 'NATURAL LANGUAGE')), 'DESC']],
    limit: SUGGESTIONS,
  });
  return rows.map(toArticleView);
}
