// A MariaDB server of a test's own, on a free port with its data in a temporary folder, started
// by scripts/services.sh as the shared one is: a test may kill it without touching the others'.
import { execFile } from 'node:child_process';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const SERVICES = join(import.meta.dirname, '..', '..', 'scripts', 'services.sh');

export async function startMariadbInstance() {
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-mariadb-'));
  const port = await freePort();
  // Without GUICHET_DB_URL, services.sh runs its own server rather than using the one named there.
  const env = { ...process.env };
  delete env['GUICHET_DB_URL'];
  const services = (command: 'up' | 'down') =>
    promisify(execFile)('bash', [SERVICES, command, 'mariadb'], {
      env: { ...env, GUICHET_DATA_DIR: dataDir, GUICHET_MARIADB_PORT: String(port) },
    });
  await services('up');
  const pid = async () => Number((await readFile(join(dataDir, 'mariadb', 'mariadbd.pid'), 'utf8')).trim());
  return {
    url: `mariadb://guichet:guichet@127.0.0.1:${port}/guichet`,
    /** Kills the server as a crash would (SIGKILL): connections drop, queries are cut. */
    async kill(): Promise<void> {
      process.kill(await pid(), 'SIGKILL');
      while (await accepts(port)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    /** Starts it again on the same data and port, and returns once it answers. */
    restart: () => services('up').then(() => undefined),
    async stop(): Promise<void> {
      await services('down').catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Whether something listens on the port, as the server does until it is gone.
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
