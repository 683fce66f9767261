import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ClickhouseSettings } from '../../analytics/clickhouse';

const baseDbUrl = process.env['GUICHET_DB_URL'] ?? 'mariadb://guichet:guichet@127.0.0.1:3306/guichet';

/** Tests get databases of their own beside the application's, emptied at every run. */
export const TEST_DB_URL = process.env['GUICHET_TEST_DB_URL'] ?? baseDbUrl.replace(/\/(\w+)(\?.*)?$/, '/$1_test$2');

export const TEST_CLICKHOUSE: ClickhouseSettings = {
  url: process.env['GUICHET_CLICKHOUSE_URL'] ?? 'http://127.0.0.1:8123',
  database: `${process.env['GUICHET_CLICKHOUSE_DATABASE'] ?? 'guichet'}_test`,
  user: process.env['GUICHET_CLICKHOUSE_USER'] ?? 'default',
  password: process.env['GUICHET_CLICKHOUSE_PASSWORD'] ?? '',
};

const scriptsDir = (): string =>
  execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], { encoding: 'utf8' }).trim();

/** The Temporal dev server (CLI) and time-skipping test server that scripts/services.sh installs. */
export const temporalBinaries = () => {
  const dir = scriptsDir();
  return { cli: join(dir, 'temporal'), testServer: join(dir, 'temporal-test-server') };
};

/** The mail server scripts/services.sh runs: every address under its domain is a mailbox, opened with one password. */
export const TEST_MAIL = {
  smtpPort: Number(process.env['GUICHET_SMTP_PORT'] ?? 2525),
  imapPort: Number(process.env['GUICHET_IMAP_PORT'] ?? 1143),
  domain: process.env['GUICHET_MAIL_DOMAIN'] ?? 'guichet.test',
  password: () =>
    process.env['GUICHET_MAIL_PASSWORD'] ??
    readFileSync(
      join(process.env['GUICHET_DATA_DIR'] ?? join(import.meta.dirname, '..', '..', '.data'), 'mail', 'password'),
      'utf8',
    ).trim(),
};
