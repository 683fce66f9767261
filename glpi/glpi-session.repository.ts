import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { sha256Hex } from '../core/sha256';
import { currentUserOf } from '../users/current-user.repository';
import { ApiTokenRow, UserRow } from '../users/user.models';
import type { CurrentUser } from '../users/user';
import { GlpiSessionRow } from './glpi-session.models';

/** Opens a session for `user` (with the API token they came with, if any) for `ttlHours`; answers its token, kept only hashed. */
export async function openGlpiSession(user: CurrentUser, ttlHours: number): Promise<string> {
  const token = randomBytes(24).toString('hex');
  const now = new Date();
  await GlpiSessionRow.create({
    token_hash: sha256Hex(token),
    user_id: user.id,
    api_token_id: user.tokenId,
    expires_at: new Date(now.getTime() + ttlHours * 3_600_000),
    created_at: now,
  });
  return token;
}

/**
 * The caller behind a session token, or null when the session is unknown, over, its account
 * disabled, or the API token it was opened with revoked or expired since.
 */
export async function userOfGlpiSession(token: string): Promise<CurrentUser | null> {
  const session = await GlpiSessionRow.findOne({ where: { token_hash: sha256Hex(token), expires_at: { [Op.gt]: new Date() } } });
  if (!session) return null;
  const user = await UserRow.findOne({ where: { id: session.user_id, disabled: false } });
  if (!user) return null;
  if (session.api_token_id !== null) {
    const live = await ApiTokenRow.count({
      where: {
        id: session.api_token_id,
        revoked_at: null,
        [Op.or]: [{ expires_at: null }, { expires_at: { [Op.gt]: new Date() } }],
      },
    });
    if (live === 0) return null;
  }
  return currentUserOf(user, session.api_token_id);
}

/** Closes a session; true when it was open. */
export async function closeGlpiSession(token: string): Promise<boolean> {
  return (await GlpiSessionRow.destroy({ where: { token_hash: sha256Hex(token) } })) > 0;
}

/** Forgets sessions over before `now`, a batch at a time; answers how many. */
export const forgetEndedGlpiSessions = (now: Date, batch = 1000): Promise<number> =>
  GlpiSessionRow.destroy({ where: { expires_at: { [Op.lte]: now } }, limit: batch });
