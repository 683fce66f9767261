import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';

/** This process's tracing: where its spans go, and what they say they come from. */
export interface Tracing {
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends the spans still held, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Traces this process from now on: spans go to `spanProcessor`, the active span follows async calls, and
 * a caller's `traceparent` header continues its trace.
 */
export function startTracing(spanProcessor: SpanProcessor, serviceName: string): Tracing {
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return { spanProcessor, resource, shutdown: () => provider.shutdown() };
}

/** Spans sent in batches over OTLP/HTTP to `url` (a collector's /v1/traces); OTEL_EXPORTER_OTLP_HEADERS adds its credentials. */
export const otlpSpans = (url: string): SpanProcessor => new BatchSpanProcessor(new OTLPTraceExporter({ url }));
