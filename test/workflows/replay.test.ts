import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, inject, it } from 'vitest';
import { tracedWorkerOptions } from '../../tracing/temporal-tracing';
import { startTracing } from '../../tracing/tracing';

// Histories recorded by earlier versions of the workflow code (test/support/record-workflow-histories.ts):
// a ticket open for months resumes on today's code, which must take the decisions it took then.
const HISTORIES_DIR = join(import.meta.dirname, '..', 'fixtures', 'workflow-histories');

const recordings = readdirSync(HISTORIES_DIR).sort();
const historiesOf = (label: string) =>
  readdirSync(join(HISTORIES_DIR, label))
    .sort()
    .map((file) => ({
      workflowId: `${label}/${file}`,
      history: proto.temporal.api.history.v1.History.decode(gunzipSync(readFileSync(join(HISTORIES_DIR, label, file)))),
    }));

describe('workflows running on earlier code', () => {
  it('has recordings to replay', () => {
    expect(recordings.length).toBeGreaterThan(0);
  });

  // Tracing is switched on in a running desk: tickets opened before it resume on a worker that traces.
  const traced = tracedWorkerOptions(startTracing(new SimpleSpanProcessor(new InMemorySpanExporter()), 'replay'), true);
  const workers = {
    'a worker': { workflowBundle: { code: inject('workflowBundle') } },
    'a worker that traces': { workflowBundle: { code: inject('tracedWorkflowBundle') }, ...traced },
  };
  const cases = recordings.flatMap((label) => Object.keys(workers).map((worker) => [label, worker] as [string, keyof typeof workers]));

  it.each(cases)(
    'replays every history recorded on %s with the same decisions, on %s',
    async (label, worker) => {
      const histories = historiesOf(label);
      const failed: string[] = [];
      for await (const { workflowId, error } of Worker.runReplayHistories(workers[worker], histories)) {
        if (error) failed.push(`${workflowId}: ${error instanceof Error ? error.message : String(error)}`);
      }
      expect(failed).toEqual([]);
      expect(histories.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
