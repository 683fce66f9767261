import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { parse as parseQuery } from 'qs';
import { logger } from '../config/logger';
import { identifiedCaller, rateLimiters, type RateLimits } from '../api/rate-limits';
import type { CurrentUser } from '../users/user';
import { GlpiError, glpiErrorOf } from './glpi-errors';
import { listSearchOptions, BadSearchFieldError } from './glpi-search-options';
import { SUB_ITEM_TYPES, type GlpiService, type ItemOutcome, type SubItemType } from './glpi.service';

type Query = Record<string, unknown>;
type Handler = (req: Request, res: Response, query: Query) => Promise<void>;

// GLPI clients send the session and application tokens as headers or as query parameters.
const sessionTokenOf = (req: Request, query: Query): string | undefined =>
  req.get('session-token') ?? (typeof query['session_token'] === 'string' ? query['session_token'] : undefined);

const queryOf = (req: Request): Query => parseQuery(req.originalUrl.split('?')[1] ?? '', { depth: 4, arrayLimit: 100 });

const hasBody = (req: Request) => Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;

// `input` as one object or a list; GLPI refuses anything else.
function inputsOf(req: Request): { inputs: unknown[]; single: boolean } {
  const input = (req.body as { input?: unknown } | undefined)?.input;
  if (Array.isArray(input) && input.length > 0) return { inputs: input, single: false };
  if (input && typeof input === 'object') return { inputs: [input], single: true };
  throw new GlpiError(400, 'ERROR_BAD_ARRAY', 'input parameter must be an object or an array of objects');
}

const rangeHeader = (start: number, count: number, total: number) => `${start}-${start + count - 1}/${total}`;

// A list answered in full is 200; a part of it, 206; a range past the end, GLPI's error.
function sendRange(res: Response, page: { start: number; count: number; total: number }, body: unknown): void {
  if (page.total > 0 && page.start >= page.total)
    throw new GlpiError(400, 'ERROR_RANGE_EXCEED_TOTAL', 'Provided range exceed total count of data');
  res.set({ 'Content-Range': rangeHeader(page.start, page.count, page.total), 'Accept-Range': 'Ticket 1000' });
  res.status(page.count < page.total ? 206 : 200).json(body);
}

/** A bulk answer as GLPI gives it: all done, 207 with the failures among them, or 400 when none was. */
function sendOutcomes(res: Response, kind: 'ADD' | 'UPDATE' | 'DELETE', outcomes: ItemOutcome[], single: boolean, location?: string): void {
  const items = outcomes.map((outcome) =>
    kind === 'ADD' ? { id: outcome.id, message: outcome.message } : { [String(outcome.id)]: outcome.ok, message: outcome.message },
  );
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  if (failed === outcomes.length) {
    res.status(400).json([`ERROR_GLPI_${kind}`, single && kind === 'ADD' ? outcomes[0]!.message : items]);
  } else if (failed > 0) {
    res.status(207).json([`ERROR_GLPI_PARTIAL_${kind}`, items]);
  } else if (kind === 'ADD') {
    if (single && location) res.set('Location', `${location}/${outcomes[0]!.id}`);
    res.status(201).json(single ? items[0] : items);
  } else {
    res.status(200).json(items);
  }
}

const subItemTypeOrFail = (value: string | undefined): SubItemType => {
  const type = SUB_ITEM_TYPES.find((candidate) => candidate.toLowerCase() === value?.toLowerCase());
  if (!type) throw new GlpiError(400, 'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 'resource not found or not an instance of CommonDBTM');
  return type;
};

const idOrFail = (value: string | undefined): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new GlpiError(400, 'ERROR_ITEM_NOT_FOUND', 'Item not found');
  return id;
};

const flag = (value: unknown) => value === true || value === 'true' || value === '1';

/**
 * GLPI's REST API v1 under `/apirest.php/`: sessions, tickets and what they hold, search and
 * search options, answered as GLPI answers (its status codes, `[code, message]` errors, ranges).
 */
