import type { Request, RequestHandler } from 'express';
import { context, INVALID_SPAN_CONTEXT, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { httpRequestSeconds, httpRequestsInFlight } from '../metrics/metrics';
import { tracer } from '../tracing/spans';

// What a request is counted and traced under: its route's template, never its own path (ids would make a series each).
function routeLabelOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  return req.originalUrl.startsWith('/api') ? 'unmatched' : 'static';
}

// Health checks come every few seconds from each balancer: timed, never traced.
const UNTRACED = new Set(['/healthz', '/readyz']);

/**
 * Times each request (by method, route and status) and traces it: a server span, continuing the caller's trace when
 * it sends a `traceparent`, is the parent of whatever the request does; it carries the request's id.
 */
export const observedRequests: RequestHandler = (req, res, next) => {
  const end = httpRequestSeconds.startTimer();
  httpRequestsInFlight.inc();
  const caller = propagation.extract(context.active(), req.headers);
  const span = UNTRACED.has(req.path)
    ? trace.wrapSpanContext(INVALID_SPAN_CONTEXT)
    : tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, caller);
  res.on('finish', () => {
    const route = routeLabelOf(req);
    end({ method: req.method, route, status: String(res.statusCode) });
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({
      'http.route': route,
      'http.response.status_code': res.statusCode,
      'guichet.request_id': String(res.getHeader('x-request-id') ?? ''),
    });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  });
  res.on('close', () => {
    httpRequestsInFlight.dec();
    span.end();
  });
  context.with(trace.setSpan(caller, span), next);
};
