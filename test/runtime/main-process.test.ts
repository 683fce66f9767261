import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/stack';
import { TEST_CLICKHOUSE, TEST_DB_URL } from '../support/test-settings';

const port = 30_000 + Math.floor(Math.random() * 20_000);
const demoPassword = `demo-${randomUUID()}`;
const env = {
  ...process.env,
  GUICHET_PORT: String(port),
  GUICHET_DB_URL: TEST_DB_URL,
  GUICHET_CLICKHOUSE_DATABASE: TEST_CLICKHOUSE.database,
  GUICHET_TEMPORAL_ADDRESS: inject('temporalAddress'),
  GUICHET_DEMO_PASSWORD: demoPassword,
  // A short history keeps the seed quick; its generation has tests of its own.
  GUICHET_DEMO_HISTORY_TICKETS: '50',
  GUICHET_LOG_LEVEL: 'warn',
};
let main: ChildProcess | undefined;

afterAll(() => {
  main?.kill('SIGKILL');
});

describe('the guichet process, as npm start runs it', () => {
  it('migrates and seeds the demo, serves the API with a worker and relay, and stops cleanly on SIGTERM', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env, stdio: 'pipe' });
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts'], { env, stdio: 'pipe' });
    main = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], { env, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'tech1', password: demoPassword }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${base}/`)).headers.get('content-type')).toContain('text/html');

    const exited = once(main, 'exit');
    main.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    main = undefined;
  });
});
