/** The PostgreSQL command-line clients' arguments for the server at `url`; its password goes by environment, never on the command line. */
export function postgresClientOf(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const where = new URL(url);
  return {
    args: ['-h', where.hostname, '-p', where.port || '5432', '-U', decodeURIComponent(where.username)],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(where.password) },
  };
}

/** The Temporal server's two databases on the cluster's PostgreSQL: its persistence and its visibility. */
export const TEMPORAL_POSTGRES_DATABASES = ['temporal', 'temporal_visibility'] as const;

/** The file a backup keeps one of them in (PostgreSQL's custom format). */
export const postgresDumpFile = (database: string) => `postgres-${database}.dump`;
