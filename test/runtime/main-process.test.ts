import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerNamespace } from '../support/temporal-namespace';
import { eventually } from '../support/stack';
import { freePort } from '../support/free-port';
import { TEST_CLICKHOUSE, TEST_DB_URL } from '../support/test-settings';

const port = 30_000 + Math.floor(Math.random() * 20_000);
const NAMESPACE = 'guichet-main-process';
const demoPassword = `demo-${randomUUID()}`;
const env = {
  ...process.env,
  GUICHET_PORT: String(port),
  GUICHET_DB_URL: TEST_DB_URL,
  GUICHET_CLICKHOUSE_DATABASE: TEST_CLICKHOUSE.database,
  GUICHET_TEMPORAL_ADDRESS: inject('temporalAddress'),
  // A namespace of its own: its worker takes no task of the other test files' stacks, whose mailbox
  // passes may wait minutes for mail and would hold its shutdown.
  GUICHET_TEMPORAL_NAMESPACE: NAMESPACE,
  GUICHET_DEMO_PASSWORD: demoPassword,
  // A short history keeps the seed quick; its generation has tests of its own.
  GUICHET_DEMO_HISTORY_TICKETS: '50',
  GUICHET_LOG_LEVEL: 'warn',
  GUICHET_METRICS_PORT: String(port + 1),
  GUICHET_TEMPORAL_METRICS_PORT: String(port + 2),
};
let main: ChildProcess | undefined;
// Every process a test starts is killed at the end, whatever became of the test: one left running would
// relay and notify from the test database for the tests after it.
const started = new Set<ChildProcess>();
function startMain(environment: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], { env: environment, stdio: 'ignore' });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

beforeAll(async () => {
  await registerNamespace(NAMESPACE);
});

afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
});

