// A MariaDB, ClickHouse, Temporal or mail server of a test's own, on a free port with its data in a temporary
// folder, started by scripts/services.sh as the shared ones are: a test may kill it without
// touching the other tests' servers.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, statfs } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const SERVICES = join(import.meta.dirname, '..', '..', 'scripts', 'services.sh');
const run = promisify(execFile);

// The variables naming its ports (the first is the one clients use), the one naming a shared
// server instead, and where services.sh keeps its process id.
const SERVICE: Record<
  'mariadb' | 'temporal' | 'clickhouse' | 'mail',
  { portVariables: string[]; sharedVariable: string; pidFile: string }
> = {
  mariadb: { portVariables: ['GUICHET_MARIADB_PORT'], sharedVariable: 'GUICHET_DB_URL', pidFile: join('mariadb', 'mariadbd.pid') },
  temporal: {
    portVariables: ['GUICHET_TEMPORAL_PORT'],
    sharedVariable: 'GUICHET_TEMPORAL_ADDRESS',
    pidFile: join('temporal', 'temporal.pid'),
  },
  clickhouse: {
    portVariables: ['GUICHET_CLICKHOUSE_HTTP_PORT', 'GUICHET_CLICKHOUSE_TCP_PORT'],
    sharedVariable: 'GUICHET_CLICKHOUSE_URL',
    pidFile: join('clickhouse', 'clickhouse.pid'),
  },
  // Clients use its SMTP port; Dovecot's IMAP and LMTP ports are its own too.
  mail: {
    portVariables: ['GUICHET_SMTP_PORT', 'GUICHET_IMAP_PORT', 'GUICHET_LMTP_PORT'],
    sharedVariable: 'GUICHET_SMTP_URL',
    pidFile: join('mail', 'dovecot', 'dovecot.pid'),
  },
};

export type ServiceInstance = Awaited<ReturnType<typeof startServiceInstance>>;

/**
 * Starts the server (`port` is the one its clients use). With `diskMb`, its data lives on a file
 * system of that size of its own (a tmpfs), which a test may fill up.
 */
export async function startServiceInstance(name: keyof typeof SERVICE, { diskMb }: { diskMb?: number } = {}) {
  const { portVariables, sharedVariable, pidFile } = SERVICE[name];
  const dataDir = await mkdtemp(join(tmpdir(), `guichet-${name}-`));
  const disk = join(dataDir, name);
  if (diskMb) {
    await mkdir(disk);
    await run('mount', ['-t', 'tmpfs', '-o', `size=${diskMb}m`, 'tmpfs', disk]);
  }
  const ports: Record<string, string> = {};
  for (const variable of portVariables) ports[variable] = String(await freePort());
  const port = Number(ports[portVariables[0]!]);
  // Without the shared server's address, services.sh runs a server of its own rather than using that one.
  const env: NodeJS.ProcessEnv = { ...process.env, GUICHET_DATA_DIR: dataDir, ...ports };
  delete env[sharedVariable];
  const services = (command: 'up' | 'down') => run('bash', [SERVICES, command, name], { env });
  await services('up');
  const fillers: string[] = [];
  // Whether a file of that size fits on the server's disk now.
  const allocate = (file: string, size: number) =>
    run('fallocate', ['-l', String(size), file]).then(
      () => true,
      () => false,
    );
  return {
    port,
    /** Its other ports, by the variable that names them. */
    ports: Object.fromEntries(Object.entries(ports).map(([variable, value]) => [variable, Number(value)])),
    dataDir,
    /** Fills the server's disk but for `spareKb` (only with `diskMb`). */
    async fillDisk(spareKb: number): Promise<void> {
      // The server keeps writing meanwhile: what no longer fits is asked for again in halves, in
      // files of their own, until not a block more fits.
      for (;;) {
        const { bavail, bsize } = await statfs(disk);
        let size = bavail * bsize - spareKb * 1024;
        const filler = join(disk, `filler-${fillers.length}`);
        while (size >= bsize && !(await allocate(filler, size))) size = Math.floor(size / 2 / bsize) * bsize;
        // Not a block more fits: the disk is full.
        if (size < bsize) return;
        fillers.push(filler);
      }
    },
    /** Frees what `fillDisk` took. */
    async freeDisk(): Promise<void> {
      for (const filler of fillers.splice(0)) await rm(filler, { force: true });
    },
    /** Kills the server as a crash would (SIGKILL): connections drop, requests are cut. */
    async kill(): Promise<void> {
      process.kill(Number((await readFile(join(dataDir, pidFile), 'utf8')).trim()), 'SIGKILL');
      while (await accepts(port)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    /** Stops it as an operator would, keeping its data. */
    halt: () => services('down').then(() => undefined),
    /** Starts it again on the same data and port, and returns once it answers. */
    restart: () => services('up').then(() => undefined),
    async stop(): Promise<void> {
      await services('down').catch(() => undefined);
      if (diskMb) await run('umount', [disk]).catch(() => undefined);
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
