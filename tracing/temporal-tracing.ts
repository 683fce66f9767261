import { createRequire } from 'node:module';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientOptions } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from './tracing';

/** The workflow-side interceptors: a workflow bundle built with this module traces its workflows, Updates and activities. */
export const WORKFLOW_TRACING_MODULE = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/**
 * A client's options that carry the caller's trace to the workflow with each start, Update and signal; none when the
 * process does not trace, so that untraced Updates pay nothing for it.
 */
export const tracedClientOptions = (traced: boolean): Pick<ClientOptions, 'interceptors'> =>
  traced ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } } : {};

/**
 * What a worker needs to trace: activities continue their workflow's trace, workflows' spans leave the sandbox through
 * a sink. A worker given a prebuilt bundle (`prebuilt`) has the workflow interceptors in it already.
 */
export function tracedWorkerOptions(tracing: Tracing, prebuilt: boolean): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      ...(!prebuilt && { workflowModules: [WORKFLOW_TRACING_MODULE] }),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