// Each test starts a process that bundles its workflows first: under load that alone can take a minute.
describe('the guichet process, as npm start runs it', { timeout: 180_000 }, () => {
  it('migrates and seeds the demo, serves the API with a worker and relay, and stops cleanly on SIGTERM', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env, stdio: 'pipe' });
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts'], { env, stdio: 'pipe' });
    main = startMain(env);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'tech1', password: demoPassword }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${base}/`)).headers.get('content-type')).toContain('text/html');
    // Its metrics on a port of their own, and its worker's from the Temporal SDK beside them.
    const metrics = await (await fetch(`http://127.0.0.1:${port + 1}/metrics`)).text();
    expect(metrics).toContain('guichet_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="200"} 1');
    expect(metrics).toMatch(/^guichet_outbox_events \d+$/m);
    const sdk = await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${port + 2}/metrics`)).text();
      return text.includes('temporal_') ? text : undefined;
    });
    expect(sdk).toContain('temporal_');

    const exited = once(main, 'exit');
    main.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    main = undefined;
  });

  it('serves HTTPS only when a certificate and its key are configured, and refuses half a configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-tls-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'pipe' },
    );
    const tlsPort = port + 1;
    const tlsEnv = { ...env, GUICHET_PORT: String(tlsPort), GUICHET_ROLES: 'api', GUICHET_TLS_CERT_FILE: cert, GUICHET_TLS_KEY_FILE: key };
    main = startMain(tlsEnv);
    const ca = readFileSync(cert);
    const readyOverTls = () =>
      new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: tlsPort, path: '/readyz', ca, servername: 'localhost' }, (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, hsts: response.headers['strict-transport-security'] });
        }).on('error', reject);
      });
    const answer = await eventually(async () => readyOverTls().catch(() => undefined), 60_000);
    expect(answer.status).toBe(200);
    expect(answer.hsts).toContain('max-age=');
    await expect(fetch(`http://127.0.0.1:${tlsPort}/readyz`)).rejects.toThrow();
    main.kill('SIGTERM');
    await once(main, 'exit');
    main = undefined;

    const half = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
      env: { ...tlsEnv, GUICHET_TLS_KEY_FILE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [half.stdout, half.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(half, 'exit');
    expect(code).not.toBe(0);
    expect(output).toContain('Set both GUICHET_TLS_CERT and GUICHET_TLS_KEY');
    expect(output).not.toContain('BEGIN CERTIFICATE');
  });

  it('names every invalid setting at once, one line each, and starts nothing', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
      env: { ...env, GUICHET_PORT: 'trois-mille', GUICHET_RELAY_BATCH_SIZE: '0', GUICHET_METRICS_HOST: '0.0.0.0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [bad.stdout, bad.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    const problems = output.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems.map((line) => line.slice(4, line.indexOf(':')))).toEqual([
      'GUICHET_PORT',
      'GUICHET_METRICS_TOKEN',
      'GUICHET_RELAY_BATCH_SIZE',
    ]);
    expect(output).toContain('required when GUICHET_METRICS_HOST is not loopback');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('sends its traces over OTLP when GUICHET_TRACES_URL names a collector: a transition is one trace, down to its workflow and its recording', async () => {
    // A collector's OTLP/HTTP endpoint, as the exporter sends to it (JSON).
    interface OtlpSpan {
      traceId: string;
      name: string;
      attributes: { key: string; value: { stringValue?: string } }[];
    }
    const received: { service: string; span: OtlpSpan }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { resourceSpans } = JSON.parse(body) as {
          resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const { resource, scopeSpans } of resourceSpans) {
          const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const { spans } of scopeSpans) for (const span of spans) received.push({ service, span });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorPort = await freePort();
    collector.listen(collectorPort, '127.0.0.1');
    main = startMain({ ...env, GUICHET_TRACES_URL: `http://127.0.0.1:${collectorPort}/v1/traces` });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);
    const { token, user } = (await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'tech1', password: demoPassword }),
      })
    ).json()) as { token: string; user: { id: number } };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const filed = await fetch(`${base}/api/v1/tickets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: 'Écran noir au poste 12',
        description: 'Il ne s’allume plus.',
        type: 'incident',
        urgency: 3,
        impact: 3,
      }),
    });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: number };
    const assigned = await fetch(`${base}/api/v1/tickets/${id}/actions/assign`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ assignee: user.id }),
    });
    expect(assigned.status).toBe(200);
    const requestId = assigned.headers.get('x-request-id');

    const request = await eventually(async () =>
      received.find(({ span }) => span.attributes.some((a) => a.key === 'guichet.request_id' && a.value.stringValue === requestId)),
    );
    expect(request.span.name).toBe('POST /api/v1/tickets/:id/actions/:action');
    expect(request.service).toBe('guichet-api+worker+relay');
    // The ticket's workflow took the Update in this process's worker and recorded it, in the same trace.
    const trace = await eventually(async () => {
      const names = received.filter(({ span }) => span.traceId === request.span.traceId).map(({ span }) => span.name);
      return names.some((name) => name.startsWith('RunActivity:record')) ? names : undefined;
    });
    expect(trace).toEqual(expect.arrayContaining(['StartWorkflowUpdate:applyAction', 'HandleUpdate:applyAction', 'mariadb INSERT']));
    // Load balancers' health checks are not traced.
    expect(received.map(({ span }) => span.name)).not.toContain('GET /readyz');

    const exited = once(main, 'exit');
    main.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    main = undefined;
    collector.close();
  });

  it('answers every request in flight on SIGTERM, held ones and streams included, then stops', async () => {
    main = startMain(env);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);
    const { token } = (await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'tech1', password: demoPassword }),
      })
    ).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const { nextCursor } = (await (await fetch(`${base}/api/v1/events?after=latest`, { headers })).json()) as { nextCursor: string };
    // Nineteen held for 25 s each, waiting for a change that does not come, and a stream of changes.
    const held = Array.from({ length: 19 }, () => fetch(`${base}/api/v1/events?after=${nextCursor}&wait=25`, { headers }));
    const stream = fetch(`${base}/api/v1/tickets/changes`, { headers: { ...headers, accept: 'text/event-stream' } });
    const inFlight = async () => {
      const text = await (await fetch(`http://127.0.0.1:${port + 1}/metrics`)).text();
      return Number(/^guichet_http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0) >= 20 ? true : undefined;
    };
    await eventually(inFlight);

    // Streams still opening as the signal comes: each is answered or refused, none keeps the process up.
    const late = Array.from({ length: 5 }, () =>
      fetch(`${base}/api/v1/tickets/changes`, { headers: { ...headers, accept: 'text/event-stream' } })
        .then(async (answer) => ({ status: answer.status, text: await answer.text() }))
        .catch(() => ({ status: 0, text: '' })),
    );
    const started = Date.now();
    const exited = once(main, 'exit');
    main.kill('SIGTERM');
    for (const { status, text } of await Promise.all(late)) if (status !== 0) expect(text).toContain('retry:');
    const answers = await Promise.all(held);
    expect(answers.map((answer) => answer.status)).toEqual(Array(19).fill(200));
    for (const answer of answers) expect(((await answer.json()) as { items: unknown[] }).items).toEqual([]);
    const streamed = await stream;
    expect(streamed.status).toBe(200);
    // The stream ends as a stream does, not cut.
    expect(await streamed.text()).toContain('retry:');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    main = undefined;
  });
});
