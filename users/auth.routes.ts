import { z } from 'zod';
import { login } from './auth.service';
import type { LoginSettings } from './ldap-settings';
import { UserView } from './user';
import { route } from '../api/route';

const LoginBody = z.strictObject({ login: z.string().min(1).max(191), password: z.string().min(1).max(1024) });
const LoginResult = z.object({ token: z.string(), user: UserView });

export function authRoutes(settings: LoginSettings) {
  return [
    route({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Exchange a login and password (local, or checked against the directory) for a bearer token',
      tag: 'Auth',
      allow: 'anonymous',
      body: LoginBody,
      response: LoginResult,
      handle: async ({ body, ip }) => login(body.login, body.password, settings, ip),
    }),
  ];
}
