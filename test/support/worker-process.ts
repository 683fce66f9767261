// A ticket worker in a process of its own (test/support/run-ticket-worker.ts), which a test may kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

let bundlePath: string | undefined;

/** Starts the worker on the run's workflow bundle and Temporal server; resolves once it polls. */
export async function startWorkerProcess(): Promise<ChildProcess> {
  if (!bundlePath) {
    bundlePath = join(mkdtempSync(join(tmpdir(), 'guichet-worker-')), 'workflows.js');
    writeFileSync(bundlePath, inject('workflowBundle'));
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-ticket-worker.ts', inject('temporalAddress'), bundlePath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
  return child;
}
