import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { findVisibleTickets } from '../tickets/ticket.repository';
import { usersExistOrFail } from '../tickets/action-references';
import { UserRow } from '../users/user.models';
import { entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { assetHistory, assetInScope, computerViewOf, listComputers, type AssetScope } from './computer-view.repository';
import type { AssetHistoryPage, AssetHistoryQuery, ComputerQuery, ComputerView, EditComputerBody } from './computer.schemas';
import { recordAssetChanges, updateEditedComputer } from './computer.repository';

const scopeOf = (user: CurrentUser, right: 'readers' | 'desk'): AssetScope => ({ entities: entitiesWhere(user, right), userId: user.id });

// A person in an asset's history is named, not numbered.
const nameOf = async (id: number | null | undefined): Promise<string | null> =>
  id ? ((await UserRow.findByPk(id))?.name ?? String(id)) : null;

/**
 * The computers of the inventory: the desk and those who read its figures see their entities',
 * and everyone sees the ones that are theirs, with the tickets about them they may see.
 */
export function createComputerService(sequelize: Sequelize) {
  return {
    list: (user: CurrentUser, query: ComputerQuery) => listComputers(sequelize, scopeOf(user, 'readers'), query),

    async getOrFail(user: CurrentUser, id: number): Promise<ComputerView> {
      const view = await computerViewOf(sequelize, id, scopeOf(user, 'readers'));
      if (!view) throw new NotFoundError(`Asset ${id}`);
      const { rows } = await findVisibleTickets(user, { asset: id, sort: '-id', limit: 100 });
      const tickets = rows.map((row) => ({
        id: row.id,
        title: row.title,
        type: row.type,
        status: row.status,
        priority: row.priority,
        openedAt: row.opened_at.toISOString(),
        resolvedAt: row.resolved_at?.toISOString() ?? null,
      }));
      return { ...view, tickets };
    },

    /** A page of an asset's history, older than the asset's page shows. */
    async historyOrFail(user: CurrentUser, id: number, query: AssetHistoryQuery): Promise<AssetHistoryPage> {
      const asset = await assetInScope(sequelize, id, scopeOf(user, 'readers'));
      if (!asset) throw new NotFoundError(`Asset ${id}`);
      return assetHistory(sequelize, asset, query);
    },

    /** Changes what a person keeps of a computer of an entity where they work tickets, with each change in its history. */
    async edit(user: CurrentUser, id: number, body: EditComputerBody): Promise<ComputerView> {
      const before = await computerViewOf(sequelize, id, { entities: entitiesWhere(user, 'desk'), userId: 0 });
      if (!before) throw new NotFoundError(`Asset ${id}`);
      if (typeof body.user === 'number') await usersExistOrFail([body.user], 'user');
      const changed = (Object.keys(body) as (keyof EditComputerBody)[]).filter(
        (field) => body[field] !== undefined && body[field] !== before[field],
      );
      const changes = await Promise.all(
        changed.map(async (field) =>
          field === 'user'
            ? { field, before: await nameOf(before.user), after: await nameOf(body.user) }
            : { field, before: before[field], after: body[field] ?? null },
        ),
      );
      await sequelize.transaction(async (transaction) => {
        await updateEditedComputer(sequelize, id, body, transaction);
        await recordAssetChanges(sequelize, { type: before.kind, id }, changes, { source: 'person', userId: user.id }, transaction);
      });
      return this.getOrFail(user, id);
    },
  };
}

export type ComputerService = ReturnType<typeof createComputerService>;
