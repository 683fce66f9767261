import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../tracing/tracing';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

const spans = new InMemorySpanExporter();
let tracing: Tracing;
let stack: Stack;
let requester: TestUser;
let technician: TestUser;
let manager: TestUser;

beforeAll(async () => {
  tracing = startTracing(new SimpleSpanProcessor(spans), 'guichet-test');
  stack = await startStack({ tracing });
  requester = await stack.userWith('requester');
  technician = await stack.userWith('technician', 'N1');
  manager = await stack.userWith('manager');
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
});

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

// The chain of spans from the trace's first span of ours down to `leaf`, each the parent of the next.
function chainTo(leaf: ReadableSpan, all: ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(all.map((span) => [span.spanContext().spanId, span]));
  const chain = [leaf];
  for (let parent = byId.get(leaf.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.unshift(parent);
  return chain;
}

const startOf = (span: ReadableSpan) => span.startTime[0] * 1e9 + span.startTime[1];

describe('a transition traced', () => {
  it('is one trace, continuing the caller’s: request → Update → workflow → recording activity → its MariaDB writes', async () => {
    const created = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: {
        title: 'Imprimante du 3e hors ligne',
        description: 'Plus rien ne sort depuis ce matin.',
        type: 'incident',
        urgency: 3,
        impact: 2,
      },
    });
    expect(created.status).toBe(201);
    spans.reset();

    const answer = await stack.call('POST', `/api/v1/tickets/${created.body.id}/actions/assign`, {
      token: technician.token,
      body: { assignee: technician.id },
      headers: { traceparent: `00-${CALLER_TRACE}-00f067aa0ba902b7-01` },
    });
    expect(answer.status).toBe(200);

    // The workflow's spans leave its sandbox once its task completes: wait for the recording's writes to arrive.
    const ours = () => spans.getFinishedSpans().filter((span) => span.spanContext().traceId === CALLER_TRACE);
    const write = await eventually(async () =>
      ours().find((span) => span.name.startsWith('mariadb ') && chainTo(span, ours()).some((s) => s.name.startsWith('RunActivity:'))),
    );
    const chain = chainTo(write, ours());
    const [request, , , , activity] = chain as [ReadableSpan, ...ReadableSpan[]];
    expect(chain.map((span) => span.name)).toEqual([
      'POST /api/v1/tickets/:id/actions/:action',
      'StartWorkflowUpdate:applyAction',
      'HandleUpdate:applyAction',
      expect.stringMatching(/^StartActivity:record/),
      expect.stringMatching(/^RunActivity:record/),
      write.name,
    ]);
    // Each began after the one that caused it.
    const starts = chain.map(startOf);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // The first span carries the request's id as the answer gave it, and the caller's trace goes on from its span.
    expect(request.attributes['guichet.request_id']).toBe(answer.headers.get('x-request-id'));
    expect(request.attributes['http.response.status_code']).toBe(200);
    expect(request.parentSpanId).toBe('00f067aa0ba902b7');
    // The recording wrote the ticket's row, its events and the warehouse's outbox in MariaDB.
    const tables = ours()
      .filter((span) => span.name.startsWith('mariadb ') && chainTo(span, ours()).includes(activity!))
      .map((span) => span.attributes['db.collection.name']);
    expect(tables).toEqual(expect.arrayContaining(['tickets', 'ticket_events', 'outbox']));
    // Meanwhile the mail notifier polled MariaDB several times a second, outside any trace: none of it was traced.
    expect(spans.getFinishedSpans().filter((span) => span.name.startsWith('mariadb ') && !span.parentSpanId)).toEqual([]);
  });

  it('goes on to the warehouse: each batch the relay sends is traced, and a dashboard’s question is traced down to ClickHouse', async () => {
    // A batch begun before the last reset lost its first spans: wait for one sent wholly since.
    const childrenOf = (parent: ReadableSpan) =>
      spans.getFinishedSpans().filter((span) => span.parentSpanId === parent.spanContext().spanId);
    const batch = await eventually(async () =>
      spans
        .getFinishedSpans()
        .find((span) => span.name === 'outbox relay' && childrenOf(span).some((child) => child.name === 'clickhouse INSERT')),
    );
    expect(childrenOf(batch).map((span) => span.name)).toEqual(['clickhouse INSERT', 'mariadb RAW']);

    spans.reset();
    const answer = await stack.call('GET', '/api/v1/kpis/summary', { token: manager.token });
    expect(answer.status).toBe(200);
    const request = await eventually(async () => spans.getFinishedSpans().find((span) => span.name === 'GET /api/v1/kpis/summary'));
    const questions = spans
      .getFinishedSpans()
      .filter((span) => span.name === 'clickhouse SELECT' && chainTo(span, spans.getFinishedSpans())[0] === request);
    expect(questions.length).toBeGreaterThan(0);
  });
});
