import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { AuthTokenRow, UserRow } from '../db/models';
import { UnauthorizedError } from '../core/errors';
import { passwordMatches } from './password';
import { toUserView, type CurrentUser, type UserView } from './user';

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Checks a login and password and issues a bearer token, valid for `ttlHours`. */
export async function login(loginName: string, password: string, ttlHours: number): Promise<{ token: string; user: UserView }> {
  const user = await UserRow.findOne({ where: { login: loginName } });
  const ok = await passwordMatches(user?.password_hash ?? null, password);
  if (!user || !ok) throw new UnauthorizedError('Unknown login or wrong password');
  const token = randomBytes(32).toString('base64url');
  await AuthTokenRow.create({ token_hash: sha256(token), user_id: user.id, expires_at: new Date(Date.now() + ttlHours * 3_600_000) });
  return { token, user: toUserView(user) };
}

/** The user a bearer token belongs to; tokens are long random secrets, so a SHA-256 lookup is enough. */
export async function userOfToken(token: string): Promise<CurrentUser> {
  const row = await AuthTokenRow.findOne({
    where: { token_hash: sha256(token), expires_at: { [Op.gt]: new Date() } },
    include: [{ model: UserRow, as: 'user', required: true }],
  });
  const user = row?.user;
  if (!user) throw new UnauthorizedError('The bearer token is unknown or expired; log in again');
  return toUserView(user);
}
