import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { FollowupRow, TaskRow, TicketEventRow } from './ticket.models';
import { TicketFeedRow, type FeedKind } from './ticket-feed.models';
import { eventFeedItem, followupFeedItem, taskFeedItem } from './ticket-feed-item';
import type { FeedItem } from './ticket-feed.schemas';

export interface FeedEntry {
  ticketId: number;
  kind: FeedKind;
  refId: number;
  /** The API token the change came through, if any. */
  tokenId: number | null;
}

/** Puts what the transaction writes in the change feed, committed with it; its place comes after commit. */
export async function appendToFeed(transaction: Transaction, { ticketId, kind, refId, tokenId }: FeedEntry): Promise<void> {
  await TicketFeedRow.create({ ticket_id: ticketId, kind, ref_id: refId, token_id: tokenId }, { transaction });
}

const SEQUENCED_AT_ONCE = 1000;

/**
 * Gives the committed rows still without a place the next places, in one transaction under the
 * lock of the sequence's single row: rows still being written are skipped (SKIP LOCKED) and get a
 * later place once committed, so places follow commit order and every reader sees them as a
 * prefix with no hole. Returns how many rows were placed.
 */
export async function sequenceFeed(sequelize: Sequelize): Promise<number> {
  // Most calls find nothing new, and take no lock.
  const waiting = await sequelize.query('SELECT 1 FROM ticket_feed WHERE position IS NULL LIMIT 1', { type: QueryTypes.SELECT });
  if (waiting.length === 0) return 0;
  return sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, async (transaction) => {
    const [sequence] = await sequelize.query<{ last_position: number | string }>(
      'SELECT last_position FROM ticket_feed_sequence WHERE id = 1 FOR UPDATE',
      { type: QueryTypes.SELECT, transaction },
    );
    const rows = await sequelize.query<{ id: number | string }>(
      'SELECT id FROM ticket_feed WHERE position IS NULL ORDER BY id LIMIT :count FOR UPDATE SKIP LOCKED',
      { replacements: { count: SEQUENCED_AT_ONCE }, type: QueryTypes.SELECT, transaction },
    );
    if (rows.length === 0) return 0;
    const last = Number(sequence!.last_position);
    const ids = rows.map((row) => Number(row.id));
    await sequelize.query(`UPDATE ticket_feed SET position = :last + FIND_IN_SET(id, :order) WHERE id IN (:ids)`, {
      replacements: { last, order: ids.join(','), ids },
      transaction,
    });
    await sequelize.query('UPDATE ticket_feed_sequence SET last_position = :end WHERE id = 1', {
      replacements: { end: last + ids.length },
      transaction,
    });
    return ids.length;
  });
}

/** The feed's current end: the last place given, once what was committed has its place. */
export async function feedEnd(sequelize: Sequelize): Promise<number> {
  await sequenceFeed(sequelize);
  const [row] = await sequelize.query<{ last_position: number | string }>('SELECT last_position FROM ticket_feed_sequence WHERE id = 1', {
    type: QueryTypes.SELECT,
  });
  return Number(row?.last_position ?? 0);
}

/** Who reads the feed: the entities where they read tickets and those where they work them (and read private followups). */
export interface FeedReader {
  userId: number;
  readerEntities: number[];
  deskEntities: number[];
}

export interface FeedPlace {
  position: number;
  ticketId: number;
  kind: FeedKind;
  refId: number;
  tokenId: number | null;
}

// Entity ids start at 1: an empty list becomes one no entity matches.
const orNone = (ids: number[]) => (ids.length > 0 ? ids : [0]);

/**
 * The places in (after, end] the reader may see, in order, at most `limit`: those of tickets in
 * the entities they read, or that they filed or are named on as requester or observer, private
 * followups only where they work the ticket's entity.
 */
export async function feedPlaces(
  sequelize: Sequelize,
  reader: FeedReader,
  after: number,
  end: number,
  limit: number,
): Promise<FeedPlace[]> {
  const rows = await sequelize.query<{
    position: number | string;
    ticket_id: number;
    kind: FeedKind;
    ref_id: number | string;
    token_id: number | null;
  }>(
    `SELECT f.position, f.ticket_id, f.kind, f.ref_id, f.token_id
       FROM ticket_feed f
       JOIN tickets t ON t.id = f.ticket_id
       LEFT JOIN ticket_followups fu ON f.kind = 'followup' AND fu.id = f.ref_id
      WHERE f.position > :after AND f.position <= :end
        AND (t.entity_id IN (:readers) OR t.requester_id = :user
             OR EXISTS (SELECT 1 FROM ticket_actors a
                         WHERE a.ticket_id = t.id AND a.kind IN ('requester', 'observer') AND a.actor_id = :user))
        AND (fu.id IS NULL OR fu.private = 0 OR t.entity_id IN (:desk))
      ORDER BY f.position
      LIMIT :limit`,
    {
      replacements: {
        after,
        end,
        limit,
        user: reader.userId,
        readers: orNone(reader.readerEntities),
        desk: orNone(reader.deskEntities),
      },
      type: QueryTypes.SELECT,
    },
  );
  return rows.map((row) => ({
    position: Number(row.position),
    ticketId: row.ticket_id,
    kind: row.kind,
    refId: Number(row.ref_id),
    tokenId: row.token_id,
  }));
}

/** What each place stands for, as the feed tells it, in the places' order. */
export async function feedItems(places: FeedPlace[]): Promise<FeedItem[]> {
  const idsOf = (kind: FeedKind) => places.filter((place) => place.kind === kind).map((place) => place.refId);
  const [events, followups, tasks] = await Promise.all([
    TicketEventRow.findAll({ where: { id: idsOf('event') } }),
    FollowupRow.findAll({ where: { id: idsOf('followup') } }),
    TaskRow.findAll({ where: { id: idsOf('task') } }),
  ]);
  const event = new Map(events.map((row) => [Number(row.id), row]));
  const followup = new Map(followups.map((row) => [row.id, row]));
  const task = new Map(tasks.map((row) => [row.id, row]));
  return places.map((place) => {
    if (place.kind === 'event') return eventFeedItem(event.get(place.refId)!);
    if (place.kind === 'followup') return followupFeedItem(followup.get(place.refId)!);
    return taskFeedItem(task.get(place.refId)!);
  });
}

/** The place at `position`, whoever may see it. */
export async function feedPlaceAt(position: number): Promise<FeedPlace | null> {
  const row = await TicketFeedRow.findOne({ where: { position } });
  return row && { position, ticketId: row.ticket_id, kind: row.kind, refId: Number(row.ref_id), tokenId: row.token_id };
}