export function glpiRoutes(glpi: GlpiService, rateLimits: RateLimits): Router {
  const router = Router();
  const callerOrNull = async (req: Request): Promise<CurrentUser | null> => {
    const token = sessionTokenOf(req, queryOf(req));
    return token ? glpi.callerOf(token) : null;
  };
  const callerOrFail = async (req: Request, res: Response, query: Query): Promise<CurrentUser> => {
    const token = sessionTokenOf(req, query);
    if (!token) throw new GlpiError(400, 'ERROR_SESSION_TOKEN_MISSING', 'parameter session_token is missing or empty');
    const user = identifiedCaller(res) ?? (await glpi.callerOf(token));
    if (!user) throw new GlpiError(401, 'ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid');
    return user;
  };
  const withCaller =
    (handle: (req: Request, res: Response, user: CurrentUser, query: Query) => Promise<void>): Handler =>
    async (req, res, query) => {
      const user = await callerOrFail(req, res, query);
      await handle(req, res, user, query);
      await glpi
        .audit(user, { method: req.method, target: `${req.method} /apirest.php${req.path}`, ip: req.ip ?? null, status: res.statusCode })
        .catch((error: unknown) => logger.warn({ err: error }, 'GLPI call not audited'));
    };
  const on = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, handle: Handler) =>
    router[method](path, (req, res, next: NextFunction) => {
      const query = queryOf(req);
      if (method === 'get' && hasBody(req)) {
        next(new GlpiError(400, 'ERROR_JSON_PAYLOAD_FORBIDDEN', 'GET Request should not have json payload (http body)'));
        return;
      }
      handle(req, res, query).catch(next);
    });

  router.use(...rateLimiters(rateLimits, callerOrNull));
  router.use(express.json({ limit: '1mb', strict: true, type: () => true }));

  const initSession: Handler = async (req, res, query) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const param = (name: string) =>
      typeof query[name] === 'string' ? query[name] : typeof body[name] === 'string' ? body[name] : undefined;
    const session = await glpi.initSession(
      { authorization: req.get('authorization'), userToken: param('user_token'), login: param('login'), password: param('password') },
      req.ip ?? null,
    );
    res.status(200).json(session);
  };
  on('get', '/initSession', initSession);
  on('post', '/initSession', initSession);
  on(
    'get',
    '/killSession',
    withCaller(async (req, res, _user, query) => {
      await glpi.killSession(sessionTokenOf(req, query)!);
      res.status(200).json(true);
    }),
  );
  on(
    'get',
    '/getMyProfiles',
    withCaller(async (_req, res, user) => void res.json(await glpi.myProfiles(user))),
  );
  on(
    'get',
    '/getActiveProfile',
    withCaller(async (_req, res, user) => void res.json(glpi.activeProfile(user))),
  );
  on(
    'get',
    '/getFullSession',
    withCaller(async (_req, res, user) => void res.json(glpi.fullSession(user))),
  );
  on(
    'get',
    '/listSearchOptions/Ticket',
    withCaller(async (_req, res) => void res.json(listSearchOptions())),
  );
  on(
    'get',
    '/search/Ticket',
    withCaller(async (_req, res, user, query) => {
      const found = await glpi.search(user, query);
      const { start, data, ...counts } = found;
      const contentRange = rangeHeader(start, found.count, found.totalcount);
      const body = { ...counts, ...(data.length > 0 && { data }), 'content-range': contentRange };
      if (found.totalcount === 0) {
        res.status(200).json(body);
        return;
      }
      sendRange(res, { start, count: found.count, total: found.totalcount }, body);
    }),
  );
  on(
    'get',
    '/Ticket',
    withCaller(async (_req, res, user, query) => {
      const page = await glpi.tickets(user, {
        range: query['range'],
        sort: query['sort'],
        order: query['order'],
        expandDropdowns: flag(query['expand_dropdowns']),
      });
      if (page.total === 0) {
        res.status(200).json([]);
        return;
      }
      sendRange(res, { start: page.start, count: page.items.length, total: page.total }, page.items);
    }),
  );
  on(
    'get',
    '/Ticket/:id',
    withCaller(async (req, res, user, query) => {
      res.json(await glpi.ticket(user, idOrFail(req.params['id'] as string), flag(query['expand_dropdowns'])));
    }),
  );
  on(
    'post',
    '/Ticket',
    withCaller(async (req, res, user) => {
      const { inputs, single } = inputsOf(req);
      sendOutcomes(res, 'ADD', await glpi.addTickets(user, inputs), single, `${req.protocol}://${req.get('host')}${req.baseUrl}/Ticket`);
    }),
  );
  const update: Handler = withCaller(async (req, res, user) => {
    const { inputs } = inputsOf(req);
    const id = req.params['id'] as string | undefined;
    // On an item's URL, the URL names it; on the collection's, each input names its own.
    const named = id === undefined ? inputs : inputs.map((input) => ({ ...(input as object), id: idOrFail(id) }));
    sendOutcomes(res, 'UPDATE', await glpi.updateTickets(user, named), false);
  });
  for (const method of ['put', 'patch'] as const) {
    on(method, '/Ticket', update);
    on(method, '/Ticket/:id', update);
  }
  const remove: Handler = withCaller(async (req, res) => {
    const id = req.params['id'] as string | undefined;
    const inputs = id === undefined ? inputsOf(req).inputs : [{ id: idOrFail(id) }];
    sendOutcomes(res, 'DELETE', glpi.deleteTickets(inputs), false);
  });
  on('delete', '/Ticket', remove);
  on('delete', '/Ticket/:id', remove);
  on(
    'get',
    '/Ticket/:id/:type',
    withCaller(async (req, res, user) => {
      res.json(await glpi.subItems(user, idOrFail(req.params['id'] as string), subItemTypeOrFail(req.params['type'] as string)));
    }),
  );
  on(
    'post',
    '/Ticket/:id/:type',
    withCaller(async (req, res, user) => {
      const type = subItemTypeOrFail(req.params['type'] as string);
      const { inputs, single } = inputsOf(req);
      sendOutcomes(res, 'ADD', await glpi.addSubItems(user, type, idOrFail(req.params['id'] as string), inputs), single);
    }),
  );
  on(
    'post',
    '/:type',
    withCaller(async (req, res, user) => {
      const type = subItemTypeOrFail(req.params['type'] as string);
      const { inputs, single } = inputsOf(req);
      sendOutcomes(res, 'ADD', await glpi.addSubItems(user, type, null, inputs), single);
    }),
  );
  router.use((_req, _res, next) =>
    next(new GlpiError(400, 'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 'resource not found or not an instance of CommonDBTM')),
  );
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = error as { type?: string; status?: number };
    const glpiError =
      error instanceof BadSearchFieldError
        ? new GlpiError(400, 'ERROR', 'Bad field ID in search criteria')
        : body.type === 'entity.parse.failed'
          ? new GlpiError(400, 'ERROR_JSON_PAYLOAD_INVALID', 'JSON payload seems not valid')
          : glpiErrorOf(error);
    if (glpiError.status >= 500) logger.error({ err: error, url: req.originalUrl.split('?')[0] }, 'GLPI call failed');
    res.status(glpiError.status).json([glpiError.code, glpiError.message]);
  });
  return router;
}
