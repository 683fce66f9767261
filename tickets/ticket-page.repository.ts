import { literal, Op, QueryTypes, type Order, type WhereOptions } from 'sequelize';
import { TicketRow } from './ticket.models';
import { fullTextTerms } from './ticket-list-order';

// A page is first read by walking one index in the page's order, examining at most this many rows:
// fast whenever matches are not rare. Past that bound, the query is left to the optimizer, and text
// to the full-text index, which is fast precisely when matches are rare.
const MAX_EXAMINED = 5_000;
const ROWS_EXAMINED_EXCEEDED = 1931;
const SORT_ABORTED = 'ER_FILSORT_ABORT';

/** Equality filters whose (column, id) index can drive a scan in id order, most selective first. */
const DRIVING_INDEXES: [keyof TicketRow, string][] = [
  ['sla_breached', 'tickets_sla_breached_id'],
  ['status', 'tickets_status_id'],
  ['priority', 'tickets_priority_id'],
  ['level', 'tickets_level_id'],
];

export interface PageQuery {
  /** Filters, each an equality or a condition; the keys of plain equalities choose the index to walk. */
  filters: WhereOptions<TicketRow>[];
  equalities: Partial<Record<keyof TicketRow, unknown>>;
  q?: string;
  column: 'id' | 'priority';
  order: Order;
  limit: number;
  /** Rows the index walk may examine before the page is left to the optimizer. */
  maxExamined?: number;
}

const escapeLike = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

// Every word in the title or the description, as a substring (the collation ignores case and accents).
const wordsAnywhere = (q: string): WhereOptions<TicketRow>[] =>
  q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ({ [Op.or]: [{ title: { [Op.like]: escapeLike(word) } }, { description: { [Op.like]: escapeLike(word) } }] }));

function indexToWalk(query: PageQuery): string {
  if (query.column === 'priority') return 'tickets_priority_id';
  return DRIVING_INDEXES.find(([column]) => query.equalities[column] !== undefined)?.[1] ?? 'PRIMARY';
}

async function walkIndex(query: PageQuery, where: WhereOptions<TicketRow>[]): Promise<TicketRow[] | null> {
  const sequelize = TicketRow.sequelize!;
  const generator = sequelize.getQueryInterface().queryGenerator as {
    selectQuery(table: string, options: object, model: typeof TicketRow): string;
  };
  const select = generator
    .selectQuery('tickets', { where: { [Op.and]: where }, order: query.order, limit: query.limit }, TicketRow)
    .replace(/;$/, '')
    .replace('FROM `tickets` AS `TicketRow`', `FROM \`tickets\` AS \`TicketRow\` FORCE INDEX (\`${indexToWalk(query)}\`)`);
  try {
    return await sequelize.transaction(async (transaction) => {
      const rows = await sequelize.query(`${select} ROWS EXAMINED ${query.maxExamined ?? MAX_EXAMINED}`, {
        model: TicketRow,
        mapToModel: true,
        transaction,
      });
      const warnings = await sequelize.query<{ Code: number }>('SHOW WARNINGS', { type: QueryTypes.SELECT, transaction });
      return warnings.some((warning) => warning.Code === ROWS_EXAMINED_EXCEEDED) ? null : rows;
    });
  } catch (error) {
    if ((error as { original?: { code?: string } }).original?.code === SORT_ABORTED) return null;
    throw error;
  }
}

/** One page of tickets: `limit` rows matching every filter and the words of `q`, in `order`. */
export async function readTicketPage(query: PageQuery): Promise<TicketRow[]> {
  const walked = await walkIndex(query, query.q ? [...query.filters, ...wordsAnywhere(query.q)] : query.filters);
  if (walked) return walked;
  const terms = query.q ? fullTextTerms(query.q) : null;
  const text: WhereOptions<TicketRow>[] = !query.q
    ? []
    : terms
      ? [literal(`MATCH (title, description) AGAINST (${TicketRow.sequelize!.escape(terms)} IN BOOLEAN MODE)`), ...wordsAnywhere(query.q)]
      : wordsAnywhere(query.q);
  return TicketRow.findAll({ where: { [Op.and]: [...query.filters, ...text] }, order: query.order, limit: query.limit });
}
