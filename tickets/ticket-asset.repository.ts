import { literal, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AssetKind } from '../inventory/asset-row';
import { recordAssetChanges } from '../inventory/computer.repository';
import type { LinkedAsset } from './ticket-assets';

/** An asset as linking a ticket to it needs it: where it belongs, whose it is, what it is. */
export interface AssetToLink extends LinkedAsset {
  kind: AssetKind;
  entity_id: number;
  user_id: number | null;
  name: string;
}

/** The assets of `ids` that exist, in ascending id order. */
export async function assetsToLink(sequelize: Sequelize, ids: readonly number[], transaction?: Transaction): Promise<AssetToLink[]> {
  if (ids.length === 0) return [];
  return sequelize.query<AssetToLink>(
    'SELECT id, kind, entity_id, user_id, name, manufacturer, model FROM assets WHERE id IN (:ids) ORDER BY id',
    { replacements: { ids }, type: QueryTypes.SELECT, transaction },
  );
}

/**
 * Links the ticket to the assets `added` and unlinks it from those of `removed`, each change a line
 * of the asset's history ("ticket": the ticket's number and title, by the person who made it).
 */
export async function relinkTicketAssets(
  sequelize: Sequelize,
  transaction: Transaction,
  ticket: { id: number; title: string },
  change: { added: readonly AssetToLink[]; removed: readonly number[] },
  userId: number,
): Promise<void> {
  const named = `#${ticket.id} ${ticket.title}`;
  if (change.added.length > 0) {
    await sequelize.query(
      `INSERT INTO ticket_assets (ticket_id, asset_id, linked_by, linked_at) VALUES ${change.added.map(() => '(?, ?, ?, UTC_TIMESTAMP(3))').join(', ')}`,
      { replacements: change.added.flatMap((asset) => [ticket.id, asset.id, userId]), transaction },
    );
  }
  const unlinked =
    change.removed.length === 0
      ? []
      : await sequelize.query<{ id: number; kind: AssetKind }>(
          'SELECT a.id, a.kind FROM ticket_assets l JOIN assets a ON a.id = l.asset_id WHERE l.ticket_id = :ticket AND l.asset_id IN (:removed)',
          { replacements: { ticket: ticket.id, removed: change.removed }, type: QueryTypes.SELECT, transaction },
        );
  if (unlinked.length > 0) {
    await sequelize.query('DELETE FROM ticket_assets WHERE ticket_id = :ticket AND asset_id IN (:removed)', {
      replacements: { ticket: ticket.id, removed: change.removed },
      transaction,
    });
  }
  const lines = [
    ...change.added.map((asset) => ({ asset, before: null, after: named })),
    ...unlinked.map((asset) => ({ asset, before: named, after: null })),
  ];
  for (const { asset, before, after } of lines) {
    await recordAssetChanges(
      sequelize,
      { type: asset.kind, id: asset.id },
      [{ field: 'ticket', before, after }],
      { source: 'person', userId },
      transaction,
    );
  }
}

/** A condition on tickets: those that concern the asset. */
export const concerningAsset = (assetId: number) =>
  literal(`\`TicketRow\`.\`id\` IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = ${Math.trunc(assetId)})`);
