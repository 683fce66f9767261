// The API in this process, on a benchmark database of its own (migrated, with the shipped
// lifecycles, a support group, a category tree and a logged-in technician).
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { connectClickhouse } from '../analytics/clickhouse';
import { createDatabaseIfMissing } from '../db/create-database';
import { mariadbMigrator } from '../db/migrate';
import { defineModels } from '../db/models';
import { CategoryRow, GroupMemberRow, SupportGroupRow } from '../organisation/organisation.models';
import { UserRow } from '../users/user.models';
import { connectDatabase } from '../db/sequelize';
import { publishLifecycle } from '../lifecycles/lifecycle.repository';
import { SHIPPED_LIFECYCLES } from '../lifecycles/shipped-lifecycles';
import { allRoutes } from '../runtime/routes';
import { attachmentServiceOf } from '../attachments/attachment-settings';
import { hashPassword } from '../users/password';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureTicketSearchAttributes } from '../runtime/search-attributes';

export const BENCH_DB_URL = process.env['GUICHET_BENCH_DB_URL'] ?? 'mariadb://guichet:guichet@127.0.0.1:3306/guichet_bench_list';
export const BENCH_TEMPORAL_ADDRESS = process.env['GUICHET_TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
/** The benchmarks' own Temporal namespace: no worker of npm start's takes their tasks into another database. */
export const BENCH_NAMESPACE = 'guichet-bench';

/** A client of the benchmarks' namespace, registered if missing, with the tickets' search attributes. */
export async function benchTemporal(): Promise<Client> {
  const connection = await Connection.connect({ address: BENCH_TEMPORAL_ADDRESS });
  await connection.workflowService
    .registerNamespace({ namespace: BENCH_NAMESPACE, workflowExecutionRetentionPeriod: msToTs('1 day') })
    .catch((error: { code?: number }) => {
      if (error.code !== 6) throw error; // ALREADY_EXISTS
    });
  const client = new Client({ connection, namespace: BENCH_NAMESPACE });
  await ensureTicketSearchAttributes(client, BENCH_NAMESPACE);
  return client;
}

/** The API on the benchmark database; its tickets' workflows go to `namespace`. */
export async function startBenchApi(namespace = 'default') {
  const sequelize = connectDatabase(BENCH_DB_URL, 8);
  defineModels(sequelize);

  async function prepareReferences() {
    await createDatabaseIfMissing(BENCH_DB_URL);
    await mariadbMigrator(sequelize).up();
    for (const definition of SHIPPED_LIFECYCLES) await publishLifecycle(definition);
    const [n1] = await SupportGroupRow.findOrCreate({ where: { name: 'Support N1' }, defaults: { name: 'Support N1', level: 1 } });
    const [hardware] = await CategoryRow.findOrCreate({
      where: { parent_id: null, name_fr: 'Matériel' },
      defaults: { parent_id: null, name_fr: 'Matériel', name_en: 'Hardware' },
    });
    for (const [fr, en] of [
      ['Poste de travail', 'Workstation'],
      ['Imprimante', 'Printer'],
      ['Téléphonie', 'Telephony'],
    ] as const) {
      await CategoryRow.findOrCreate({
        where: { parent_id: hardware.id, name_fr: fr },
        defaults: { parent_id: hardware.id, name_fr: fr, name_en: en },
      });
    }
    for (const [fr, en] of [
      ['Logiciel', 'Software'],
      ['Réseau', 'Network'],
      ['Messagerie', 'E-mail'],
    ] as const) {
      await CategoryRow.findOrCreate({ where: { parent_id: null, name_fr: fr }, defaults: { parent_id: null, name_fr: fr, name_en: en } });
    }
    const password = `bench-${randomUUID()}`;
    const hash = await hashPassword(password);
    const [technician] = await UserRow.findOrCreate({
      where: { login: 'bench-tech' },
      defaults: { login: 'bench-tech', name: 'Bench', email: null, profile: 'technician', password_hash: hash },
    });
    await technician.update({ password_hash: hash });
    await GroupMemberRow.findOrCreate({ where: { group_id: n1.id, user_id: technician.id } });
    return {
      password,
      group: n1.id,
      hardware: hardware.id,
      categories: (await CategoryRow.findAll()).map((c) => c.id),
      technician: technician.id,
    };
  }

  const refs = await prepareReferences();
  const connection = Connection.lazy({ address: BENCH_TEMPORAL_ADDRESS });
  const connections = {
    sequelize,
    clickhouse: connectClickhouse({ url: 'http://127.0.0.1:8123', database: 'guichet', user: 'default', password: '' }),
    temporal: new Client({ connection, namespace }),
    close: async () => undefined,
  };
  const server = createApp(
    allRoutes(
      connections,
      {
        tokenTtlHours: 1,
        temporalNamespace: namespace,
        satisfactionDays: 30,
        webhookAllowPrivate: false,
        loginMaxFailures: 5,
        loginLockoutMinutes: 15,
        ldap: null,
        attachmentsDir: '.data/bench-attachments',
      },
      attachmentServiceOf({ attachmentsDir: '.data/bench-attachments', maxAttachmentMb: 20, maxTicketAttachmentsMb: 100 }),
    ),
    // The benchmark measures the API, not the limiter.
    { perIpPerMinute: 1e9, perUserPerMinute: 1e9, perTokenPerMinute: 1e9 },
  ).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench-tech', password: refs.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const call = async (path: string): Promise<{ ms: number; status: number; body: any }> => {
    const t0 = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body: unknown = await response.json();
    return { ms: performance.now() - t0, status: response.status, body };
  };
  return {
    sequelize,
    refs,
    base,
    token,
    call,
    close: async () => {
      server.close();
      await sequelize.close();
    },
  };
}
