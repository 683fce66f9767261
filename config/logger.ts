import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { config } from './config';

/**
 * The process logger; authorization headers, passwords, tokens and webhook secrets are never
 * written, nor the rows a database error carries.
 */
export const logger = pino({
  level: config.logLevel,
  // A line written within a trace names it, so the trace of a logged request can be found.
  mixin() {
    const span = trace.getActiveSpan()?.spanContext();
    return span?.traceFlags ? { trace_id: span.traceId, span_id: span.spanId } : {};
  },
  redact: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["session-token"]',
    'req.headers["app-token"]',
    'req.query.session_token',
    'req.query.user_token',
    'req.query.app_token',
    'req.query.password',
    '*.password',
    '*.token',
    '*.secret',
    'password',
    'token',
    'secret',
    'err.errors[*].instance',
    'err.aggregateErrors[*].instance',
  ],
});

// The query parameters that carry a secret (GLPI clients may send their tokens and password in the URL).
const SECRET_PARAMS = /([?&](?:session_token|user_token|app_token|password)=)[^&#]*/gi;

/** A request as the access log writes it: its URL without the secrets GLPI clients may put in it. */
export const requestWithoutSecrets = <R extends { url?: string }>(req: R): R =>
  req.url ? { ...req, url: req.url.replace(SECRET_PARAMS, '$1[Redacted]') } : req;
