import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import busboy from 'busboy';
import { create as contentDisposition } from 'content-disposition';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { recordAudit } from '../audit/audit-log.repository';
import { subjectOf } from '../audit/audit-subject';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  StillRecordingError,
  UnauthorizedError,
  ValidationError,
} from '../core/errors';
import { logger, requestWithoutSecrets } from '../config/logger';
import type { TrustProxy } from '../config/trust-proxy';
import { holdsAnyOf } from '../users/access';
import { API_TOKEN_PREFIX, userOfApiToken } from '../users/api-token.repository';
import { userOfToken } from '../users/auth.service';
import { RIGHTS, type Rights } from '../users/profiles';
import type { CurrentUser } from '../users/user';
import {
  claimIdempotentRequest,
  markIdempotentRequestAccepted,
  recordIdempotentAnswer,
  releaseIdempotentRequest,
  renewIdempotentLease,
  type StoredAnswer,
} from '../idempotency/idempotent-request.repository';
import { answerOf, errorMiddleware } from './error-middleware';
import { IDEMPOTENCY_KEEP_MS, IDEMPOTENCY_LEASE_MS, idempotencyKeyOf, requestHashOf } from './idempotent-writes';
import { openapiDocument } from './openapi';
import type { Download, Upload } from '../core/file-transfer';
import type { EventStream, Route } from './route';
import { observedRequests } from './observed-requests';
import { identifiedCaller, rateLimiters, type RateLimits } from './rate-limits';
import { parseOrFail } from '../core/parse-or-fail';
import { WEB_BUILD } from './web-build';
import { userGuideRouter } from '../guide/user-guide.routes';

// The dashboards' chart library, served from our own origin: the CSP allows no other.
const ECHARTS_FILE = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

// Who the bearer token stands for: a session's or an API token's user; 401 without a valid one.
async function identityOf(req: Request): Promise<CurrentUser> {
  const match = /^Bearer ([\w-]{20,200})$/.exec(req.get('authorization') ?? '');
  if (!match) throw new UnauthorizedError();
  const token = match[1]!;
  return token.startsWith(API_TOKEN_PREFIX) ? userOfApiToken(token) : userOfToken(token);
}

// The caller for the rate limits: null without a valid token; a service out of reach is still an error.
const identifiedOrNull = (req: Request): Promise<CurrentUser | null> =>
  identityOf(req).catch((error: unknown) => {
    if (error instanceof UnauthorizedError) return null;
    throw error;
  });

async function callerOf(req: Request, res: Response, route: Route, rights: Rights): Promise<CurrentUser> {
  const user = identifiedCaller(res) ?? (await identityOf(req));
  if (!holdsAnyOf(user.scopes, RIGHTS[rights]) && !(route.tokensToo && user.tokenId !== null))
    throw new ForbiddenError(`Your profile may not ${route.method.toUpperCase()} ${route.path}`);
  return user;
}

const KEEPALIVE_MS = 15_000;

