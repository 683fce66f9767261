import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { IdempotentRequestRow } from './idempotent-request.models';

/** A write's answer as it is sent, and sent again to a retry. */
export interface StoredAnswer {
  status: number;
  body: string;
  etag: string | null;
}

/** What a write sent with a key may do: run (first time, or taking over from a process gone), or answer as before. */
export type Claim = { kind: 'run' } | { kind: 'answered'; answer: StoredAnswer } | { kind: 'running' } | { kind: 'other_request' };

export interface ClaimRequest {
  userId: number;
  key: string;
  requestHash: string;
  now: Date;
  /** How long the claiming process has before another may take over. */
  leaseMs: number;
  /** How long the outcome is kept for retries. */
  keepMs: number;
}

const where = (userId: number, key: string) => ({ user_id: userId, idempotency_key: key });

/**
 * Claims the key for this request. A row kept past its time is forgotten (when the key comes back
 * before the janitor got to it); a request whose process
 * stopped answering (lease over) or that a workflow accepted is run again: what it runs must be
 * idempotent itself from there (ticket Updates carry the key as their Update id).
 */
export async function claimIdempotentRequest(request: ClaimRequest): Promise<Claim> {
  const { userId, key, requestHash, now, leaseMs, keepMs } = request;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  try {
    await IdempotentRequestRow.create({
      ...where(userId, key),
      request_hash: requestHash,
      state: 'running',
      lease_until: leaseUntil,
      status: null,
      etag: null,
      body: null,
      expires_at: new Date(now.getTime() + keepMs),
    });
    return { kind: 'run' };
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
  }
  const row = await IdempotentRequestRow.findOne({ where: where(userId, key) });
  if (row && row.expires_at <= now) {
    await IdempotentRequestRow.destroy({ where: { ...where(userId, key), expires_at: { [Op.lte]: now } } });
  }
  if (!row || row.expires_at <= now) return claimIdempotentRequest(request);
  if (row.request_hash !== requestHash) return { kind: 'other_request' };
  if (row.state === 'done') {
    return { kind: 'answered', answer: { status: row.status!, body: row.body!, etag: row.etag } };
  }
  if (row.state === 'running' && row.lease_until > now) return { kind: 'running' };
  // One process takes over: the one whose update finds the row as it read it.
  const [taken] = await IdempotentRequestRow.update(
    { state: 'running', lease_until: leaseUntil },
    { where: { ...where(userId, key), state: row.state, lease_until: row.lease_until } },
  );
  return taken === 1 ? { kind: 'run' } : { kind: 'running' };
}

/** The process running the request is alive: another may not take the key over before `until`. */
export async function renewIdempotentLease(userId: number, key: string, until: Date): Promise<void> {
  await IdempotentRequestRow.update({ lease_until: until }, { where: { ...where(userId, key), state: 'running' } });
}

/** Keeps the final answer for retries. */
export async function recordIdempotentAnswer(userId: number, key: string, answer: StoredAnswer): Promise<void> {
  await IdempotentRequestRow.update({ state: 'done', ...answer }, { where: where(userId, key) });
}

/** A workflow accepted the request and will record it: a retry asks the workflow again, at once. */
export async function markIdempotentRequestAccepted(userId: number, key: string): Promise<void> {
  await IdempotentRequestRow.update({ state: 'accepted' }, { where: where(userId, key) });
}

/** The request failed before anything took effect: a retry runs it afresh. */
export async function releaseIdempotentRequest(userId: number, key: string): Promise<void> {
  await IdempotentRequestRow.destroy({ where: { ...where(userId, key), state: { [Op.ne]: 'done' } } });
}

/** Forgets outcomes kept past their time; returns how many. */
export async function forgetExpiredIdempotentRequests(now: Date, batch = 1000): Promise<number> {
  return IdempotentRequestRow.destroy({ where: { expires_at: { [Op.lte]: now } }, limit: batch });
}

/** Whose request, and its key, when it was sent with one. */
export interface IdempotencyScope {
  userId: number;
  key: string | undefined;
}

/** The Temporal Update id of a request sent with a key: the caller's key, kept apart from other callers' same key. */
export const updateIdOf = ({ userId, key }: IdempotencyScope, step = ''): string | undefined =>
  key === undefined ? undefined : `${userId}:${key}${step && `:${step}`}`;

class CreatedBefore extends Error {
  constructor(readonly id: number) {
    super('created by an earlier try of the same request');
  }
}

/**
 * Creates a row once per Idempotency-Key: the key's record keeps the new row's id, written in the
 * row's own transaction, so the retry of a request whose answer was lost finds the row instead of
 * creating a second one. Without a key, it simply creates.
 */
export async function createOnce<T extends { id: number }>(
  scope: IdempotencyScope,
  create: (transaction?: Transaction) => Promise<T>,
  find: (id: number) => Promise<T | null>,
): Promise<T> {
  if (scope.key === undefined) return create();
  const key = where(scope.userId, scope.key);
  const found = await createdBefore(scope, find);
  if (found) return found;
  try {
    return await IdempotentRequestRow.sequelize!.transaction(async (transaction) => {
      const row = await create(transaction);
      const [marked] = await IdempotentRequestRow.update({ created_id: row.id }, { where: { ...key, created_id: null }, transaction });
      // A take-over that ran meanwhile created it first: this one is undone.
      const first = marked === 0 ? (await IdempotentRequestRow.findOne({ where: key, transaction, lock: true }))?.created_id : null;
      if (first) throw new CreatedBefore(first);
      return row;
    });
  } catch (error) {
    if (!(error instanceof CreatedBefore)) throw error;
    const first = await find(error.id);
    if (!first) throw error;
    return first;
  }
}

/**
 * The row an earlier try of this request created (see `createOnce`), or null: a service whose
 * checks would refuse the request now that the row exists (already answered, already linked)
 * answers with it first.
 */
export async function createdBefore<T>(scope: IdempotencyScope, find: (id: number) => Promise<T | null>): Promise<T | null> {
  if (scope.key === undefined) return null;
  const earlier = (await IdempotentRequestRow.findOne({ where: where(scope.userId, scope.key) }))?.created_id;
  return earlier ? find(earlier) : null;
}
