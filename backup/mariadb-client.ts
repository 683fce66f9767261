/** The MariaDB command-line clients' arguments for the database at `url`; its password goes by environment, never on the command line. */
export function mariadbClientOf(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const where = new URL(url);
  const database = decodeURIComponent(where.pathname.replace(/^\//, ''));
  if (!/^\w+$/.test(database)) throw new Error(`the database name "${database}" is not one a backup handles`);
  return {
    args: ['--protocol=tcp', '-h', where.hostname, '-P', where.port || '3306', '-u', decodeURIComponent(where.username)],
    env: { ...process.env, MYSQL_PWD: decodeURIComponent(where.password) },
    database,
  };
}