// The stream opens at once; the route sends events until the client goes.
function eventStreamOf(req: Request, res: Response, closing: AbortSignal): EventStream {
  res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  const closed = new AbortController();
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  const end = () => {
    clearInterval(keepalive);
    closed.abort();
  };
  req.on('close', end);
  // A client gone before its stream opened has no close event left to send.
  if (req.destroyed) end();
  // A stopping server ends its streams; their clients reconnect to another process.
  const onClosing = () => {
    end();
    res.end();
  };
  if (closing.aborted) onClosing();
  else closing.addEventListener('abort', onClosing, { once: true });
  req.on('close', () => closing.removeEventListener('abort', onClosing));
  // Once the client has gone, late events are dropped rather than written to a closed response.
  const send = (event: string, data: unknown) => {
    if (!res.writableEnded && !closed.signal.aborted) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  return { send, closed: closed.signal };
}

// Every change, and every use of an API token, is in the audit log before the answer leaves.
async function audited(
  req: Request,
  route: Route,
  user: CurrentUser | null,
  params: unknown,
  result: unknown,
  status: number,
): Promise<void> {
  if (!user || (route.method === 'get' && user.tokenId === null)) return;
  await recordAudit({
    kind: route.method === 'get' ? 'token_used' : 'data_change',
    actorId: user.id,
    tokenId: user.tokenId,
    ip: req.ip,
    target: `${route.method.toUpperCase()} ${route.path}`,
    subject: subjectOf(route.path, params as Record<string, unknown>, result),
    status,
    details: result === null ? null : (route.auditDetails?.(result) ?? null),
  });
}

// A retry with the key of a write already answered gets that answer again.
function sendAnswer(res: Response, route: Route, answer: StoredAnswer): void {
  res.status(answer.status);
  if (answer.etag) res.set('ETag', answer.etag);
  res.type(route.produces && answer.status < 400 ? route.produces : 'application/json').send(answer.body);
}

/** Runs the caller's claim on an Idempotency-Key; throws when another request holds it. */
async function claimOrAnswer(req: Request, res: Response, route: Route, user: CurrentUser, key: string, keepMs: number): Promise<boolean> {
  const claim = await claimIdempotentRequest({
    userId: user.id,
    key,
    requestHash: requestHashOf(req),
    now: new Date(),
    leaseMs: IDEMPOTENCY_LEASE_MS,
    keepMs,
  });
  if (claim.kind === 'other_request') {
    throw new ConflictError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request');
  }
  if (claim.kind === 'running') throw new DomainError('request_in_progress', 'A request with this Idempotency-Key is still running');
  if (claim.kind === 'answered') {
    res.set('Idempotent-Replayed', 'true');
    sendAnswer(res, route, claim.answer);
    return false;
  }
  return true;
}

// A refusal is the request's outcome, kept for its retries; anything else (a service out of reach,
// a fault of ours) leaves the key free for a retry to run the request again.
async function settleFailure(user: CurrentUser, key: string, error: unknown): Promise<void> {
  const refusal = error instanceof DomainError ? answerOf(error) : null;
  const settle =
    refusal && refusal.status < 500
      ? recordIdempotentAnswer(user.id, key, { status: refusal.status, body: JSON.stringify(refusal.body), etag: null })
      : releaseIdempotentRequest(user.id, key);
  await settle.catch((cause: unknown) => logger.warn({ err: cause }, 'idempotency key left to its lease'));
}

function sendAccepted(res: Response, accepted: StillRecordingError): void {
  res.status(202).set('Location', accepted.location).json({ accepted: true, message: accepted.message, location: accepted.location });
}

const handlerOf =
  (route: Route, idempotencyKeepMs: number, closing: AbortSignal): RequestHandler =>
  async (req, res) => {
    const user = route.allow === 'anonymous' ? null : await callerOf(req, res, route, route.allow);
    const params = route.params ? parseOrFail(route.params, req.params) : req.params;
    const query = route.query ? parseOrFail(route.query, req.query) : {};
    const multipart = typeof req.is('multipart/form-data') === 'string';
    if (multipart !== (route.uploadField !== undefined) && (multipart || req.body !== undefined)) {
      throw new DomainError(
        'unsupported_media_type',
        route.uploadField ? 'Send the file as multipart/form-data' : 'Send the request body as application/json',
      );
    }
    const form = route.uploadField ? await multipartOf(req, route.uploadField) : undefined;
    const body = route.body ? parseOrFail(route.body, form ? form.fields : req.body) : undefined;
    const key = idempotencyKeyOf(req, route, user);
    if (user && key && !(await claimOrAnswer(req, res, route, user, key, idempotencyKeepMs))) return;
    const stream = route.produces === 'text/event-stream' ? eventStreamOf(req, res, closing) : undefined;
    if (stream) await audited(req, route, user, params, null, 200);
    // While the request runs, its process keeps the key; should it die, a retry takes over soon.
    const renewal =
      user && key
        ? setInterval(() => {
            renewIdempotentLease(user.id, key, new Date(Date.now() + IDEMPOTENCY_LEASE_MS)).catch(() => undefined);
          }, IDEMPOTENCY_LEASE_MS / 3)
        : undefined;
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    let result: unknown;
    try {
      result = await route.handle({
        params,
        query,
        body,
        user: user as CurrentUser,
        header: (name) => req.get(name),
        ip: req.ip ?? null,
        idempotencyKey: key,
        stream,
        gone: AbortSignal.any([gone.signal, closing]),
        upload: form?.upload,
      });
    } catch (error) {
      if (error instanceof StillRecordingError) {
        if (user && key) await markIdempotentRequestAccepted(user.id, key).catch(() => undefined);
        sendAccepted(res, error);
        return;
      }
      if (user && key) await settleFailure(user, key, error);
      throw error;
    } finally {
      clearInterval(renewal);
    }
    if (stream) {
      res.end();
      return;
    }
    if (route.produces === 'application/octet-stream') {
      sendDownload(res, result as Download);
      return;
    }
    const status = route.statusOf?.(result) ?? route.status ?? 200;
    await audited(req, route, user, params, result, status);
    const json = !route.produces || route.produces === 'application/json';
    const answer: StoredAnswer = {
      status,
      body: json ? JSON.stringify(result) : String(result),
      etag: route.etag ? `"${(result as { version: number }).version}"` : null,
    };
    // Should the key not be recorded now, its lease runs out and a retry runs again what is idempotent.
    if (user && key)
      await recordIdempotentAnswer(user.id, key, answer).catch((error: unknown) =>
        logger.warn({ err: error }, 'idempotent answer not kept'),
      );
    sendAnswer(res, route, answer);
  };

// A file is sent as it is stored: its sniffed type, never sniffed again by the browser, and only
// pictures shown in the page.
function sendDownload(res: Response, download: Download): void {
  res.status(200);
  res.set({
    'Content-Type': download.type,
    'Content-Length': String(download.size),
    'Content-Disposition': contentDisposition(download.name, { type: download.inline ? 'inline' : 'attachment' }),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=0',
  });
  // A read that fails midway ends the answer cut short, never the process.
  download.content.on('error', () => res.destroy());
  download.content.pipe(res);
}

/**
 * The fields of a multipart/form-data request up to its file, and the file as a stream: the
 * handler reads it while it arrives, so no file is held in memory. Fields after the file are
 * not read.
 */
function multipartOf(req: Request, field: string): Promise<{ fields: Record<string, string>; upload: Upload }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let parser: busboy.Busboy;
    try {
      // Browsers send a file's name as UTF-8 bytes: « Capture d’écran.png » stays as it was typed.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fieldSize: 10_000 } });
    } catch {
      reject(new DomainError('unsupported_media_type', 'Send the file as multipart/form-data with a boundary'));
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, content, info) => {
      if (name !== field) {
        content.resume();
        return;
      }
      resolve({ fields, upload: { name: info.filename || 'fichier', content } });
    });
    parser.on('error', () => reject(new ValidationError({ [field]: 'the multipart body could not be read' })));
    parser.on('close', () => reject(new ValidationError({ [field]: `attach the file in the field "${field}"` })));
    req.pipe(parser);
  });
}

