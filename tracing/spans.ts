import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/** guichet's own spans; they record nothing until tracing is started. */
export const tracer = trace.getTracer('guichet');

async function runIn<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** Runs `work` in a span of its own trace, failed if `work` throws. */
export const inRootSpan = <T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> =>
  tracer.startActiveSpan(name, { root: true, attributes }, (span) => runIn(span, work));

/** Runs `work` in a client span under the active one; outside any trace, runs it untraced. */
export const inClientSpan = <T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> =>
  trace.getActiveSpan() ? tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) => runIn(span, work)) : work();