// A body that is not JSON (nor a file for the routes that take one) is refused outright rather than half-understood.
const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json') && !req.is('multipart/form-data')) {
    next(new DomainError('unsupported_media_type', 'Send the request body as application/json'));
    return;
  }
  next();
};

/** Another API served beside ours, speaking its own protocol (GLPI's, under /apirest.php). */
export interface Door {
  path: string;
  router: Router;
}

// A request's id, in its log lines and its answer's X-Request-Id: the caller's (a proxy's) when it is a sane one, else a new one.
function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * The HTTP API and the web UI's static files, over the given route table, and the other `doors`. Behind the proxies
 * `trustProxy` names, the client's address is the one they forward.
 */
export function createApp(
  routes: Route[],
  rateLimits: RateLimits,
  trustProxy: TrustProxy = false,
  idempotencyKeepMs = IDEMPOTENCY_KEEP_MS,
  doors: Door[] = [],
  /** Aborts when the server stops: held requests answer at once and streams end, so that none is cut. */
  closing: AbortSignal = new AbortController().signal,
) {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.disable('x-powered-by');
  app.use(observedRequests);
  app.set('query parser', 'simple');
  // The web UI loads nothing but its own files and runs no inline code, so the policy can be strict.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // Attachments' pictures are fetched with the session's token and shown from blob: URLs.
          imgSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdOf,
      serializers: { req: requestWithoutSecrets },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use('/api', ...rateLimiters(rateLimits, identifiedOrNull), jsonBodiesOnly, express.json({ limit: '1mb', strict: true }));
  for (const route of routes) app[route.method](route.path, handlerOf(route, idempotencyKeepMs, closing));
  const openapi = openapiDocument(routes);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api', (req, _res, next) => next(new NotFoundError(`${req.method} ${req.originalUrl}`)));
  for (const door of doors) app.use(door.path, door.router);
  app.get('/vendor/echarts.min.js', (_req, res) => {
    res.sendFile(ECHARTS_FILE, { maxAge: '1d' });
  });
  app.use('/guide', userGuideRouter());
  // Built files carry a hash of their content in their name: they never change. The page naming them is checked each time.
  app.use('/assets', express.static(`${WEB_BUILD}/assets`, { immutable: true, maxAge: '1y' }));
  app.use(
    express.static(WEB_BUILD, { index: 'index.html', cacheControl: false, setHeaders: (res) => res.set('cache-control', 'no-cache') }),
  );
  if (!existsSync(`${WEB_BUILD}/index.html`)) logger.warn('The web UI is not built: run npm run build:web');
  app.use(errorMiddleware);
  return app;
}
